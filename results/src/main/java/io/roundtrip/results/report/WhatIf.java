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
import java.util.Map;
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
            Optional<RequestKind> kind = requestKind(r.requestKind());
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

    /** The model's request kind from {@code run.json}'s {@code request_kind}, when it describes one. */
    static Optional<RequestKind> requestKind(Map<String, String> json) {
        if (!json.containsKey("protocol") || !json.containsKey("connection")) {
            return Optional.empty();
        }
        try {
            RequestKind.Builder b = RequestKind.builder()
                    .protocol(RequestKind.Protocol.parse(json.get("protocol")))
                    .connection(RequestKind.Connection.parse(json.get("connection")));
            if (json.containsKey("tls")) {
                b.tls(RequestKind.Tls.parse(json.get("tls")));
            }
            if (json.containsKey("dns")) {
                b.dns(RequestKind.Dns.parse(json.get("dns")));
            }
            if (json.containsKey("request_bytes")) {
                b.requestBytes(Math.round(Double.parseDouble(json.get("request_bytes"))));
            }
            if (json.containsKey("size_bytes")) {
                b.responseBytes(Math.round(Double.parseDouble(json.get("size_bytes"))));
            }
            if (json.containsKey("server_time_ms")) {
                b.serverTime(Duration.ofNanos(Math.round(Double.parseDouble(json.get("server_time_ms")) * 1e6)));
            }
            if (json.containsKey("resources")) {
                b.resources((int) Math.round(Double.parseDouble(json.get("resources"))));
            }
            if (json.containsKey("resource_size_bytes")) {
                b.resourceBytes(Math.round(Double.parseDouble(json.get("resource_size_bytes"))));
            }
            if (json.containsKey("h1_connections_per_origin")) {
                b.h1ConnectionsPerOrigin((int) Math.round(Double.parseDouble(json.get("h1_connections_per_origin"))));
            }
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a kind the model knows (e.g. an external target's own labels)
        }
    }
}
