package io.roundtrip.results.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.results.LatencyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/** Writes run folders the way the simulations do: one {@link LatencyLog} per scenario and a {@code run.json}. */
final class RunFolderFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode scenarios;

    RunFolderFixture(Path dir, String runId, String profile, String rtt) {
        this.dir = dir;
        root.put("run_id", runId);
        root.put("started_at", "2026-11-25T08:00:00Z");
        root.put("ended_at", "2026-11-25T08:01:00Z");
        root.put("host", "loadgen-" + runId);
        root.putObject("versions").put("roundtrip", "0.1.0-SNAPSHOT").put("java", "17");
        ObjectNode p = root.putObject("profile");
        p.put("name", profile);
        p.putObject("settings").put("rtt", rtt).put("jitter", "0ms");
        root.putObject("parameters").put("users", 4);
        scenarios = root.putArray("scenarios");
    }

    /** Adds a scenario: its raw OK latencies (ns), KO latencies, request kind and prediction (null: none). */
    RunFolderFixture scenario(String name, long[] okNanos, long[] koNanos, Map<String, Object> requestKind,
            ObjectNode prediction) {
        String file = name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".hlog";
        try (LatencyLog log = LatencyLog.create(dir.resolve(file), name)) {
            int half = okNanos.length / 2;
            for (int i = 0; i < okNanos.length; i++) {
                log.recordOk(okNanos[i]);
                if (i == half) {
                    log.writeInterval();
                }
            }
            for (long ko : koNanos) {
                log.recordKo(ko);
            }
        }
        ObjectNode s = scenarios.addObject();
        s.put("name", name);
        s.put("hlog", file);
        s.set("request_kind", JSON.valueToTree(requestKind));
        if (prediction != null) {
            s.set("prediction", prediction);
        }
        return this;
    }

    /** Sets extra fields on the scenario added last (e.g. {@code baseline_p50_ms} of a user's own run). */
    RunFolderFixture with(Map<String, Object> fields) {
        ObjectNode last = (ObjectNode) scenarios.get(scenarios.size() - 1);
        fields.forEach((k, v) -> last.set(k, JSON.valueToTree(v)));
        return this;
    }

    /** Removes {@code request_kind} from the scenario added last: a Gatling group has none. */
    RunFolderFixture asGroup() {
        ((ObjectNode) scenarios.get(scenarios.size() - 1)).remove("request_kind");
        return this;
    }

    RunFolderFixture noiseFloor(double p50, double p99) {
        root.putObject("noise_floor_ms").put("p50", p50).put("p99", p99);
        return this;
    }

    Path write() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return dir;
    }

    /** A prediction whose percentiles are those given; with {@code quantiles}, the quantile function as well. */
    static ObjectNode prediction(double p50, double p90, double p99, double p999, double[][] quantiles,
            double handshakeMs, double requestMs) {
        ObjectNode p = JSON.createObjectNode();
        ArrayNode phases = p.putArray("phases");
        if (handshakeMs > 0) {
            phases.addObject().put("name", "tcp_handshake").put("rtts", 1.0).put("ms", handshakeMs);
        }
        phases.addObject().put("name", "request").put("rtts", 1.0).put("ms", requestMs);
        p.put("mean_ms", p50);
        p.putObject("percentiles_ms").put("p50", p50).put("p90", p90).put("p99", p99).put("p999", p999);
        if (quantiles != null) {
            ArrayNode q = p.putArray("quantiles_ms");
            for (double[] pair : quantiles) {
                q.addArray().add(pair[0]).add(pair[1]);
            }
        }
        return p;
    }

    /** {@code n} latencies: {@code baseMs} plus exponential jitter of mean {@code jitterMs}, deterministic per seed. */
    static long[] latencies(int n, double baseMs, double jitterMs, long seed) {
        Random random = new Random(seed);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            double ms = baseMs - jitterMs * Math.log(1 - random.nextDouble());
            values[i] = Math.round(ms * 1e6);
        }
        return values;
    }

    /** The nearest-rank percentile of raw values, in ms: the smallest value with at least {@code q·n} values ≤ it. */
    static double nearestRankMillis(long[] raw, double q) {
        long[] sorted = raw.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** The exact quantile function of base + Exp(mean jitter): base − jitter·ln(1 − q). */
    static double[][] exponentialQuantiles(double baseMs, double jitterMs) {
        double[] qs = {0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999};
        double[][] out = new double[qs.length][];
        for (int i = 0; i < qs.length; i++) {
            out[i] = new double[] {qs[i], baseMs - jitterMs * Math.log(1 - qs[i])};
        }
        return out;
    }

    static double exponentialQuantile(double baseMs, double jitterMs, double q) {
        return baseMs - jitterMs * Math.log(1 - q);
    }
}
