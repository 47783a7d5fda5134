package io.roundtrip.results.report;

import io.roundtrip.model.Percentiles;
import static io.roundtrip.results.report.Table.col;

import io.roundtrip.results.report.Table.Column;
import io.roundtrip.results.report.Table.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's tables, each written as {@code <slug>.csv} and shown in the HTML. */
final class ReportTables {

    private ReportTables() {}

    static List<Table> all(Report report) {
        List<Table> tables = new ArrayList<>();
        tables.add(comparison(report));
        for (Map.Entry<ProtocolComparison.Dimension, List<ProtocolComparison.Pair>> e : report.pairs().entrySet()) {
            if (!e.getValue().isEmpty()) {
                tables.add(protocol(e.getKey(), e.getValue()));
            }
        }
        tables.add(little(report));
        if (!report.whatIf().isEmpty()) {
            tables.add(whatIf(report));
        }
        if (!report.sweeps().isEmpty()) {
            tables.add(usl(report));
        }
        if (!report.strategyWhatIf().isEmpty()) {
            tables.add(whatIfStrategies(report));
        }
        if (!report.ownRequests().isEmpty()) {
            tables.add(ownRequests(report));
        }
        tables.add(runs(report));
        return tables;
    }

    static Table comparison(Report report) {
        List<Column> columns = new ArrayList<>(List.of(col("profile", Format.TEXT), col("rtt_ms", Format.MILLIS),
                col("scenario", Format.TEXT), col("ok_count", Format.INTEGER), col("ko_count", Format.INTEGER)));
        for (String key : Percentiles.KEYS) {
            columns.add(col(key + "_measured_ms", Format.MILLIS));
            columns.add(col(key + "_predicted_ms", Format.MILLIS));
            columns.add(col(key + "_error_pct", Format.PERCENT));
            columns.add(col(key + "_error_rtts", Format.RTTS));
        }
        columns.addAll(List.of(col("verdict", Format.TEXT), col("likely_reason", Format.TEXT),
                col("ks_distance", Format.FRACTION), col("ks_source", Format.TEXT),
                col("host_cost_p50_ms", Format.MILLIS), col("judged", Format.TEXT)));
        Table table = Table.of("comparison", "Measured vs predicted", columns);
        for (ScenarioResult r : report.results()) {
            List<Object> row = new ArrayList<>(List.of(r.profile().name(), r.profile().rttMillis(), r.name(),
                    (double) r.latencies().okCount(), (double) r.latencies().koCount()));
            for (String key : Percentiles.KEYS) {
                ScenarioResult.Row p = r.rows().get(key);
                row.add(p.measuredMillis());
                row.add(p.predictedMillis());
                row.add(p.errorPercent());
                row.add(p.errorRtts());
            }
            row.add(r.verdict().label());
            row.add(r.reason());
            row.add(r.ksDistance().isPresent() ? r.ksDistance().getAsDouble() : Double.NaN);
            row.add(r.ksSource());
            row.add(r.hostCostMillis());
            row.add(r.judgedAgainstHostCost() ? "measured - host cost vs predicted" : "measured vs predicted");
            table = table.with(row);
        }
        return table;
    }

    static Table protocol(ProtocolComparison.Dimension dimension, List<ProtocolComparison.Pair> pairs) {
        Table table = Table.of("protocol-" + dimension.slug, dimension.title, List.of(
                col("profile", Format.TEXT), col("shared_request_kind", Format.TEXT),
                col(dimension.a + "_scenario", Format.TEXT), col(dimension.b + "_scenario", Format.TEXT),
                col(dimension.a + "_p50_ms", Format.MILLIS), col(dimension.b + "_p50_ms", Format.MILLIS),
                col("p50_ratio", Format.RATIO),
                col(dimension.a + "_p99_ms", Format.MILLIS), col(dimension.b + "_p99_ms", Format.MILLIS),
                col("p99_ratio", Format.RATIO),
                col(dimension.a + "_p50_predicted_ms", Format.MILLIS), col(dimension.b + "_p50_predicted_ms", Format.MILLIS),
                col("faster_p50", Format.TEXT)));
        for (ProtocolComparison.Pair p : pairs) {
            table = table.with(List.of(p.profile(), p.sharedKind(), p.a().name(), p.b().name(),
                    p.a().rows().get("p50").measuredMillis(), p.b().rows().get("p50").measuredMillis(), p.measuredRatio("p50"),
                    p.a().rows().get("p99").measuredMillis(), p.b().rows().get("p99").measuredMillis(), p.measuredRatio("p99"),
                    p.a().rows().get("p50").predictedMillis(), p.b().rows().get("p50").predictedMillis(), p.faster()));
        }
        return table;
    }

    static Table little(Report report) {
        Table table = Table.of("capacity-little", "Little's law and Erlang C at the measured load", List.of(
                col("profile", Format.TEXT), col("scenario", Format.TEXT), col("throughput_rps", Format.DECIMAL),
                col("mean_ms", Format.MILLIS), col("busy_connections", Format.DECIMAL),
                col("pool_for_1pct_wait", Format.INTEGER)));
        for (ScenarioResult r : report.results()) {
            table = table.with(List.of(r.profile().name(), r.name(), r.throughputPerSecond(), r.meanMillis(),
                    r.busyConnections(), r.poolSize().isPresent() ? r.poolSize().getAsDouble() : Double.NaN));
        }
        return table;
    }

    static Table whatIf(Report report) {
        Table table = Table.of("capacity-what-if", "What if the same traffic ran on another profile (model)", List.of(
                col("measured_profile", Format.TEXT), col("scenario", Format.TEXT),
                col("throughput_rps", Format.DECIMAL), col("what_if_profile", Format.TEXT), col("rtt_ms", Format.MILLIS),
                col("predicted_mean_ms", Format.MILLIS), col("predicted_p99_ms", Format.MILLIS),
                col("busy_connections", Format.DECIMAL), col("pool_for_1pct_wait", Format.INTEGER)));
        for (WhatIf.Row w : report.whatIf()) {
            table = table.with(List.of(w.measured().profile().name(), w.measured().name(),
                    w.measured().throughputPerSecond(), w.profile(), w.rttMillis(), w.meanMillis(), w.p99Millis(),
                    w.busyConnections(), w.poolSize()));
        }
        return table;
    }

    static Table usl(Report report) {
        Table table = Table.of("capacity-usl", "Universal Scalability Law fits", List.of(
                col("run_id", Format.TEXT), col("points", Format.INTEGER), col("sigma", Format.DECIMAL),
                col("kappa", Format.DECIMAL), col("lambda", Format.DECIMAL), col("n_max", Format.INTEGER),
                col("x_max", Format.DECIMAL)));
        for (Report.SweepFit fit : report.sweeps()) {
            table = table.with(List.of(fit.runId(), (double) fit.sweep().rows().size(), fit.usl().sigma(),
                    fit.usl().kappa(), fit.usl().lambda(), fit.usl().maxConcurrency(), fit.usl().maxThroughput()));
        }
        return table;
    }

    /** The model's p50 per workload, strategy and preset (the what-if charts' points). */
    static Table whatIfStrategies(Report report) {
        Table table = Table.of("what-if-strategies", "What if: protocol and connection strategies on other paths (model)",
                List.of(col("workload", Format.TEXT), col("strategy", Format.TEXT), col("profile", Format.TEXT),
                        col("rtt_ms", Format.MILLIS), col("predicted_p50_ms", Format.MILLIS)));
        for (StrategyWhatIf.Workload w : report.strategyWhatIf()) {
            for (Map.Entry<Strategy, List<StrategyWhatIf.Point>> curve : w.curves().entrySet()) {
                for (StrategyWhatIf.Point p : curve.getValue()) {
                    table = table.with(List.of(w.words(), curve.getKey().words, p.preset(), p.rttMillis(), p.p50Millis()));
                }
            }
        }
        return table;
    }

    /** A run of the user's own simulation: per request name, the network cost against the model and the what-if. */
    static Table ownRequests(Report report) {
        List<Column> columns = new ArrayList<>(List.of(col("name", Format.TEXT), col("request_kind", Format.TEXT),
                col("measured_p50_ms", Format.MILLIS), col("baseline_p50_ms", Format.MILLIS),
                col("network_cost_ms", Format.MILLIS), col("network_prediction_ms", Format.MILLIS),
                col("network_error_pct", Format.PERCENT), col("network_error_rtts", Format.RTTS),
                col("fresh_connection_share", Format.FRACTION)));
        for (Strategy s : Strategy.values()) {
            columns.add(col("what_if_" + s.key() + "_network_p50_ms", Format.MILLIS));
        }
        Table table = Table.of("own-requests", "Your requests", columns);
        for (OwnRequests.Row row : report.ownRequests()) {
            List<Object> cells = new ArrayList<>(List.of(row.result().name(), row.result().inWords(),
                    row.measuredP50Millis(), row.baselineP50Millis(), row.networkCostMillis(),
                    row.predictedNetworkMillis(), row.errorPercent(), row.errorRtts(),
                    row.result().ownRequest().freshConnectionShare()));
            for (Strategy s : Strategy.values()) {
                cells.add(row.whatIfNetworkMillis().getOrDefault(s, Double.NaN));
            }
            table = table.with(cells);
        }
        return table;
    }

    static Table runs(Report report) {
        Table table = Table.of("runs", "Run folders", List.of(col("run_id", Format.TEXT), col("host", Format.TEXT),
                col("started_at", Format.TEXT), col("ended_at", Format.TEXT), col("profile", Format.TEXT),
                col("settings", Format.TEXT), col("versions", Format.TEXT), col("parameters", Format.TEXT),
                col("folder", Format.TEXT)));
        for (RunFolder run : report.runs()) {
            RunManifest m = run.manifest();
            table = table.with(List.of(m.runId(), m.host(), m.startedAt(), m.endedAt(), m.profile().name(),
                    m.profile().settings().toString(), m.versions().toString(),
                    m.parameters().isEmpty() ? "" : io.roundtrip.results.run.RunFiles.compactJson(m.parameters()), run.dir().toString()));
        }
        return table;
    }
}
