package io.roundtrip.results.report;

import io.roundtrip.model.Percentiles;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page, findings first: inline CSS, charts as inline PNG data URIs, nothing
 * fetched from the network, and one small inline script that only stamps {@code data-first-screen} on the findings
 * and the first chart (whether each lies within the first screen) and {@code data-overflowing-tables} on the body,
 * for the layout test. Every chart sits in a {@code <figure class="chart" id="chart-...">}; long tables sit in
 * {@code <details>}, their numbers in CSV beside the page and in {@code summary.json}.
 */
final class HtmlReport {

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:1.2em auto;
              max-width:1320px;padding:0 1em;color:#1b1b1b}
            h1{font-size:1.5em;margin:0 0 .1em} h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            #findings h2{margin-top:.6em} #findings ul{margin:.3em 0;padding-left:1.2em} #findings li{margin:.25em 0}
            .meta{color:#555;margin:.2em 0} table{border-collapse:collapse;margin:.8em 0;font-size:13px;max-width:100%}
            th,td{border:1px solid #d6d6d6;padding:3px 7px;text-align:right;vertical-align:top}
            th{background:#f3f3f3} td.text,th.text{text-align:left} td.reason{max-width:24em}
            .scroll{overflow-x:auto} figure.chart{margin:.6em 0} figure.chart img{max-width:100%;height:auto;display:block}
            figcaption{color:#555;font-size:13px} .v-within{background:#e6f4ea} .v-optimistic{background:#fde8e8}
            .v-pessimistic{background:#fff4e0} .v-other{background:#eef1f6} code{background:#f5f5f5;padding:0 3px}
            .summary span{display:inline-block;margin-right:1.2em;padding:2px 8px;border-radius:3px} td.nj{color:#777}
            details{margin:.6em 0} summary{cursor:pointer;color:#1f4f8f} nav a{margin-right:1em}
            """;

    /**
     * Stamps whether #findings and the first chart lie within the first screen (of the height given as
     * {@code #layout-check=900}, else the window's) and where they end, and which visible table boxes (those in a
     * closed {@code <details>} are not) overflow their width.
     * Reads the layout only; changes nothing a reader sees.
     */
    private static final String LAYOUT_CHECK = """
            (function () {
              function stamp() {
                var asked = /#layout-check=(\\d+)/.exec(location.hash);
                var height = asked ? Number(asked[1]) : window.innerHeight;
                [document.getElementById('findings'), document.querySelector('figure.chart')].forEach(function (e) {
                  if (e) {
                    var r = e.getBoundingClientRect();
                    e.setAttribute('data-bottom-px', String(Math.ceil(r.bottom + window.scrollY)));
                    e.setAttribute('data-first-screen', String(r.top >= 0 && r.bottom <= height));
                  }
                });
                var over = 0;
                document.querySelectorAll('.scroll').forEach(function (e) {
                  if (!e.closest('details:not([open])') && e.scrollWidth > e.clientWidth + 1) {
                    over++;
                    e.setAttribute('data-overflowing', 'true');
                  }
                });
                document.body.setAttribute('data-overflowing-tables', String(over));
                document.body.setAttribute('data-viewport', window.innerWidth + 'x' + window.innerHeight);
              }
              if (document.readyState === 'complete') { stamp(); } else { window.addEventListener('load', stamp); }
            })();
            """;

    private HtmlReport() {}

    static String render(Report report, List<Table> tables, Map<String, String> charts, List<Finding> findings) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>roundtrip report</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>roundtrip: what the network costs on ").append(esc(profileNames(report))).append("</h1>\n<p class=\"meta\">")
                .append(report.results().size()).append(" scenario(s) from ").append(report.runs().size())
                .append(" run folder(s), generated ").append(esc(report.generatedAt().toString())).append(". ");
        summary(h, report);
        h.append("</p>\n");

        h.append("<section id=\"findings\">\n<h2>Findings</h2>\n<ul>\n");
        for (Finding f : findings) {
            h.append("<li data-topic=\"").append(esc(f.topic())).append("\">").append(esc(f.text())).append("</li>\n");
        }
        if (findings.isEmpty()) {
            h.append("<li>No finding: no scenario recorded a successful request.</li>\n");
        }
        h.append("</ul>\n</section>\n");
        String first = charts.get("measured-vs-predicted");
        if (first != null) {
            figure(h, "measured-vs-predicted", first, "Measured (dark) and predicted (light) p50 and p99 per scenario, ms.");
        }
        h.append("<nav class=\"meta\"><a href=\"#comparison\">Measured vs predicted</a><a href=\"#distributions\">")
                .append("Distributions</a><a href=\"#protocols\">Protocols</a><a href=\"#what-if\">What if</a>")
                .append(report.ownRequests().isEmpty() ? "" : "<a href=\"#own-requests\">Your requests</a>")
                .append("<a href=\"#capacity\">Capacity</a><a href=\"#runs\">Runs</a><a href=\"#method\">Method</a></nav>\n");

        h.append("<h2 id=\"comparison\">Measured vs predicted</h2>\n<p>Latencies in ms from the merged HdrHistograms of")
                .append(" successful requests; error = measured − predicted, in % and in round trips; for a scenario with")
                .append(" a host cost (its p50 over a zero-latency path: client, server and crypto), the error is the")
                .append(" network's, measured − host cost − predicted (marked net). Verdict: ")
                .append(esc(Tolerance.describe())).append(". KS (Kolmogorov–Smirnov distance, 0 = same shape, 1 = disjoint)")
                .append(" is shown only where the model predicts a distribution: against a point prediction it is 1 by")
                .append(" construction.</p>\n");
        HtmlTables.comparison(h, report);
        h.append("<details id=\"details-comparison\"><summary>Every percentile (p50, p90, p99, p99.9) of every scenario")
                .append("</summary>\n");
        table(h, find(tables, "comparison"), "table-comparison-all");
        h.append("</details>\n");

        h.append("<h2 id=\"distributions\">Percentile distributions</h2>\n<p>HdrHistogram style: the x axis is")
                .append(" 1/(1−q) on a log scale, so 90%, 99%, 99.9% are evenly spaced. Solid: measured; dashed with")
                .append(" markers: the model's quantiles.</p>\n");
        charts.forEach((id, png) -> {
            if (id.startsWith("percentiles-")) {
                figure(h, id, png, "Latency (ms) against 1/(1−q): measured (solid) and predicted (dashed) per scenario.");
            }
        });

        h.append("<h2 id=\"protocols\">Protocol comparison</h2>\n");
        boolean anyPair = false;
        for (Map.Entry<ProtocolComparison.Dimension, List<ProtocolComparison.Pair>> e : report.pairs().entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            anyPair = true;
            ProtocolComparison.Dimension d = e.getKey();
            h.append("<h3>").append(esc(d.title)).append("</h3>\n");
            String chart = charts.get("protocol-" + d.slug);
            if (chart != null) {
                figure(h, "protocol-" + d.slug, chart, d.title + ": measured p50 and p99 of each pair, ms.");
            }
            HtmlTables.protocolTable(h, d, e.getValue());
        }
        if (!anyPair) {
            h.append("<p>No pair of scenarios differs in exactly one of protocol (h1/h2), connection (keepalive/fresh)")
                    .append(" or TLS version (1.2/1.3) within a profile.</p>\n");
        }
        String rtt = charts.get("latency-vs-rtt");
        if (rtt != null) {
            figure(h, "latency-vs-rtt", rtt, "Latency vs RTT per scenario across the measured profiles: measured p50 as"
                    + " points, model p50 as dashed lines.");
        }

        h.append("<h2 id=\"what-if\">What if: other protocols, connections and paths</h2>\n<p>The model's p50 for the")
                .append(" workloads measured most, with each protocol and connection strategy, on the presets ")
                .append(esc(String.join(", ", WhatIf.PROFILES))).append(" (one point per RTT in the chart; dashed: fresh")
                .append(" connections).</p>\n");
        for (int w = 0; w < report.strategyWhatIf().size(); w++) {
            StrategyWhatIf.Workload workload = report.strategyWhatIf().get(w);
            String chart = charts.get("what-if-" + (w + 1));
            if (w > 0) {
                h.append("<details id=\"details-what-if-").append(w + 1).append("\"><summary>")
                        .append(esc(workload.words())).append(": the same by the model</summary>\n");
            }
            if (chart != null) {
                figure(h, "what-if-" + (w + 1), chart, "Predicted p50 vs RTT per protocol and connection, "
                        + workload.words() + ".");
            }
            HtmlTables.strategyTable(h, w + 1, workload);
            if (w > 0) {
                h.append("</details>\n");
            }
        }
        if (report.strategyWhatIf().isEmpty()) {
            h.append("<p>No scenario has a request kind the model knows.</p>\n");
        }

        if (!report.ownRequests().isEmpty()) {
            HtmlTables.ownRequests(h, report.ownRequests());
        }

        h.append("<h2 id=\"capacity\">Capacity</h2>\n<p>Little's law L = X·W turns each scenario's measured throughput X")
                .append(" and mean latency W into the connections it kept busy on average (for HTTP/2: concurrent")
                .append(" streams); Erlang C sizes the pool so that at most 1% of requests wait for a connection.</p>\n");
        table(h, find(tables, "capacity-little"));
        if (!report.whatIf().isEmpty()) {
            details(h, "The same measured throughput on other paths: predicted mean and p99, busy connections and pool"
                    + " (" + report.whatIf().size() + " rows)", find(tables, "capacity-what-if"));
        }
        if (!report.sweeps().isEmpty()) {
            h.append("<h3>Universal Scalability Law</h3>\n<p>X(N) = λN / (1 + σ(N−1) + κN(N−1)) fitted by")
                    .append(" Levenberg–Marquardt; beyond N_max = ⌊√((1−σ)/κ)⌋ adding concurrency lowers throughput.</p>\n");
            charts.forEach((id, png) -> {
                if (id.startsWith("usl-")) {
                    figure(h, id, png, "Concurrency sweep and USL fit, run " + id.substring("usl-".length())
                            + ": throughput (req/s) against concurrent requests.");
                }
            });
            table(h, find(tables, "capacity-usl"));
        } else {
            h.append("<p>No <code>capacity-sweep.csv</code> in the run folders: no USL fit.</p>\n");
        }

        h.append("<h2 id=\"runs\">Runs</h2>\n");
        details(h, report.runs().size() + " run folder(s): hosts, times, settings, versions", find(tables, "runs"));

        h.append("<h2 id=\"method\">Method</h2>\n<ul>\n<li>Percentiles are HdrHistogram's (3 significant digits, values")
                .append(" within 0.1%); logs of the same scenario and profile from several run folders are added,")
                .append(" which is lossless.</li>\n<li>").append(esc(Tolerance.describe())).append(".</li>\n")
                .append("<li>KS distance: sup |F_measured − F_predicted| (Commons Math), the predicted CDF rebuilt")
                .append(" linearly between its quantile points.</li>\n")
                .append("<li>Each finding quotes numbers of <code>summary.json</code> (under <code>findings</code>, each")
                .append(" figure with the field it comes from); each table is also a CSV beside this file.</li>\n")
                .append("</ul>\n<script>").append(LAYOUT_CHECK).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The profiles the measured scenarios crossed; a noise floor's path with nothing injected is not named. */
    private static String profileNames(Report report) {
        List<RunManifest.Profile> crossed = report.results().stream().filter(Findings::crossesThePath)
                .map(ScenarioResult::profile).distinct().toList();
        List<String> names = (crossed.isEmpty() ? report.profiles() : crossed).stream()
                .map(p -> Double.isNaN(p.rttMillis()) ? p.name()
                : p.name() + " (RTT " + millis(p.rttMillis()).replaceAll("\\.?0+$", "") + " ms)").toList();
        return String.join(", ", names);
    }

    private static void details(StringBuilder h, String summary, Table t) {
        h.append("<details id=\"details-").append(esc(t.slug())).append("\"><summary>").append(esc(summary))
                .append("</summary>\n");
        table(h, t);
        h.append("</details>\n");
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
        h.append("<span class=\"summary\">");
        for (Verdict v : Verdict.values()) {
            long n = report.results().stream().filter(r -> r.verdict() == v).count();
            if (n > 0) {
                h.append("<span class=\"").append(verdictClass(v.label())).append("\">").append(esc(v.label()))
                        .append(": ").append(n).append("</span>");
            }
        }
        h.append("</span>");
    }

    private static void figure(StringBuilder h, String id, String pngDataUri, String caption) {
        java.awt.Dimension size = Charts.size(pngDataUri);
        h.append("<figure class=\"chart\" id=\"chart-").append(esc(id)).append("\">\n<img src=\"").append(pngDataUri)
                .append("\" width=\"").append(size.width).append("\" height=\"").append(size.height)
                .append("\" alt=\"").append(esc(caption)).append("\">\n<figcaption>").append(esc(caption))
                .append("</figcaption>\n</figure>\n");
    }

    private static void table(StringBuilder h, Table t) {
        table(h, t, "table-" + t.slug());
    }

    private static void table(StringBuilder h, Table t, String id) {
        h.append("<div class=\"scroll\"><table id=\"").append(esc(id)).append("\">\n<thead><tr>");
        for (Table.Column c : t.columns()) {
            h.append("<th").append(c.format() == Table.Format.TEXT ? " class=\"text\"" : "").append(">")
                    .append(esc(Table.header(c.name()))).append("</th>");
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

    static String verdictClass(String label) {
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
