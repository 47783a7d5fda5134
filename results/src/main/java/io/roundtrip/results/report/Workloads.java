package io.roundtrip.results.report;

import io.roundtrip.model.RequestKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which strategy wins, as measured: scenarios of the same profile that fetch the same thing (their request kinds
 * equal but for protocol and connection) form a workload, ranked by measured p50.
 */
final class Workloads {

    /** One workload on one profile, fastest first; at least two entries. */
    record Workload(RunManifest.Profile profile, String words, List<Entry> ranking) {

        Entry fastest() {
            return ranking.get(0);
        }

        /** The number of requests measured over the workload's scenarios. */
        long requests() {
            return ranking.stream().mapToLong(e -> e.result().latencies().okCount()).sum();
        }
    }

    /** A scenario in a workload's ranking: its measured p50 and how far behind the fastest it is. */
    record Entry(ScenarioResult result, String strategyWords, double p50Millis, double behindMillis, double behindRtts) {}

    private Workloads() {}

    static List<Workload> of(List<ScenarioResult> results) {
        Map<String, List<ScenarioResult>> groups = new LinkedHashMap<>();
        Map<String, RequestKind> kinds = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            Optional<RequestKind> kind = RequestKinds.fromJson(r.requestKind());
            if (kind.isEmpty() || Double.isNaN(r.rows().get("p50").measuredMillis())) {
                continue;
            }
            RequestKind workload = Strategy.H1_KEEPALIVE.applyTo(kind.get());
            String key = r.profile().key() + "\u0000" + workload;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            kinds.putIfAbsent(key, workload);
        }
        List<Workload> workloads = new ArrayList<>();
        groups.forEach((key, members) -> {
            if (members.size() < 2) {
                return;
            }
            List<ScenarioResult> sorted = new ArrayList<>(members);
            sorted.sort(Comparator.comparingDouble(r -> r.rows().get("p50").measuredMillis()));
            double best = sorted.get(0).rows().get("p50").measuredMillis();
            double rtt = sorted.get(0).profile().rttMillis();
            List<Entry> ranking = new ArrayList<>();
            for (ScenarioResult r : sorted) {
                double p50 = r.rows().get("p50").measuredMillis();
                ranking.add(new Entry(r, ModelProfiles.strategyWords(RequestKinds.fromJson(r.requestKind()).orElseThrow()),
                        p50, p50 - best, rtt > 0 ? (p50 - best) / rtt : Double.NaN));
            }
            workloads.add(new Workload(sorted.get(0).profile(), ModelProfiles.workloadWords(kinds.get(key)), List.copyOf(ranking)));
        });
        return List.copyOf(workloads);
    }
}
