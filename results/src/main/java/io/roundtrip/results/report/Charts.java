package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import io.roundtrip.model.Percentiles;
import io.roundtrip.model.capacity.UniversalScalabilityLaw;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import java.awt.Font;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart and encoded as PNG {@code data:} URIs to inline into the HTML. (XChart draws
 * text as glyph outlines, which makes its SVG output about 15 times the size of the PNG.)
 */
final class Charts {

    static final int WIDTH = 1100;
    /** The smallest chart height; charts with many series grow so that the legend (at the right) fits. */
    static final int HEIGHT = 480;
    private static final int LEGEND_ROW = 21;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22),
    };
    /** The first chart, beside the findings: short enough that both fit a 1,400 × 900 screen. */
    static final int FIRST_HEIGHT = 360;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);

    private Charts() {}

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * HdrHistogram's percentile distribution plot: latency against {@code 1/(1 − q)} on a log axis, so that 90%, 99%,
     * 99.9% are evenly spaced. One solid line per scenario's measurement, one dashed line per prediction.
     */
    static String percentileDistribution(String title, List<ScenarioResult> results) {
        int series = (int) (results.stream().filter(r -> r.latencies().okCount() > 0).count()
                + results.stream().filter(r -> r.prediction().isPresent()).count());
        XYChart chart = base(title, "1/(1−q), log scale: 10 = p90, 100 = p99, 1,000 = p99.9", "latency (ms)", series);
        // No tick-label formatting function here: XChart 3.8.8 ignores the log scale with one and loops.
        chart.getStyler().setXAxisLogarithmic(true);
        int colour = 0;
        for (ScenarioResult result : results) {
            Color c = PALETTE[colour++ % PALETTE.length];
            Histogram ok = result.latencies().ok();
            if (ok.getTotalCount() > 0) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                double maxX = ok.getTotalCount();
                for (HistogramIterationValue v : ok.percentiles(5)) {
                    double q = v.getPercentileLevelIteratedTo() / 100;
                    double x = q >= 1 ? maxX : Math.min(maxX, 1 / (1 - q));
                    xs.add(x);
                    ys.add(ok.highestEquivalentValue(v.getValueIteratedTo()) / 1e6);
                    if (q >= 1) {
                        break;
                    }
                }
                XYSeries measured = chart.addSeries(result.name() + " measured", xs, ys);
                measured.setMarker(SeriesMarkers.NONE).setLineColor(c).setLineStyle(SeriesLines.SOLID);
            }
            result.prediction().ifPresent(p -> {
                List<io.roundtrip.model.Quantile> points = Predictions.quantileFunction(p);
                if (!points.isEmpty()) {
                    double[] xs = points.stream().mapToDouble(qp -> 1 / (1 - qp.q())).toArray();
                    double[] ys = points.stream().mapToDouble(io.roundtrip.model.Quantile::ms).toArray();
                    XYSeries predicted = chart.addSeries(result.name() + " predicted", xs, ys);
                    predicted.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c).setLineColor(c).setLineStyle(DASHED);
                }
            });
        }
        return png(chart);
    }

    /**
     * Latency against the profile's RTT: measured p50 as points and the model's p50 as a line, one colour per
     * scenario, across the profiles of a sweep.
     */
    static String latencyVsRtt(List<ScenarioResult> results, String key) {
        int series = 2 * (int) results.stream().map(ScenarioResult::name).distinct().count();
        XYChart chart = base("Latency vs RTT (" + Percentiles.label(key) + "): measured points, model lines",
                "RTT (ms)", Percentiles.label(key) + " latency (ms)", series);
        Map<String, TreeMap<Double, double[]>> byScenario = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            double rtt = r.profile().rttMillis();
            if (Double.isNaN(rtt)) {
                continue;
            }
            ScenarioResult.Row row = r.rows().get(key);
            byScenario.computeIfAbsent(r.name(), n -> new TreeMap<>())
                    .put(rtt, new double[] {row.measuredMillis(), row.predictedMillis()});
        }
        int colour = 0;
        for (Map.Entry<String, TreeMap<Double, double[]>> e : byScenario.entrySet()) {
            Color c = PALETTE[colour++ % PALETTE.length];
            List<Double> rtts = new ArrayList<>();
            List<Double> measured = new ArrayList<>();
            List<Double> predictedRtts = new ArrayList<>();
            List<Double> predicted = new ArrayList<>();
            e.getValue().forEach((rtt, values) -> {
                if (!Double.isNaN(values[0])) {
                    rtts.add(rtt);
                    measured.add(values[0]);
                }
                if (!Double.isNaN(values[1])) {
                    predictedRtts.add(rtt);
                    predicted.add(values[1]);
                }
            });
            if (!rtts.isEmpty()) {
                XYSeries points = chart.addSeries(e.getKey() + " measured", rtts, measured);
                points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                points.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(c);
            }
            if (!predicted.isEmpty()) {
                XYSeries line = chart.addSeries(e.getKey() + " model", predictedRtts, predicted);
                line.setMarker(SeriesMarkers.NONE).setLineColor(c).setLineStyle(DASHED);
            }
        }
        return png(chart);
    }

    /** A concurrency sweep's throughput points with the fitted USL curve, marking the peak. */
    static String usl(String title, ConcurrencySweep sweep, UniversalScalabilityLaw usl) {
        XYChart chart = base(title, "concurrency", "throughput (req/s)", 3);
        double[] n = sweep.rows().stream().mapToDouble(ConcurrencySweep.Row::concurrency).toArray();
        double[] x = sweep.rows().stream().mapToDouble(ConcurrencySweep.Row::throughputPerSecond).toArray();
        XYSeries points = chart.addSeries("measured", n, x);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(PALETTE[0]);
        double top = 0;
        for (double v : n) {
            top = Math.max(top, v);
        }
        if (Double.isFinite(usl.maxConcurrency())) {
            top = Math.max(top, usl.maxConcurrency() * 1.2);
        }
        int steps = 200;
        double[] cn = new double[steps + 1];
        double[] cx = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            cn[i] = 1 + (top - 1) * i / steps;
            cx[i] = usl.throughputAtConcurrency(cn[i]);
        }
        XYSeries curve = chart.addSeries(String.format(Locale.ROOT, "USL fit (σ=%.4g, κ=%.4g, λ=%.4g)",
                usl.sigma(), usl.kappa(), usl.lambda()), cn, cx);
        curve.setMarker(SeriesMarkers.NONE).setLineColor(PALETTE[1]).setLineStyle(SeriesLines.SOLID);
        if (Double.isFinite(usl.maxConcurrency())) {
            XYSeries peak = chart.addSeries(String.format(Locale.ROOT, "peak: N_max=%.0f, X_max=%.0f",
                    usl.maxConcurrency(), usl.maxThroughput()), new double[] {usl.maxConcurrency()},
                    new double[] {usl.maxThroughput()});
            peak.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            peak.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(PALETTE[2]);
        }
        return png(chart);
    }

    private static XYChart base(String title, String xTitle, String yTitle, int series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(Math.max(HEIGHT, 120 + LEGEND_ROW * series)).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
        styler.setMarkerSize(7);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setYAxisTickMarkSpacingHint(50);
        legible(chart.getStyler());
        return chart;
    }

    /** Fonts that read at 1,400 px: the chart is shown at its own size. */
    private static void legible(AxesChartStyler styler) {
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(AXIS_TITLE_FONT);
        styler.setAxisTickLabelsFont(TICK_FONT);
        styler.setLegendFont(LEGEND_FONT);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
        styler.setSeriesColors(PALETTE);
    }

    /**
     * Measured against predicted, per scenario: grouped bars of measured and predicted p50 and p99 (ms). Scenarios
     * without a prediction show their measured bars only. The report's first chart.
     */
    static String measuredVsPredicted(List<ScenarioResult> results, boolean severalProfiles) {
        List<String> names = new ArrayList<>();
        for (ScenarioResult r : results) {
            // The profile only where a name alone would be ambiguous.
            boolean ambiguous = severalProfiles && results.stream().filter(o -> o.name().equals(r.name())).count() > 1;
            names.add(ambiguous ? r.name() + " (" + r.profile().name() + ")" : r.name());
        }
        CategoryChart chart = bars("Measured vs predicted latency per scenario", "scenario", "latency (ms)", FIRST_HEIGHT);
        String[][] series = {{"p50", "measured p50"}, {"p50", "predicted p50"}, {"p99", "measured p99"}, {"p99", "predicted p99"}};
        for (String[] s : series) {
            List<Double> values = new ArrayList<>();
            boolean predicted = s[1].startsWith("predicted");
            for (ScenarioResult r : results) {
                ScenarioResult.Row row = r.rows().get(s[0]);
                values.add(zeroIfUnknown(predicted ? row.predictedMillis() : row.measuredMillis()));
            }
            chart.addSeries(s[1], names, values);
        }
        chart.getStyler().setSeriesColors(new Color[] {PALETTE[0], new Color(0x9ecae1), PALETTE[1], new Color(0xfcae91)});
        fitLabels(chart, names);
        return png(chart);
    }

    /** Bars' category labels: tilted when, side by side, they would not fit under their bars. */
    private static void fitLabels(CategoryChart chart, List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        // About 7 px per character at 13 px; the plot is about 90 % of the width once the legend is below it.
        if (longest * 7 * labels.size() > WIDTH * 0.85) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
    }

    /**
     * Protocol against protocol for one dimension: per pair, measured p50 and p99 (ms) of the first value
     * ({@code HTTP/1.1}) and the second ({@code HTTP/2}).
     */
    static String protocolPairs(ProtocolComparison.Dimension dimension, List<ProtocolComparison.Pair> pairs,
            boolean severalProfiles) {
        List<String> labels = new ArrayList<>();
        for (ProtocolComparison.Pair p : pairs) {
            labels.add(p.a().name() + " vs " + p.b().name() + (severalProfiles ? " (" + p.profile() + ")" : ""));
        }
        CategoryChart chart = bars(dimension.title + ": measured", "pair", "latency (ms)", FIRST_HEIGHT);
        chart.getStyler().setAvailableSpaceFill(pairs.size() == 1 ? 0.45 : 0.8);
        for (String key : List.of("p50", "p99")) {
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (ProtocolComparison.Pair p : pairs) {
                a.add(zeroIfUnknown(p.a().rows().get(key).measuredMillis()));
                b.add(zeroIfUnknown(p.b().rows().get(key).measuredMillis()));
            }
            chart.addSeries(DimensionWords.of(dimension, true) + " " + key, labels, a);
            chart.addSeries(DimensionWords.of(dimension, false) + " " + key, labels, b);
        }
        chart.getStyler().setSeriesColors(new Color[] {PALETTE[0], PALETTE[1], new Color(0x9ecae1), new Color(0xfcae91)});
        fitLabels(chart, labels);
        return png(chart);
    }

    /**
     * The model's p50 against the path's RTT, one line per {@link Strategy}, over the what-if presets (one preset per
     * RTT: the first listed; the others are in the table).
     */
    static String strategiesVsRtt(StrategyWhatIf.Workload workload) {
        XYChart chart = base("Model: p50 vs RTT per protocol and connection, " + workload.words(), "RTT (ms)",
                "predicted p50 (ms)", workload.curves().size());
        int colour = 0;
        for (Map.Entry<Strategy, List<StrategyWhatIf.Point>> e : workload.curves().entrySet()) {
            TreeMap<Double, StrategyWhatIf.Point> byRtt = new TreeMap<>();
            e.getValue().forEach(p -> byRtt.putIfAbsent(p.rttMillis(), p));
            double[] xs = byRtt.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = byRtt.values().stream().mapToDouble(StrategyWhatIf.Point::p50Millis).toArray();
            XYSeries line = chart.addSeries(e.getKey().words, xs, ys);
            Color c = PALETTE[colour++ % PALETTE.length];
            // HTTP/1.1 wide and pale under HTTP/2 narrow: where the model gives both the same latency, both show.
            boolean h1 = e.getKey().protocol == io.roundtrip.model.RequestKind.Protocol.H1;
            boolean fresh = e.getKey().connection == io.roundtrip.model.RequestKind.Connection.FRESH;
            float width = h1 ? 6f : 2f;
            line.setMarker(h1 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND)
                    .setMarkerColor(c).setLineColor(h1 ? new Color(c.getRed(), c.getGreen(), c.getBlue(), 110) : c)
                    .setLineStyle(fresh ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                            new float[] {8f, 5f}, 0f) : new BasicStroke(width));
        }
        return png(chart);
    }

    private static CategoryChart bars(String title, String xTitle, String yTitle, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setYAxisDecimalPattern("#,##0.#");
        styler.setAvailableSpaceFill(0.8);
        styler.setOverlapped(false);
        legible(styler);
        return chart;
    }

    private static double zeroIfUnknown(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** The pixel size of a PNG {@code data:} URI made by {@link #png} (read from its IHDR header). */
    static java.awt.Dimension size(String pngDataUri) {
        int data = pngDataUri.indexOf(',') + 1;
        byte[] png = Base64.getDecoder().decode(pngDataUri.substring(data, data + 32)); // signature + IHDR: 24 bytes
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(png, 16, 8);
        return new java.awt.Dimension(header.getInt(), header.getInt());
    }

    /** The chart as a PNG {@code data:} URI, ready for an {@code <img src>}. */
    static String png(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "'", e);
        }
    }
}
