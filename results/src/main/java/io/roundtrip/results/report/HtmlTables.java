package io.roundtrip.results.report;

import io.roundtrip.model.Percentiles;
import java.util.List;
import java.util.Locale;

/**
 * The report's tables written for people, beside the generic {@link Table}s: the comparison, the protocol pairs,
 * the strategy what-if and the user's own requests, each with its figures in words and units.
 */
final class HtmlTables {

    private HtmlTables() {}

    /** The protocol pairs for people: each side in words, measured p50 and p99, the ratios and the winner. */
    static void protocolTable(StringBuilder h, ProtocolComparison.Dimension d, List<ProtocolComparison.Pair> pairs) {
        String a = DimensionWords.of(d, true);
        String b = DimensionWords.of(d, false);
        h.append("<div class=\"scroll\"><table id=\"table-protocol-").append(d.slug).append("\">\n<thead><tr>")
                .append("<th class=\"text\">pair</th><th>p50 ms<br><small>").append(HtmlReport.esc(a)).append(" / ").append(HtmlReport.esc(b))
                .append("</small></th><th>p50 ratio</th><th>p99 ms<br><small>").append(HtmlReport.esc(a)).append(" / ").append(HtmlReport.esc(b))
                .append("</small></th><th>p99 ratio</th><th>predicted p50 ms<br><small>").append(HtmlReport.esc(a)).append(" / ")
                .append(HtmlReport.esc(b)).append("</small></th><th class=\"text\">faster at p50</th></tr></thead>\n<tbody>\n");
        for (ProtocolComparison.Pair p : pairs) {
            h.append("<tr><td class=\"text\">").append(HtmlReport.esc(p.a().name())).append(" vs ").append(HtmlReport.esc(p.b().name()))
                    .append("<br><small>").append(HtmlReport.esc(p.a().inWords())).append(" / ").append(HtmlReport.esc(p.b().inWords()))
                    .append(" · ").append(HtmlReport.esc(p.profile())).append("</small></td>");
            for (String key : List.of("p50", "p99")) {
                h.append("<td>").append(HtmlReport.millis(p.a().rows().get(key).measuredMillis())).append(" / ")
                        .append(HtmlReport.millis(p.b().rows().get(key).measuredMillis())).append("</td><td>")
                        .append(ratio(p.measuredRatio(key))).append("</td>");
            }
            h.append("<td>").append(HtmlReport.millis(p.a().rows().get("p50").predictedMillis())).append(" / ")
                    .append(HtmlReport.millis(p.b().rows().get("p50").predictedMillis())).append("</td><td class=\"text\">")
                    .append(HtmlReport.esc(p.faster())).append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n<p class=\"meta\">Ratio = ").append(HtmlReport.esc(b)).append(" / ").append(HtmlReport.esc(a))
                .append(": below 1× ").append(HtmlReport.esc(b)).append(" is faster. CSV: <code>protocol-").append(d.slug)
                .append(".csv</code></p>\n");
    }

    /** One workload's what-if: a row per preset, the model's p50 per strategy (ms). */
    static void strategyTable(StringBuilder h, int n, StrategyWhatIf.Workload workload) {
        h.append("<div class=\"scroll\"><table id=\"table-what-if-").append(n).append("\">\n<thead><tr>")
                .append("<th class=\"text\">path</th><th>RTT ms</th>");
        for (Strategy s : workload.curves().keySet()) {
            h.append("<th>").append(HtmlReport.esc(s.words)).append("<br><small>p50 ms</small></th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        List<StrategyWhatIf.Point> first = workload.curves().values().iterator().next();
        for (int i = 0; i < first.size(); i++) {
            h.append("<tr><td class=\"text\">").append(HtmlReport.esc(first.get(i).preset())).append("</td><td>")
                    .append(HtmlReport.millis(first.get(i).rttMillis())).append("</td>");
            for (List<StrategyWhatIf.Point> points : workload.curves().values()) {
                h.append("<td>").append(HtmlReport.millis(points.get(i).p50Millis())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%.2f×", value);
    }

    /** The user's own requests: network cost measured over the baseline against the model, and the what-if. */
    static void ownRequests(StringBuilder h, List<OwnRequests.Row> rows) {
        h.append("<h2 id=\"own-requests\">Your requests</h2>\n<p>One row per Gatling request name or group. Network")
                .append(" cost = measured p50 − baseline p50 (the same request over a zero-latency path), against the")
                .append(" model's p50 for the request's network cost alone; what if: the model's network cost with each")
                .append(" protocol and connection strategy on the same path. Times in ms.</p>\n");
        h.append("<div class=\"scroll\"><table id=\"table-own-requests\">\n<thead><tr><th class=\"text\">request</th>")
                .append("<th>requests<br><small>ok / ko</small></th><th>measured p50</th><th>baseline p50</th>")
                .append("<th>network cost</th><th>predicted</th><th>error<br><small>% · RTTs</small></th>");
        for (Strategy s : Strategy.values()) {
            h.append("<th>").append(HtmlReport.esc(s.words)).append("<br><small>what if</small></th>");
        }
        h.append("<th>fresh connections</th></tr></thead>\n<tbody>\n");
        for (OwnRequests.Row row : rows) {
            ScenarioResult r = row.result();
            h.append("<tr><td class=\"text\">").append(HtmlReport.esc(r.name())).append("<br><small>").append(HtmlReport.esc(r.inWords()))
                    .append("</small></td><td>").append(r.latencies().okCount()).append(" / ").append(r.latencies().koCount())
                    .append("</td><td>").append(HtmlReport.millis(row.measuredP50Millis())).append("</td><td>")
                    .append(HtmlReport.millis(row.baselineP50Millis())).append("</td><td>").append(HtmlReport.millis(row.networkCostMillis()))
                    .append("</td><td>").append(HtmlReport.millis(row.predictedNetworkMillis())).append("</td><td>");
            if (!Double.isNaN(row.errorPercent())) {
                h.append(HtmlReport.signed("%+.1f%%", row.errorPercent()));
                if (!Double.isNaN(row.errorRtts())) {
                    h.append(" · ").append(HtmlReport.signed("%+.2f", row.errorRtts()));
                }
            } else {
                h.append("–");
            }
            h.append("</td>");
            for (Strategy s : Strategy.values()) {
                Double ms = row.whatIfNetworkMillis().get(s);
                h.append("<td>").append(ms == null ? "–" : HtmlReport.millis(ms)).append("</td>");
            }
            double share = r.ownRequest().freshConnectionShare();
            h.append("<td>").append(Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * share))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n<p class=\"meta\">Every number: <code>summary.json</code>, <code>own_requests</code>.</p>\n");
    }

    /**
     * The comparison for people: one row per scenario, its request kind in words, its host cost (the baseline's p50,
     * when it has one), p50 and p99 as "measured / predicted, error" (with a host cost the error is the network's,
     * measured − host cost − predicted, marked "net"), the verdict and reason, and the KS distance where it means
     * something.
     */
    static void comparison(StringBuilder h, Report report) {
        boolean severalProfiles = report.profiles().size() > 1;
        boolean hostCosts = report.results().stream().anyMatch(ScenarioResult::judgedAgainstHostCost);
        h.append("<div class=\"scroll\"><table id=\"table-comparison\">\n<thead><tr>")
                .append("<th class=\"text\">scenario</th><th>requests<br><small>ok / ko</small></th>")
                .append(hostCosts ? "<th>host cost<br><small>p50 ms</small></th>" : "");
        for (String key : List.of("p50", "p99")) {
            h.append("<th>").append(Percentiles.label(key)).append(" ms<br><small>measured / predicted<br>error % · RTTs</small></th>");
        }
        h.append("<th class=\"text\">verdict</th><th class=\"text\">likely reason</th><th>KS</th></tr></thead>\n<tbody>\n");
        for (ScenarioResult r : report.results()) {
            double rtt = r.profile().rttMillis();
            h.append("<tr><td class=\"text\">").append(HtmlReport.esc(r.name())).append("<br><small>").append(HtmlReport.esc(r.inWords()));
            if (severalProfiles) {
                h.append(" · ").append(HtmlReport.esc(r.profile().name()))
                        .append(Double.isNaN(rtt) ? "" : " (RTT " + HtmlReport.millis(rtt) + " ms)");
            }
            h.append("</small></td><td>").append(r.latencies().okCount()).append(" / ").append(r.latencies().koCount())
                    .append("</td>");
            if (hostCosts) {
                h.append("<td").append(r.judgedAgainstHostCost()
                                ? " title=\"p50 of the same requests over a zero-latency path; judged: measured − host cost vs predicted\""
                                : "").append(">")
                        .append(r.judgedAgainstHostCost() ? HtmlReport.millis(r.hostCostMillis()) : "–").append("</td>");
            }
            for (String key : List.of("p50", "p99")) {
                ScenarioResult.Row row = r.rows().get(key);
                String cls = !row.judged() ? " class=\"nj\" title=\"not judged\""
                        : row.withinTolerance() ? ""
                        : " class=\"v-" + (row.comparedMillis() > row.predictedMillis() ? "optimistic" : "pessimistic") + "\"";
                h.append("<td").append(cls).append(">")
                        .append(HtmlReport.millis(row.measuredMillis())).append(" / ").append(HtmlReport.millis(row.predictedMillis()));
                if (!Double.isNaN(row.errorPercent())) {
                    h.append("<br><small>").append(r.judgedAgainstHostCost() ? "net " : "")
                            .append(HtmlReport.signed("%+.1f%%", row.errorPercent()));
                    if (!Double.isNaN(row.errorRtts())) {
                        h.append(" · ").append(HtmlReport.signed("%+.2f", row.errorRtts())).append(" RTT");
                    }
                    h.append("</small>");
                }
                h.append("</td>");
            }
            h.append("<td class=\"text ").append(HtmlReport.verdictClass(r.verdict().label())).append("\">")
                    .append(HtmlReport.esc(r.verdict().label())).append("</td><td class=\"text reason\">").append(HtmlReport.esc(r.reason()))
                    .append("</td><td").append(r.ksMeaningful() ? "" : " title=\"" + HtmlReport.esc(r.ksSource()) + "\"").append(">")
                    .append(r.ksMeaningful() ? String.format(Locale.ROOT, "%.3f", r.ksDistance().getAsDouble()) : "–")
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }
}
