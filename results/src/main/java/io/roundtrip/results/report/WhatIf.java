package io.roundtrip.results.report;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.capacity.ErlangC;
import io.roundtrip.model.capacity.LittlesLaw;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.Presets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What if the same traffic ran on another network profile? For each measured scenario, the model predicts its
 * latency on each of a few preset profiles; Little's law turns the measured throughput and the predicted mean into
 * busy connections, and Erlang C into the pool that keeps the chance of waiting at 1%.
 */
final class WhatIf {

    /** The presets every report projects onto (those the model knows). */
    static final List<String> PROFILES = List.of("lan", "cross-continent", "cross-ocean", "mobile", "satellite");
    /** Monte Carlo samples per prediction (profiles with jitter or loss): the report needs the mean and p99 only. */
    static final int SAMPLES = 20_000;

    /** One projection: a measured scenario's traffic on another profile. */
    record Row(ScenarioResult measured, String profile, double rttMillis, double meanMillis, double p99Millis,
            double busyConnections, double poolSize) {}

    private WhatIf() {}

    static List<Row> rows(List<ScenarioResult> results) {
        List<Row> rows = new ArrayList<>();
        for (ScenarioResult r : results) {
            Optional<RequestKind> kind = RequestKinds.fromJson(r.requestKind());
            double rate = r.throughputPerSecond();
            if (kind.isEmpty() || !(rate > 0) || Double.isInfinite(rate)) {
                continue;
            }
            for (String name : PROFILES) {
                if (!Presets.exists(name)) {
                    continue;
                }
                NetworkProfile profile = Presets.get(name);
                Prediction p = LatencyModel.predict(profile, kind.get(), SAMPLES, LatencyModel.DEFAULT_SEED);
                double busy = LittlesLaw.concurrency(rate, Duration.ofNanos(Math.round(p.meanMillis() * 1e6)));
                double pool = busy > 0 ? ErlangC.poolSize(busy, ScenarioResult.POOL_WAIT_TARGET) : 0;
                rows.add(new Row(r, name, profile.rtt().toNanos() / 1e6, p.meanMillis(), p.percentilesMillis().p99(),
                        busy, pool));
            }
        }
        return rows;
    }
}
