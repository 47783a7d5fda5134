package io.roundtrip.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency percentiles in milliseconds: p50, p90, p99, p99.9. */
public record Percentiles(double p50, double p90, double p99, double p999) {

    /** The percentiles' keys, as {@code percentiles_ms} in JSON and the report's tables name them. */
    public static final List<String> KEYS = List.of("p50", "p90", "p99", "p999");

    /** {@code p50} → 0.5, {@code p999} → 0.999. */
    public static double fractionOf(String key) {
        return switch (key) {
            case "p50" -> 0.5;
            case "p90" -> 0.9;
            case "p99" -> 0.99;
            case "p999" -> 0.999;
            default -> throw new IllegalArgumentException("unknown percentile key '" + key + "'");
        };
    }

    /** {@code p999} → {@code p99.9}, for people. */
    public static String label(String key) {
        return key.equals("p999") ? "p99.9" : key;
    }

    /** The percentile of {@code key} ({@link #KEYS}). */
    public double at(String key) {
        return switch (key) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p99" -> p99;
            case "p999" -> p999;
            default -> throw new IllegalArgumentException("unknown percentile key '" + key + "'");
        };
    }

    /** All four equal: a degenerate (deterministic) distribution. */
    public static Percentiles constant(double ms) {
        return new Percentiles(ms, ms, ms, ms);
    }

    /**
     * Nearest-rank percentiles (the value at rank ⌈q·n⌉, as HdrHistogram reports) of samples in nanoseconds.
     * Reorders {@code samples} in place.
     */
    public static Percentiles ofNanos(long[] samples) {
        // Selection instead of a full sort: each rank is found by quickselect in the part right of the previous
        // one, about 2n comparisons in all instead of n log n.
        int n = samples.length;
        int i50 = rank(n, 0.50);
        int i90 = rank(n, 0.90);
        int i99 = rank(n, 0.99);
        int i999 = rank(n, 0.999);
        select(samples, 0, n - 1, i50);
        select(samples, i50, n - 1, i90);
        select(samples, i90, n - 1, i99);
        select(samples, i99, n - 1, i999);
        return new Percentiles(samples[i50] / 1e6, samples[i90] / 1e6, samples[i99] / 1e6, samples[i999] / 1e6);
    }

    /**
     * The nearest-rank percentiles and the quantile function at {@link Quantile#LEVELS} of samples in
     * nanoseconds, consistent with each other (the same rank rule, so the quantiles at 0.5, 0.9, 0.99 and 0.999
     * equal the percentiles). Reorders {@code samples} in place; about n log₂(levels) comparisons, by selecting
     * the middle rank and recursing into both sides.
     */
    static Summary summarizeNanos(long[] samples) {
        int n = samples.length;
        List<Double> levels = Quantile.LEVELS;
        int[] ranks = new int[levels.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = rank(n, levels.get(i));
        }
        selectAll(samples, 0, n - 1, ranks, 0, ranks.length - 1);
        List<Quantile> quantiles = new ArrayList<>(ranks.length);
        for (int i = 0; i < ranks.length; i++) {
            quantiles.add(new Quantile(levels.get(i), samples[ranks[i]] / 1e6));
        }
        Percentiles percentiles = new Percentiles(samples[rank(n, 0.50)] / 1e6, samples[rank(n, 0.90)] / 1e6,
                samples[rank(n, 0.99)] / 1e6, samples[rank(n, 0.999)] / 1e6);
        return new Summary(percentiles, List.copyOf(quantiles));
    }

    /** Percentiles and the quantile function of one sample. */
    record Summary(Percentiles percentiles, List<Quantile> quantiles) {}

    /** Places a[ranks[i]] for i in [from, to] (ranks ascending) as a full sort would, within a[lo..hi]. */
    private static void selectAll(long[] a, int lo, int hi, int[] ranks, int from, int to) {
        while (from <= to && lo < hi) {
            int mid = (from + to) >>> 1;
            int k = ranks[mid];
            select(a, lo, hi, k);
            int leftEnd = mid - 1;
            while (leftEnd >= from && ranks[leftEnd] >= k) {
                leftEnd--;
            }
            selectAll(a, lo, k - 1, ranks, from, leftEnd);
            // Tail: the right side, iteratively; equal ranks are already placed.
            int next = mid + 1;
            while (next <= to && ranks[next] == k) {
                next++;
            }
            lo = k + 1;
            from = next;
        }
    }

    private static int rank(int n, double q) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n) - 1));
    }

    /** Hoare's quickselect: afterwards a[k] holds the k-th smallest of a[lo..hi], smaller ones left of it. */
    static void select(long[] a, int lo, int hi, int k) {
        while (hi > lo) {
            long pivot = median(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** {@code {"p50": .., "p90": .., "p99": .., "p999": ..}}, for JSON. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        KEYS.forEach(key -> m.put(key, at(key)));
        return m;
    }
}
