package io.roundtrip.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency percentiles in milliseconds: p50, p90, p99, p99.9. */
public record Percentiles(double p50, double p90, double p99, double p999) {

    /** All four equal: a degenerate (deterministic) distribution. */
    public static Percentiles constant(double ms) {
        return new Percentiles(ms, ms, ms, ms);
    }

    /**
     * Nearest-rank percentiles (the value at rank ⌈q·n⌉, as HdrHistogram reports) of samples in nanoseconds.
     * Sorts {@code samples} in place.
     */
    public static Percentiles ofNanos(long[] samples) {
        Arrays.sort(samples);
        return new Percentiles(rank(samples, 0.50), rank(samples, 0.90), rank(samples, 0.99), rank(samples, 0.999));
    }

    private static double rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** {@code {"p50": .., "p90": .., "p99": .., "p999": ..}}, for JSON. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p50", p50);
        m.put("p90", p90);
        m.put("p99", p99);
        m.put("p999", p999);
        return m;
    }
}
