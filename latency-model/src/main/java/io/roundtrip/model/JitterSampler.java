package io.roundtrip.model;

import io.roundtrip.model.profile.JitterDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws jitter, and the maximum of n jitter samples, fast: from tabulated quantile functions. For the maximum of
 * n independent samples the quantile at u is the distribution's quantile at u^(1/n); the table holds it at
 * {@value #CELLS} + 1 evenly spaced u and interpolates linearly, except in the first and last cell (the extreme
 * 1/{@value #CELLS} on each side) where it is computed exactly, so the tails are not flattened. One table per n
 * seen, built on first use. Uniforms are 32-bit (one Mersenne Twister step each).
 */
final class JitterSampler {

    static final int CELLS = 4096;
    private static final double TWO_TO_MINUS_32 = 0x1.0p-32;

    private final JitterDistribution jitter;
    private final RandomGenerator rng;
    private final boolean none;
    private double[][] tables = new double[64][];

    JitterSampler(JitterDistribution jitter, RandomGenerator rng) {
        this.jitter = jitter;
        this.rng = rng;
        this.none = jitter.isNone();
    }

    boolean isNone() {
        return none;
    }

    /** One jitter sample, nanoseconds. */
    double sample() {
        return none ? 0 : maxOf(1);
    }

    /** The maximum of {@code n} independent jitter samples, nanoseconds. */
    double maxOf(int n) {
        if (none) {
            return 0;
        }
        double u = (rng.nextInt() & 0xffffffffL) * TWO_TO_MINUS_32;
        double x = u * CELLS;
        int cell = (int) x;
        if (cell == 0 || cell >= CELLS - 1) {
            return exact(u, n);
        }
        double[] table = table(n);
        double frac = x - cell;
        return table[cell] + frac * (table[cell + 1] - table[cell]);
    }

    private double exact(double u, int n) {
        double v = n == 1 ? u : Math.exp(Math.log(u) / n);
        return jitter.quantileNanos(v);
    }

    private double[] table(int n) {
        if (n >= tables.length) {
            double[][] bigger = new double[Math.max(n + 1, tables.length * 2)][];
            System.arraycopy(tables, 0, bigger, 0, tables.length);
            tables = bigger;
        }
        double[] table = tables[n];
        if (table == null) {
            table = new double[CELLS + 1];
            for (int i = 1; i < CELLS; i++) {
                table[i] = exact(i / (double) CELLS, n);
            }
            table[0] = table[1];
            table[CELLS] = table[CELLS - 1];
            tables[n] = table;
        }
        return table;
    }
}
