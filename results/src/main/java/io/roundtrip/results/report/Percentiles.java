package io.roundtrip.results.report;

import java.util.List;

/** The percentiles every table reports, by their {@code run.json} / {@code summary.json} keys. */
public final class Percentiles {

    public static final List<String> KEYS = List.of("p50", "p90", "p99", "p999");

    private Percentiles() {}

    /** {@code p50} → 0.5, {@code p999} → 0.999. */
    public static double fractionOf(String key) {
        switch (key) {
            case "p50":
                return 0.5;
            case "p90":
                return 0.9;
            case "p99":
                return 0.99;
            case "p999":
                return 0.999;
            default:
                throw new IllegalArgumentException("unknown percentile key '" + key + "'");
        }
    }

    /** {@code p999} → {@code p99.9}, for people. */
    public static String label(String key) {
        return key.equals("p999") ? "p99.9" : key;
    }
}
