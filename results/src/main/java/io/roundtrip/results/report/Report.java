package io.roundtrip.results.report;

import io.roundtrip.model.Percentiles;
import io.roundtrip.model.capacity.UniversalScalabilityLaw;
import io.roundtrip.results.ScenarioLatencies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the report says, computed in memory from the run folders before a byte is written: scenarios merged
 * across run folders of the same profile, their comparisons, the protocol pairs and the capacity fits.
 */
public record Report(
        Instant generatedAt,
        List<RunFolder> runs,
        List<ScenarioResult> results,
        Map<ProtocolComparison.Dimension, List<ProtocolComparison.Pair>> pairs,
        List<SweepFit> sweeps,
        List<WhatIf.Row> whatIf,
        List<Workloads.Workload> workloads,
        List<StrategyWhatIf.Workload> strategyWhatIf,
        List<OwnRequests.Row> ownRequests) {

    /** A run folder's concurrency sweep and its USL fit. */
    public record SweepFit(String runId, ConcurrencySweep sweep, UniversalScalabilityLaw usl) {}

    /** Builds the report; several run folders of the same profile and scenario merge losslessly. */
    public static Report of(List<RunFolder> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run folders given");
        }
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (RunFolder run : runs) {
            RunManifest manifest = run.manifest();
            for (RunManifest.Scenario scenario : manifest.scenarios()) {
                String key = scenario.profile().key() + "\u0000" + scenario.name();
                ScenarioLatencies latencies = run.latencies().get(scenario.name());
                Merged m = merged.get(key);
                if (m == null) {
                    merged.put(key, new Merged(scenario.profile(), scenario, latencies, new ArrayList<>(List.of(manifest.runId())),
                            noiseFloor(manifest.noiseFloorMillis(), scenario.name()), manifest.spanSeconds()));
                } else {
                    m.latencies = m.latencies.mergedWith(latencies);
                    m.runIds.add(manifest.runId());
                    m.runSpanSeconds = Double.isNaN(m.runSpanSeconds) ? manifest.spanSeconds()
                            : Math.max(m.runSpanSeconds, Double.isNaN(manifest.spanSeconds()) ? 0 : manifest.spanSeconds());
                    if (m.scenario.prediction().isEmpty() && scenario.prediction().isPresent()) {
                        m.scenario = scenario;
                    }
                }
            }
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (Merged m : merged.values()) {
            results.add(ScenarioResult.of(m.profile, m.scenario.name(), m.scenario.requestKind(), m.latencies,
                    m.scenario.prediction(), m.runIds, m.noiseFloor, m.runSpanSeconds, m.scenario.ownRequest(),
                    m.scenario.hostCostMillis()));
        }
        List<SweepFit> sweeps = new ArrayList<>();
        for (RunFolder run : runs) {
            run.sweep().ifPresent(sweep -> sweeps.add(new SweepFit(run.manifest().runId(), sweep, sweep.fit())));
        }
        return new Report(Instant.now(), List.copyOf(runs), List.copyOf(results), ProtocolComparison.pairs(results),
                List.copyOf(sweeps), List.copyOf(WhatIf.rows(results)), Workloads.of(results),
                StrategyWhatIf.of(results), OwnRequests.of(results));
    }

    /** The distinct profiles, in the order first seen. */
    public List<RunManifest.Profile> profiles() {
        Map<String, RunManifest.Profile> profiles = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            profiles.putIfAbsent(r.profile().key(), r.profile());
        }
        return List.copyOf(profiles.values());
    }

    /** The results of one profile. */
    public List<ScenarioResult> resultsOf(RunManifest.Profile profile) {
        return results.stream().filter(r -> r.profile().key().equals(profile.key())).toList();
    }

    /** Whether the profiles span at least two round-trip times (then latency vs RTT is worth a chart). */
    public boolean spansRtts() {
        return profiles().stream().mapToDouble(RunManifest.Profile::rttMillis).filter(rtt -> !Double.isNaN(rtt))
                .distinct().count() >= 2;
    }

    /**
     * The noise floor for a scenario: {@code noise_floor_ms} may hold percentiles directly ({@code {"p50": 0.3}}) or
     * per scenario ({@code {"h1-keepalive": {"p50": 0.3}}}).
     */
    /** The noise floor's figures by percentile key: the run's, or, when it gives one per scenario, the scenario's. */
    private static Map<String, Double> noiseFloor(Map<String, Object> figures, String scenario) {
        Map<String, Double> floor = new LinkedHashMap<>();
        Object own = figures.get(scenario);
        Map<?, ?> source = own instanceof Map<?, ?> perScenario ? perScenario : figures;
        source.forEach((key, value) -> {
            if (Percentiles.KEYS.contains(key) && value instanceof Number number) {
                floor.put((String) key, number.doubleValue());
            }
        });
        return floor;
    }

    private static final class Merged {
        final RunManifest.Profile profile;
        RunManifest.Scenario scenario;
        ScenarioLatencies latencies;
        final List<String> runIds;
        final Map<String, Double> noiseFloor;
        double runSpanSeconds;

        Merged(RunManifest.Profile profile, RunManifest.Scenario scenario, ScenarioLatencies latencies,
                List<String> runIds, Map<String, Double> noiseFloor, double runSpanSeconds) {
            this.profile = profile;
            this.scenario = scenario;
            this.latencies = latencies;
            this.runIds = runIds;
            this.noiseFloor = noiseFloor;
            this.runSpanSeconds = runSpanSeconds;
        }
    }
}
