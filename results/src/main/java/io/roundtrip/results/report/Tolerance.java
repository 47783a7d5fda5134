package io.roundtrip.results.report;

import io.roundtrip.model.Percentiles;

/**
 * How far a measured percentile may sit from the predicted one and still count as agreeing. The allowance at a
 * percentile is the largest of: {@value #RELATIVE} of the prediction, {@value #RTT_FRACTION} of the profile's round
 * trip (a model is judged in round trips: a missing or extra round trip is a wrong model, a quarter of one is
 * jitter), {@value #FLOOR_MILLIS} ms (timer and scheduling noise on a LAN), and the run's measured noise floor at that
 * percentile when {@code run.json} gives one. Only p50, p90 and p99 are judged (p99.9 is dominated by the load
 * generator's own pauses), and each only when at least {@value #SAMPLES_BEYOND} requests lie beyond it
 * ({@code n ≥ 10/(1 − q)}: p90 needs 100 requests, p99 1,000): a percentile resting on a handful of values cannot fail a
 * model.
 */
public final class Tolerance {

    public static final double RELATIVE = 0.10;
    public static final double RTT_FRACTION = 0.25;
    public static final double FLOOR_MILLIS = 1.0;
    public static final java.util.List<String> JUDGED = java.util.List.of("p50", "p90", "p99");
    public static final int SAMPLES_BEYOND = 10;

    private Tolerance() {}

    /** The allowed |measured − predicted| in ms. {@code rttMillis} and {@code noiseFloorMillis} may be NaN (unknown). */
    public static double allowanceMillis(double predictedMillis, double rttMillis, double noiseFloorMillis) {
        double allowance = Math.max(RELATIVE * Math.abs(predictedMillis), FLOOR_MILLIS);
        if (rttMillis > 0) {
            allowance = Math.max(allowance, RTT_FRACTION * rttMillis);
        }
        if (noiseFloorMillis > 0) {
            allowance = Math.max(allowance, noiseFloorMillis);
        }
        return allowance;
    }

    /** Whether the percentile {@code key} is judged for a measurement of {@code count} requests. */
    public static boolean judges(String key, long count) {
        return JUDGED.contains(key) && count >= Math.ceil(SAMPLES_BEYOND / (1 - Percentiles.fractionOf(key)) - 1e-9);
    }

    /** The rule in one sentence, for the report. */
    public static String describe() {
        return "a percentile agrees when |measured − predicted| ≤ max(10% of predicted, ¼ RTT, 1 ms, noise floor);"
                + " p50, p90 and p99 are judged when at least 10 requests lie beyond them (p90: 100 requests, p99: 1,000);"
                + " p99.9 is shown only";
    }
}
