package io.roundtrip.results.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code summary.json}: every number of the report, for machines. Unknown numbers are {@code null}. */
final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

    static String render(Report report, Map<String, String> mergedLogs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", report.generatedAt().toString());
        ObjectNode tolerance = root.putObject("tolerance");
        tolerance.put("relative", Tolerance.RELATIVE);
        tolerance.put("rtt_fraction", Tolerance.RTT_FRACTION);
        tolerance.put("floor_ms", Tolerance.FLOOR_MILLIS);
        Tolerance.JUDGED.forEach(tolerance.putArray("judged")::add);
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
