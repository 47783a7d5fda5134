package io.roundtrip.results.report;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.NetworkProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run of the user's own Gatling simulation, one scenario per request name or group: per name, the measured p50,
 * the baseline's (the same request over a zero-latency path), the network cost between them against the model's,
 * and what the model says that network cost would be with each {@link Strategy} on the same path.
 */
final class OwnRequests {

    /**
     * One request name (or group). {@code whatIfNetworkMillis} is empty for groups and kinds the model does not know.
     */
    record Row(ScenarioResult result, double measuredP50Millis, double baselineP50Millis, double networkCostMillis,
            double predictedNetworkMillis, double errorPercent, double errorRtts, Map<Strategy, Double> whatIfNetworkMillis) {

        boolean isGroup() {
            return result.requestKind().isEmpty();
        }
    }

    private OwnRequests() {}

    /**
     * The rows of every scenario that carries own-traffic fields, in run order; empty for the built-in scenarios
     * (whose baseline is a host cost, shown in the comparison).
     */
    static List<Row> of(List<ScenarioResult> results) {
        List<Row> rows = new ArrayList<>();
        for (ScenarioResult r : results) {
            RunManifest.OwnRequest own = r.ownRequest();
            if (!own.present() || r.judgedAgainstHostCost()) {   // a built-in scenario's baseline is its host cost
                continue;
            }
            double rtt = r.profile().rttMillis();
            double cost = r.networkCostMillis();
            double predicted = own.networkPredictionMillis();
            double error = cost - predicted;
            Map<Strategy, Double> whatIf = new EnumMap<>(Strategy.class);
            Optional<RequestKind> kind = RequestKinds.fromJson(r.requestKind());
            Optional<NetworkProfile> profile = ModelProfiles.of(r.profile());
            if (kind.isPresent() && profile.isPresent()) {
                RequestKind network = kind.get().toBuilder().serverTime(Duration.ZERO).build();
                for (Strategy strategy : Strategy.values()) {
                    whatIf.put(strategy, LatencyModel.predict(profile.get(), strategy.applyTo(network), WhatIf.SAMPLES,
                            LatencyModel.DEFAULT_SEED).percentilesMillis().p50());
                }
            }
            rows.add(new Row(r, r.rows().get("p50").measuredMillis(), own.baselineP50Millis(), cost, predicted,
                    predicted > 0 ? 100 * error / predicted : Double.NaN, rtt > 0 ? error / rtt : Double.NaN,
                    java.util.Collections.unmodifiableMap(whatIf)));
        }
        return List.copyOf(rows);
    }
}
