package io.roundtrip.results.report;

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
import org.knowm.xchart.BitmapEncoder;
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
                List<Prediction.Quantile> points = p.quantileFunction();
                if (!points.isEmpty()) {
                    double[] xs = points.stream().mapToDouble(qp -> 1 / (1 - qp.q())).toArray();
                    double[] ys = points.stream().mapToDouble(Prediction.Quantile::millis).toArray();
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
        return chart;
    }

    /** The chart as a PNG {@code data:} URI, ready for an {@code <img src>}. */
    static String png(XYChart chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "'", e);
        }
    }
}
