package io.roundtrip.results.report;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.Presets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What if the same requests went over another protocol or connection strategy, on another path? For the workloads
 * measured most (at most {@value #MAX_WORKLOADS}), the model's p50 for each {@link Strategy} on each preset of
 * {@link WhatIf#PROFILES}: latency against RTT per strategy, and what a strategy saves on the
 * {@value #SAVINGS_PRESET} path.
 */
final class StrategyWhatIf {

    static final int MAX_WORKLOADS = 3;
    /** The path the findings quote savings on (the longest round trip without loss among the presets). */
    static final String SAVINGS_PRESET = "cross-ocean";

    /** One preset: its RTT and the model's p50 there. */
    record Point(String preset, double rttMillis, double p50Millis) {}

    /**
     * What changing one thing saves on {@code preset}, ms (positive: faster): keeping connections alive instead of
     * opening fresh ones (HTTP/1.1), and HTTP/2 instead of HTTP/1.1 (fresh connections, the first visit).
     */
    record Savings(String preset, double rttMillis, double keepAliveOverFreshMillis, double h2OverH1Millis) {

        double keepAliveOverFreshRtts() {
            return keepAliveOverFreshMillis / rttMillis;
        }

        double h2OverH1Rtts() {
            return h2OverH1Millis / rttMillis;
        }
    }

    /** One workload (what is fetched), its measured request count, its curves per strategy and the savings. */
    record Workload(String words, long requests, Map<Strategy, List<Point>> curves, Optional<Savings> savings) {}

    private StrategyWhatIf() {}

    static List<Workload> of(List<ScenarioResult> results) {
        Map<RequestKind, Long> requests = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            Optional<RequestKind> kind = RequestKinds.fromJson(r.requestKind());
            kind.ifPresent(k -> requests.merge(Strategy.H1_KEEPALIVE.applyTo(k), r.latencies().okCount(), Long::sum));
        }
        List<Map.Entry<RequestKind, Long>> top = new ArrayList<>(requests.entrySet());
        top.sort(Map.Entry.<RequestKind, Long>comparingByValue(Comparator.reverseOrder()));
        List<Workload> workloads = new ArrayList<>();
        for (Map.Entry<RequestKind, Long> e : top.subList(0, Math.min(MAX_WORKLOADS, top.size()))) {
            Map<Strategy, List<Point>> curves = new EnumMap<>(Strategy.class);
            for (Strategy strategy : Strategy.values()) {
                List<Point> points = new ArrayList<>();
                for (String name : WhatIf.PROFILES) {
                    if (Presets.exists(name)) {
                        points.add(point(name, strategy.applyTo(e.getKey())));
                    }
                }
                curves.put(strategy, List.copyOf(points));
            }
            workloads.add(new Workload(ModelProfiles.workloadWords(e.getKey()), e.getValue(), curves,
                    savings(curves)));
        }
        return List.copyOf(workloads);
    }

    private static Point point(String preset, RequestKind kind) {
        NetworkProfile profile = Presets.get(preset);
        Prediction p = LatencyModel.predict(profile, kind, WhatIf.SAMPLES, LatencyModel.DEFAULT_SEED);
        return new Point(preset, profile.rtt().toNanos() / 1e6, p.percentilesMillis().p50());
    }

    private static Optional<Savings> savings(Map<Strategy, List<Point>> curves) {
        int at = -1;
        List<Point> h1Fresh = curves.get(Strategy.H1_FRESH);
        for (int i = 0; i < h1Fresh.size(); i++) {
            if (h1Fresh.get(i).preset().equals(SAVINGS_PRESET)) {
                at = i;
            }
        }
        if (at < 0) {
            return Optional.empty();
        }
        Point fresh = h1Fresh.get(at);
        return Optional.of(new Savings(fresh.preset(), fresh.rttMillis(),
                fresh.p50Millis() - curves.get(Strategy.H1_KEEPALIVE).get(at).p50Millis(),
                fresh.p50Millis() - curves.get(Strategy.H2_FRESH).get(at).p50Millis()));
    }
}
