package io.roundtrip.results.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS, charts as inline PNG data URIs, no script, nothing fetched from the
 * network. Every chart sits in a {@code <figure class="chart" id="chart-...">}.
 */
final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2em auto;
              max-width:1200px;padding:0 1em;color:#1b1b1b}
            h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            .meta{color:#555} table{border-collapse:collapse;margin:.8em 0;font-size:13px}
            th,td{border:1px solid #d6d6d6;padding:3px 7px;text-align:right;vertical-align:top}
            th{background:#f3f3f3} td.text,th.text{text-align:left}
            .scroll{overflow-x:auto} figure.chart{margin:1em 0} figure.chart img{max-width:100%;height:auto}
            figcaption{color:#555;font-size:13px} .v-within{background:#e6f4ea} .v-optimistic{background:#fde8e8}
            .v-pessimistic{background:#fff4e0} .v-other{background:#eef1f6} code{background:#f5f5f5;padding:0 3px}
            .summary span{display:inline-block;margin-right:1.2em;padding:2px 8px;border-radius:3px} td.nj{color:#777}
            """;

    private HtmlReport() {}

    static String render(Report report, List<Table> tables, Map<String, String> charts) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>roundtrip report</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>roundtrip: measured vs predicted latency</h1>\n<p class=\"meta\">Generated ")
                .append(esc(report.generatedAt().toString())).append(" from ").append(report.runs().size())
                .append(" run folder(s), ").append(report.profiles().size()).append(" profile(s), ")
                .append(report.results().size()).append(" scenario result(s).</p>\n");
        summary(h, report);

        h.append("<h2 id=\"comparison\">Measured vs predicted</h2>\n<p>Latencies in ms from the merged HdrHistograms of")
                .append(" successful requests. Error = measured − predicted, in % of the prediction and in round trips of")
                .append(" the profile's RTT. Verdict: ").append(esc(Tolerance.describe())).append(". KS = Kolmogorov–Smirnov")
                .append(" distance between the measured and predicted distributions (0 = identical, 1 = disjoint).</p>\n");
        comparison(h, report);

        h.append("<h2 id=\"distributions\">Percentile distributions</h2>\n<p>HdrHistogram style: the x axis is")
                .append(" 1/(1−q) on a log scale, so 90%, 99%, 99.9% are evenly spaced. Solid: measured; dashed with")
                .append(" markers: the model's quantiles.</p>\n");
        charts.forEach((id, png) -> {
            if (id.startsWith("percentiles-")) {
                figure(h, id, png, "Percentile distribution, profile " + id.substring("percentiles-".length()));
            }
        });

        h.append("<h2 id=\"protocols\">Protocol comparison</h2>\n");
        boolean anyPair = false;
        for (Table t : tables) {
            if (t.slug().startsWith("protocol-")) {
                anyPair = true;
                h.append("<h3>").append(esc(t.title())).append("</h3>\n<p>Ratio = second / first; below 1× the second")
                        .append(" is faster.</p>\n");
                table(h, t);
            }
        }
        if (!anyPair) {
            h.append("<p>No pair of scenarios differs in exactly one of protocol (h1/h2), connection (keepalive/fresh)")
                    .append(" or TLS version (1.2/1.3) within a profile.</p>\n");
        }
        String rtt = charts.get("latency-vs-rtt");
        if (rtt != null) {
            figure(h, "latency-vs-rtt", rtt, "Latency vs RTT per scenario across the profiles: measured p50 as points,"
                    + " model p50 as dashed lines.");
        } else {
            h.append("<p>Latency vs RTT needs run folders of at least two profiles with different RTTs.</p>\n");
        }

        h.append("<h2 id=\"capacity\">Capacity</h2>\n<p>Little's law L = X·W turns each scenario's measured throughput X")
                .append(" and mean latency W into the connections it kept busy on average (for HTTP/2: concurrent")
                .append(" streams); Erlang C sizes the pool so that at most 1% of requests wait for a connection.</p>\n");
        table(h, find(tables, "capacity-little"));
        if (!report.whatIf().isEmpty()) {
            h.append("<h3>What if</h3>\n<p>The same measured throughput on other network profiles: the model predicts")
                    .append(" each scenario's latency there; Little's law and Erlang C turn it into busy connections")
                    .append(" and the pool for at most 1% waiting.</p>\n");
            table(h, find(tables, "capacity-what-if"));
        }
        if (!report.sweeps().isEmpty()) {
            h.append("<h3>Universal Scalability Law</h3>\n<p>X(N) = λN / (1 + σ(N−1) + κN(N−1)) fitted by")
                    .append(" Levenberg–Marquardt; beyond N_max = ⌊√((1−σ)/κ)⌋ adding concurrency lowers throughput.</p>\n");
            table(h, find(tables, "capacity-usl"));
            charts.forEach((id, png) -> {
                if (id.startsWith("usl-")) {
                    figure(h, id, png, "Concurrency sweep and USL fit, run " + id.substring("usl-".length()));
                }
            });
        } else {
            h.append("<p>No <code>capacity-sweep.csv</code> in the run folders: no USL fit.</p>\n");
        }

        h.append("<h2 id=\"runs\">Runs</h2>\n");
        table(h, find(tables, "runs"));

        h.append("<h2 id=\"method\">Method</h2>\n<ul>\n<li>Percentiles are HdrHistogram's (3 significant digits, values")
                .append(" within 0.1%); logs of the same scenario and profile from several run folders are added,")
                .append(" which is lossless.</li>\n<li>").append(esc(Tolerance.describe())).append(".</li>\n")
                .append("<li>KS distance: sup |F_measured − F_predicted| (Commons Math), the predicted CDF rebuilt")
                .append(" linearly between its quantile points; with only the four percentiles it is coarse.</li>\n")
                .append("<li>Each table is also a CSV beside this file; <code>summary.json</code> holds every number.</li>\n")
                .append("</ul>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The comparison for people: one row per scenario, each percentile cell "measured / predicted, error". */
    private static void comparison(StringBuilder h, Report report) {
        h.append("<div class=\"scroll\"><table id=\"table-comparison\">\n<thead><tr><th class=\"text\">profile</th>")
                .append("<th class=\"text\">scenario</th><th>requests ok / ko</th>");
        for (String key : Percentiles.KEYS) {
            h.append("<th>").append(Percentiles.label(key)).append(" ms<br><small>measured / predicted<br>error % · RTTs</small></th>");
        }
        h.append("<th class=\"text\">verdict</th><th class=\"text\">likely reason</th><th>KS</th></tr></thead>\n<tbody>\n");
        for (ScenarioResult r : report.results()) {
            double rtt = r.profile().rttMillis();
            h.append("<tr><td class=\"text\">").append(esc(r.profile().name()))
                    .append(Double.isNaN(rtt) ? "" : String.format(Locale.ROOT, "<br><small>RTT %s ms</small>", millis(rtt)))
                    .append("</td><td class=\"text\">").append(esc(r.name())).append("<br><small>")
                    .append(esc(kind(r.requestKind()))).append("</small></td><td>").append(r.latencies().okCount())
                    .append(" / ").append(r.latencies().koCount()).append("</td>");
            for (String key : Percentiles.KEYS) {
                ScenarioResult.Row row = r.rows().get(key);
                String cls = !row.judged() ? " class=\"nj\" title=\"not judged\""
                        : row.withinTolerance() ? ""
                        : " class=\"v-" + (row.measuredMillis() > row.predictedMillis() ? "optimistic" : "pessimistic") + "\"";
                h.append("<td").append(cls).append(">")
                        .append(millis(row.measuredMillis())).append(" / ").append(millis(row.predictedMillis()));
                if (!Double.isNaN(row.errorPercent())) {
                    h.append("<br><small>").append(signed("%+.1f%%", row.errorPercent()));
                    if (!Double.isNaN(row.errorRtts())) {
                        h.append(" · ").append(signed("%+.2f", row.errorRtts())).append(" RTT");
                    }
                    h.append("</small>");
                }
                h.append("</td>");
            }
            h.append("<td class=\"text ").append(verdictClass(r.verdict().label())).append("\">")
                    .append(esc(r.verdict().label())).append("</td><td class=\"text\">").append(esc(r.reason()))
                    .append("</td><td>").append(r.ksDistance().isPresent()
                            ? String.format(Locale.ROOT, "%.3f", r.ksDistance().getAsDouble()) + "<br><small>"
                                    + esc(r.ksSource()) + "</small>"
                            : "–")
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n<p class=\"meta\">CSV: <code>comparison.csv</code> (every number, one column each)</p>\n");
    }

    private static String kind(Map<String, String> requestKind) {
        StringBuilder text = new StringBuilder();
        requestKind.forEach((k, v) -> text.append(text.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return text.toString();
    }

    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        return Math.abs(ms) >= 100 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    /** A signed number without "-0.00". */
    static String signed(String format, double value) {
        String text = String.format(Locale.ROOT, format, value);
        return text.matches("[-+]0(\\.0+)?%?") ? text.substring(1) : text;
    }

    private static void summary(StringBuilder h, Report report) {
        h.append("<p class=\"summary\">");
        for (Verdict v : Verdict.values()) {
            long n = report.results().stream().filter(r -> r.verdict() == v).count();
            if (n > 0) {
                h.append("<span class=\"").append(verdictClass(v.label())).append("\">").append(esc(v.label()))
                        .append(": ").append(n).append("</span>");
            }
        }
        h.append("</p>\n");
    }

    private static void figure(StringBuilder h, String id, String pngDataUri, String caption) {
        h.append("<figure class=\"chart\" id=\"chart-").append(esc(id)).append("\">\n<img src=\"").append(pngDataUri)
                .append("\" alt=\"").append(esc(caption)).append("\">\n<figcaption>").append(esc(caption))
                .append("</figcaption>\n</figure>\n");
    }

    private static void table(StringBuilder h, Table t) {
        h.append("<div class=\"scroll\"><table id=\"table-").append(esc(t.slug())).append("\">\n<thead><tr>");
        for (Table.Column c : t.columns()) {
            h.append("<th").append(c.format() == Table.Format.TEXT ? " class=\"text\"" : "").append(">")
                    .append(esc(c.name())).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : t.rows()) {
            h.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                Table.Column column = t.columns().get(c);
                String text = t.human(c, row.get(c));
                String cls = column.format() == Table.Format.TEXT ? "text" : "";
                h.append("<td").append(cls.isBlank() ? "" : " class=\"" + cls.strip() + "\"").append(">")
                        .append(esc(text)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n<p class=\"meta\">CSV: <code>").append(esc(t.slug())).append(".csv</code></p>\n");
    }

    private static String verdictClass(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains("within")) {
            return "v-within";
        }
        if (l.contains("optimistic")) {
            return "v-optimistic";
        }
        if (l.contains("pessimistic")) {
            return "v-pessimistic";
        }
        return "v-other";
    }

    private static Table find(List<Table> tables, String slug) {
        return tables.stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no table " + slug));
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
