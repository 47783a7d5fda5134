package io.roundtrip.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One point of a latency distribution's quantile function: the latency {@code ms} that a fraction {@code q} of
 * requests does not exceed.
 *
 * @param q the probability, in (0, 1)
 * @param ms milliseconds
 */
public record Quantile(double q, double ms) {

    /** The probabilities every prediction reports: 0.001, 0.01, 0.02, …, 0.99, 0.999 (101 points). */
    public static final List<Double> LEVELS = levels();

    public Quantile {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("bad quantile " + q + ": must be in (0, 1)");
        }
    }

    private static List<Double> levels() {
        List<Double> levels = new ArrayList<>();
        levels.add(0.001);
        for (int i = 1; i <= 99; i++) {
            levels.add(i / 100.0); // the same doubles as the literals 0.5, 0.9, 0.99
        }
        levels.add(0.999);
        return List.copyOf(levels);
    }

    /** A point distribution: every quantile is {@code ms}. */
    static List<Quantile> constant(double ms) {
        return LEVELS.stream().map(q -> new Quantile(q, ms)).toList();
    }
}
