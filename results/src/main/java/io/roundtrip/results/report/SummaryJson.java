package io.roundtrip.results.report;

import io.roundtrip.results.run.RunFiles;
import io.roundtrip.results.run.SummaryFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code summary.json} ({@link SummaryFile}) from the report: every number of the report, for machines. */
final class SummaryJson {

    private SummaryJson() {}

    static String render(Report report, Map<String, String> mergedLogs, List<Finding> findings) {
        return RunFiles.json(of(report, mergedLogs, findings));
    }

    static SummaryFile of(Report report, Map<String, String> mergedLogs, List<Finding> findings) {
        Map<String, List<SummaryFile.ProtocolPair>> protocols = new LinkedHashMap<>();
        report.pairs().forEach((dimension, pairs) -> protocols.put(dimension.slug, pairs.stream()
                .map(p -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    names.put(dimension.a, p.a().name());
                    names.put(dimension.b, p.b().name());
                    return new SummaryFile.ProtocolPair(p.profile(), p.sharedKind(), names, p.measuredRatio("p50"),
                            p.measuredRatio("p99"), p.faster());
                }).toList()));
        return new SummaryFile(report.generatedAt().toString(),
                new SummaryFile.Tolerance(Tolerance.RELATIVE, Tolerance.RTT_FRACTION, Tolerance.FLOOR_MILLIS,
                        List.copyOf(Tolerance.JUDGED)),
                findings.stream().map(SummaryJson::finding).toList(),
                verdicts(report),
                report.runs().stream().map(run -> new SummaryFile.Run(run.manifest().runId(), run.dir().toString(),
                        run.manifest().host(), run.manifest().startedAt(), run.manifest().endedAt(),
                        run.manifest().profile().name())).toList(),
                report.results().stream().map(s -> scenario(s, mergedLogs)).toList(),
                protocols,
                report.workloads().stream().map(SummaryJson::workload).toList(),
                report.strategyWhatIf().stream().map(SummaryJson::strategies).toList(),
                report.ownRequests().stream().map(SummaryJson::ownRequest).toList(),
                new SummaryFile.Capacity(report.whatIf().stream().map(SummaryJson::whatIf).toList(),
                        report.sweeps().stream().map(SummaryJson::usl).toList()));
    }

    private static SummaryFile.Finding finding(Finding f) {
        return new SummaryFile.Finding(f.topic(), f.text(), f.figures().stream()
                .map(fig -> new SummaryFile.Figure(fig.name(), fig.value(), fig.unit().name(), fig.unit().symbol,
                        fig.printed(), fig.summaryPointer()))
                .toList());
    }

    /** judged: the scenarios that crossed an emulated path and got a verdict (a noise floor is not judged). */
    private static Map<String, Long> verdicts(Report report) {
        Map<String, Long> verdicts = new LinkedHashMap<>();
        verdicts.put("judged", report.results().stream().filter(Findings::judged).count());
        verdicts.put("judged_within_tolerance", report.results().stream()
                .filter(r -> Findings.judged(r) && r.verdict() == Verdict.WITHIN_TOLERANCE).count());
        for (Verdict v : Verdict.values()) {
            verdicts.put(v.label().replace(' ', '_'), report.results().stream().filter(r -> r.verdict() == v).count());
        }
        return verdicts;
    }

    private static SummaryFile.Scenario scenario(ScenarioResult s, Map<String, String> mergedLogs) {
        return new SummaryFile.Scenario(s.profile().name(), s.profile().rttMillis(), s.name(), s.requestKind(),
                s.inWords(), s.runIds(), mergedLogs.get(s.profile().key() + "\u0000" + s.name()),
                s.latencies().okCount(), s.latencies().koCount(), s.throughputPerSecond(), s.meanMillis(),
                byPercentile(s, ScenarioResult.Row::measuredMillis), byPercentile(s, ScenarioResult.Row::predictedMillis),
                byPercentile(s, ScenarioResult.Row::errorPercent), byPercentile(s, ScenarioResult.Row::errorRtts),
                s.verdict().label(), s.reason(), s.ksDistance().isPresent() ? s.ksDistance().getAsDouble() : Double.NaN,
                s.ksSource(), s.prediction().map(Predictions::isPoint).orElse(false), s.tailMillis(),
                s.tailMillis() / s.profile().rttMillis(),
                new SummaryFile.ScenarioCapacity(s.busyConnections(),
                        s.poolSize().isPresent() ? s.poolSize().getAsDouble() : Double.NaN),
                s.hostCostMillis(), s.judgedAgainstHostCost() ? "network" : "whole",
                byPercentile(s, ScenarioResult.Row::comparedMillis));
    }

    private static Map<String, Double> byPercentile(ScenarioResult s, Function<ScenarioResult.Row, Double> figure) {
        Map<String, Double> values = new LinkedHashMap<>();
        s.rows().values().forEach(row -> values.put(row.key(), figure.apply(row)));
        return values;
    }

    private static SummaryFile.Workload workload(Workloads.Workload w) {
        return new SummaryFile.Workload(w.profile().name(), w.profile().rttMillis(), w.words(), w.ranking().stream()
                .map(e -> new SummaryFile.RankedStrategy(e.result().name(), e.strategyWords(), e.p50Millis(),
                        e.behindMillis(), e.behindRtts()))
                .toList());
    }

    private static SummaryFile.StrategyWorkload strategies(StrategyWhatIf.Workload w) {
        Map<String, Map<String, Double>> curves = new LinkedHashMap<>();
        w.curves().forEach((strategy, points) -> {
            Map<String, Double> curve = new LinkedHashMap<>();
            points.forEach(p -> curve.put(p.preset(), p.p50Millis()));
            curves.put(strategy.key(), curve);
        });
        Map<String, Double> rtts = new LinkedHashMap<>();
        w.curves().values().stream().findFirst().ifPresent(points -> points.forEach(p -> rtts.put(p.preset(),
                p.rttMillis())));
        return new SummaryFile.StrategyWorkload(w.words(), w.requests(), curves, rtts, w.savings()
                .map(v -> new SummaryFile.Savings(v.preset(), v.rttMillis(), v.keepAliveOverFreshMillis(),
                        v.keepAliveOverFreshRtts(), v.h2OverH1Millis(), v.h2OverH1Rtts(),
                        -v.keepAliveOverFreshMillis(), -v.keepAliveOverFreshRtts(), -v.h2OverH1Millis(),
                        -v.h2OverH1Rtts()))
                .orElse(null));
    }

    private static SummaryFile.OwnRequest ownRequest(OwnRequests.Row row) {
        Map<String, Double> whatIf = new LinkedHashMap<>();
        row.whatIfNetworkMillis().forEach((strategy, ms) -> whatIf.put(strategy.key(), ms));
        return new SummaryFile.OwnRequest(row.result().name(), row.isGroup(), row.result().inWords(),
                row.measuredP50Millis(), row.baselineP50Millis(), row.networkCostMillis(),
                row.predictedNetworkMillis(), row.errorPercent(), row.errorRtts(),
                row.result().ownRequest().freshConnectionShare(), whatIf);
    }

    private static SummaryFile.WhatIf whatIf(WhatIf.Row w) {
        return new SummaryFile.WhatIf(w.measured().profile().name(), w.measured().name(),
                w.measured().throughputPerSecond(), w.profile(), w.rttMillis(), w.meanMillis(), w.p99Millis(),
                w.busyConnections(), w.poolSize());
    }

    private static SummaryFile.Usl usl(Report.SweepFit fit) {
        return new SummaryFile.Usl(fit.runId(), fit.sweep().rows().size(), fit.usl().sigma(), fit.usl().kappa(),
                fit.usl().lambda(),
                Double.isFinite(fit.usl().maxConcurrency()) ? (long) fit.usl().maxConcurrency() : null,
                fit.usl().maxThroughput());
    }
}
