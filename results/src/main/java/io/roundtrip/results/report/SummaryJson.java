package io.roundtrip.results.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** {@code summary.json}: every number of the report, for machines. Unknown numbers are {@code null}. */
final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

    static String render(Report report, Map<String, String> mergedLogs, List<Finding> findings) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", report.generatedAt().toString());
        ObjectNode tolerance = root.putObject("tolerance");
        tolerance.put("relative", Tolerance.RELATIVE);
        tolerance.put("rtt_fraction", Tolerance.RTT_FRACTION);
        tolerance.put("floor_ms", Tolerance.FLOOR_MILLIS);
        Tolerance.JUDGED.forEach(tolerance.putArray("judged")::add);
        ArrayNode findingsNode = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode n = findingsNode.addObject();
            n.put("topic", f.topic());
            n.put("text", f.text());
            ArrayNode figures = n.putArray("figures");
            for (Finding.Figure fig : f.figures()) {
                ObjectNode g = figures.addObject();
                g.put("name", fig.name());
                number(g, "value", fig.value());
                g.put("unit", fig.unit().name());
                g.put("symbol", fig.unit().symbol);
                g.put("printed", fig.printed());
                g.put("source", fig.summaryPointer());
            }
        }
        ObjectNode verdicts = root.putObject("verdicts");
        // judged: the scenarios that crossed an emulated path and got a verdict (a noise floor is not judged)
        verdicts.put("judged", report.results().stream().filter(Findings::judged).count());
        verdicts.put("judged_within_tolerance", report.results().stream()
                .filter(r -> Findings.judged(r) && r.verdict() == Verdict.WITHIN_TOLERANCE).count());
        for (Verdict v : Verdict.values()) {
            verdicts.put(v.label().replace(' ', '_'), report.results().stream().filter(r -> r.verdict() == v).count());
        }
        ArrayNode runs = root.putArray("runs");
        for (RunFolder run : report.runs()) {
            ObjectNode r = runs.addObject();
            r.put("run_id", run.manifest().runId());
            r.put("folder", run.dir().toString());
            r.put("host", run.manifest().host());
            r.put("started_at", run.manifest().startedAt());
            r.put("ended_at", run.manifest().endedAt());
            r.put("profile", run.manifest().profile().name());
        }
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioResult s : report.results()) {
            ObjectNode n = scenarios.addObject();
            n.put("profile", s.profile().name());
            number(n, "rtt_ms", s.profile().rttMillis());
            n.put("scenario", s.name());
            ObjectNode kind = n.putObject("request_kind");
            s.requestKind().forEach(kind::put);
            n.put("in_words", s.inWords());
            s.runIds().forEach(n.putArray("run_ids")::add);
            n.put("hlog", mergedLogs.get(s.profile().key() + "\u0000" + s.name()));
            n.put("ok_count", s.latencies().okCount());
            n.put("ko_count", s.latencies().koCount());
            number(n, "throughput_rps", s.throughputPerSecond());
            number(n, "mean_ms", s.meanMillis());
            ObjectNode measured = n.putObject("measured_ms");
            ObjectNode predicted = n.putObject("predicted_ms");
            ObjectNode errorPct = n.putObject("error_pct");
            ObjectNode errorRtts = n.putObject("error_rtts");
            for (ScenarioResult.Row row : s.rows().values()) {
                number(measured, row.key(), row.measuredMillis());
                number(predicted, row.key(), row.predictedMillis());
                number(errorPct, row.key(), row.errorPercent());
                number(errorRtts, row.key(), row.errorRtts());
            }
            n.put("verdict", s.verdict().label());
            n.put("likely_reason", s.reason());
            number(n, "ks_distance", s.ksDistance().isPresent() ? s.ksDistance().getAsDouble() : Double.NaN);
            n.put("ks_source", s.ksSource());
            n.put("point_prediction", s.prediction().map(Prediction::isPoint).orElse(false));
            number(n, "tail_ms", s.tailMillis());
            number(n, "tail_rtts", s.tailMillis() / s.profile().rttMillis());
            ObjectNode capacity = n.putObject("capacity");
            number(capacity, "busy_connections", s.busyConnections());
            number(capacity, "pool_size_1pct_wait", s.poolSize().isPresent() ? s.poolSize().getAsDouble() : Double.NaN);
        }
        ObjectNode protocols = root.putObject("protocol_comparisons");
        report.pairs().forEach((dimension, pairs) -> {
            ArrayNode list = protocols.putArray(dimension.slug);
            for (ProtocolComparison.Pair p : pairs) {
                ObjectNode n = list.addObject();
                n.put("profile", p.profile());
                n.put("shared_request_kind", p.sharedKind());
                n.put(dimension.a, p.a().name());
                n.put(dimension.b, p.b().name());
                number(n, "p50_ratio", p.measuredRatio("p50"));
                number(n, "p99_ratio", p.measuredRatio("p99"));
                n.put("faster_p50", p.faster());
            }
        });
        ArrayNode workloads = root.putArray("workloads");
        for (Workloads.Workload w : report.workloads()) {
            ObjectNode n = workloads.addObject();
            n.put("profile", w.profile().name());
            number(n, "rtt_ms", w.profile().rttMillis());
            n.put("workload", w.words());
            ArrayNode ranking = n.putArray("ranking");
            for (Workloads.Entry e : w.ranking()) {
                ObjectNode r = ranking.addObject();
                r.put("scenario", e.result().name());
                r.put("strategy", e.strategyWords());
                number(r, "p50_ms", e.p50Millis());
                number(r, "behind_fastest_ms", e.behindMillis());
                number(r, "behind_fastest_rtts", e.behindRtts());
            }
        }
        ArrayNode strategies = root.putArray("what_if_strategies");
        for (StrategyWhatIf.Workload w : report.strategyWhatIf()) {
            ObjectNode n = strategies.addObject();
            n.put("workload", w.words());
            n.put("measured_requests", w.requests());
            ObjectNode curves = n.putObject("p50_ms");
            w.curves().forEach((strategy, points) -> {
                ObjectNode curve = curves.putObject(strategy.key());
                points.forEach(p -> number(curve, p.preset(), p.p50Millis()));
            });
            ObjectNode rtts = n.putObject("rtt_ms");
            w.curves().values().stream().findFirst().ifPresent(points -> points.forEach(p -> number(rtts, p.preset(), p.rttMillis())));
            w.savings().ifPresentOrElse(v -> {
                ObjectNode savings = n.putObject("savings");
                savings.put("preset", v.preset());
                number(savings, "rtt_ms", v.rttMillis());
                number(savings, "keepalive_over_fresh_ms", v.keepAliveOverFreshMillis());
                number(savings, "keepalive_over_fresh_rtts", v.keepAliveOverFreshRtts());
                number(savings, "h2_over_h1_fresh_ms", v.h2OverH1Millis());
                number(savings, "h2_over_h1_fresh_rtts", v.h2OverH1Rtts());
                number(savings, "fresh_over_keepalive_ms", -v.keepAliveOverFreshMillis());
                number(savings, "fresh_over_keepalive_rtts", -v.keepAliveOverFreshRtts());
                number(savings, "h1_over_h2_fresh_ms", -v.h2OverH1Millis());
                number(savings, "h1_over_h2_fresh_rtts", -v.h2OverH1Rtts());
            }, () -> n.putNull("savings"));
        }
        ArrayNode own = root.putArray("own_requests");
        for (OwnRequests.Row row : report.ownRequests()) {
            ObjectNode n = own.addObject();
            n.put("name", row.result().name());
            n.put("group", row.isGroup());
            n.put("in_words", row.result().inWords());
            number(n, "measured_p50_ms", row.measuredP50Millis());
            number(n, "baseline_p50_ms", row.baselineP50Millis());
            number(n, "network_cost_ms", row.networkCostMillis());
            number(n, "network_prediction_ms", row.predictedNetworkMillis());
            number(n, "network_error_pct", row.errorPercent());
            number(n, "network_error_rtts", row.errorRtts());
            number(n, "fresh_connection_share", row.result().ownRequest().freshConnectionShare());
            ObjectNode whatIf = n.putObject("what_if_network_p50_ms");
            row.whatIfNetworkMillis().forEach((strategy, ms) -> number(whatIf, strategy.key(), ms));
        }
        ObjectNode capacity = root.putObject("capacity");
        ArrayNode whatIf = capacity.putArray("what_if");
        for (WhatIf.Row w : report.whatIf()) {
            ObjectNode n = whatIf.addObject();
            n.put("measured_profile", w.measured().profile().name());
            n.put("scenario", w.measured().name());
            number(n, "throughput_rps", w.measured().throughputPerSecond());
            n.put("profile", w.profile());
            number(n, "rtt_ms", w.rttMillis());
            number(n, "predicted_mean_ms", w.meanMillis());
            number(n, "predicted_p99_ms", w.p99Millis());
            number(n, "busy_connections", w.busyConnections());
            number(n, "pool_size_1pct_wait", w.poolSize());
        }
        ArrayNode usl = capacity.putArray("usl");
        for (Report.SweepFit fit : report.sweeps()) {
            ObjectNode n = usl.addObject();
            n.put("run_id", fit.runId());
            n.put("points", fit.sweep().rows().size());
            n.put("sigma", fit.usl().sigma());
            n.put("kappa", fit.usl().kappa());
            n.put("lambda", fit.usl().lambda());
            if (Double.isFinite(fit.usl().maxConcurrency())) {
                n.put("n_max", (long) fit.usl().maxConcurrency());
            } else {
                n.putNull("n_max");
            }
            number(n, "x_max", fit.usl().maxThroughput());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render summary.json", e);
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
