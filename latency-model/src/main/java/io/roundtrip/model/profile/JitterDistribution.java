package io.roundtrip.model.profile;

import io.roundtrip.model.units.Units;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * How much a one-way delay varies, per segment: a sample is added to the profile's one-way delay, and the sum is
 * clamped at zero ({@link NetworkProfile#sampleDelayNanos}). The proxy then applies the <em>no-reordering
 * rule</em>: a segment is delivered at {@code max(its own sampled time, the previous segment's delivery time)},
 * as TCP would present it to the application.
 *
 * <p>Text forms ({@link #parse}): {@code none}; {@code uniform:5ms} (±5 ms, toxiproxy's jitter; a bare
 * {@code 5ms} means the same); {@code normal:5ms} (σ = 5 ms, mean 0, netem's default shape);
 * {@code exponential:5ms} (mean 5 ms, only ever adds); {@code pareto:scale=2ms,shape=2.5} (Lomax: a Pareto
 * sample minus its scale, so it only ever adds and has a heavy tail; mean scale/(shape−1)); {@code table:FILE}
 * (an empirical distribution: one value per line, with units or in milliseconds, {@code #} comments; sampled
 * uniformly from the values).
 *
 * <p>Sampling is by inverse transform, so the maximum of n samples costs one uniform ({@link #sampleMaxNanos}).
 */
public sealed interface JitterDistribution {

    /** No jitter. */
    JitterDistribution NONE = new None();

    /** Φ and Φ⁻¹ for {@link Normal}; never sampled (no random source). */
    NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    double NORMAL_CLAMP_SIGMAS = 8.5;

    /** One sample, in nanoseconds, to add to a one-way delay. May be negative for symmetric shapes. */
    default long sampleNanos(RandomGenerator rng) {
        return quantileNanos(rng.nextDouble());
    }

    /** A sample of the maximum of {@code n} independent samples: the quantile at u^(1/n). */
    default long sampleMaxNanos(RandomGenerator rng, int n) {
        if (n <= 0) {
            return Long.MIN_VALUE;
        }
        double u = rng.nextDouble();
        return quantileNanos(n == 1 ? u : Math.pow(u, 1.0 / n));
    }

    /** The inverse cumulative distribution function at {@code u} in [0, 1), in nanoseconds. */
    long quantileNanos(double u);

    /** The cumulative distribution function: P(sample ≤ {@code nanos}). */
    double cdf(double nanos);

    /** Mean, nanoseconds. */
    double meanNanos();

    /** Standard deviation, nanoseconds (infinite for a Pareto shape ≤ 2). */
    double standardDeviationNanos();

    /** True when every sample is zero. */
    default boolean isNone() {
        return this instanceof None;
    }

    /** The text form, parseable by {@link #parse}. */
    String describe();

    /**
     * Parses the text forms listed on the type. Errors are one line: {@code bad jitter 'x': expected ...}.
     */
    static JitterDistribution parse(String text) {
        return JitterText.parse(text);
    }

    /** No jitter at all. */
    record None() implements JitterDistribution {
        @Override
        public long sampleNanos(RandomGenerator rng) {
            return 0;
        }

        @Override
        public long sampleMaxNanos(RandomGenerator rng, int n) {
            return n <= 0 ? Long.MIN_VALUE : 0;
        }

        @Override
        public long quantileNanos(double u) {
            return 0;
        }

        @Override
        public double cdf(double nanos) {
            return nanos < 0 ? 0 : 1;
        }

        @Override
        public double meanNanos() {
            return 0;
        }

        @Override
        public double standardDeviationNanos() {
            return 0;
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /** Uniform on [−halfWidth, +halfWidth] (toxiproxy's {@code jitter}). */
    record Uniform(long halfWidthNanos) implements JitterDistribution {
        public Uniform {
            if (halfWidthNanos < 0) {
                throw new IllegalArgumentException("uniform jitter half-width must be >= 0");
            }
        }

        @Override
        public long quantileNanos(double u) {
            return Math.round((2 * u - 1) * halfWidthNanos);
        }

        @Override
        public double cdf(double nanos) {
            if (halfWidthNanos == 0) {
                return nanos < 0 ? 0 : 1;
            }
            return Math.max(0, Math.min(1, (nanos + halfWidthNanos) / (2.0 * halfWidthNanos)));
        }

        @Override
        public double meanNanos() {
            return 0;
        }

        @Override
        public double standardDeviationNanos() {
            return halfWidthNanos / Math.sqrt(3);
        }

        @Override
        public String describe() {
            return "uniform:" + Units.formatDuration(java.time.Duration.ofNanos(halfWidthNanos));
        }
    }

    /** Normal with mean 0 and standard deviation σ (netem's {@code delay D σ distribution normal}). */
    record Normal(long sigmaNanos) implements JitterDistribution {
        public Normal {
            if (sigmaNanos < 0) {
                throw new IllegalArgumentException("normal jitter sigma must be >= 0");
            }
        }

        /** Φ⁻¹(u) by Commons Math (σ√2 erf⁻¹(2u − 1)), held to ±8.5 σ so that u = 0 or 1 stays finite. */
        @Override
        public long quantileNanos(double u) {
            double z = STANDARD_NORMAL.inverseCumulativeProbability(Math.min(1, Math.max(0, u)));
            return Math.round(sigmaNanos * Math.max(-NORMAL_CLAMP_SIGMAS, Math.min(NORMAL_CLAMP_SIGMAS, z)));
        }

        @Override
        public double cdf(double nanos) {
            if (sigmaNanos == 0) {
                return nanos < 0 ? 0 : 1;
            }
            return 0.5 * org.apache.commons.math3.special.Erf.erfc(-nanos / (sigmaNanos * Math.sqrt(2)));
        }

        @Override
        public double meanNanos() {
            return 0;
        }

        @Override
        public double standardDeviationNanos() {
            return sigmaNanos;
        }

        @Override
        public String describe() {
            return "normal:" + Units.formatDuration(java.time.Duration.ofNanos(sigmaNanos));
        }
    }

    /** Exponential with the given mean: only ever adds delay. */
    record Exponential(long averageNanos) implements JitterDistribution {
        public Exponential {
            if (averageNanos < 0) {
                throw new IllegalArgumentException("exponential jitter mean must be >= 0");
            }
        }

        @Override
        public long quantileNanos(double u) {
            return Math.round(-averageNanos * Math.log1p(-u));
        }

        @Override
        public double cdf(double nanos) {
            if (nanos < 0) {
                return 0;
            }
            return averageNanos == 0 ? 1 : -Math.expm1(-nanos / averageNanos);
        }

        @Override
        public double meanNanos() {
            return averageNanos;
        }

        @Override
        public double standardDeviationNanos() {
            return averageNanos;
        }

        @Override
        public String describe() {
            return "exponential:" + Units.formatDuration(java.time.Duration.ofNanos(averageNanos));
        }
    }

    /**
     * Lomax (Pareto type II): a Pareto(scale, shape) sample minus its scale, so the added delay starts at zero and
     * has a power-law tail P(X > x) = (1 + x/scale)^(−shape).
     */
    record Pareto(long scaleNanos, double shape) implements JitterDistribution {
        public Pareto {
            if (scaleNanos < 0 || !(shape > 0)) {
                throw new IllegalArgumentException("pareto jitter needs scale >= 0 and shape > 0");
            }
        }

        @Override
        public long quantileNanos(double u) {
            double q = scaleNanos * (Math.pow(1 - u, -1 / shape) - 1);
            return q >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : Math.round(q);
        }

        @Override
        public double cdf(double nanos) {
            if (nanos < 0) {
                return 0;
            }
            return scaleNanos == 0 ? 1 : 1 - Math.pow(1 + nanos / scaleNanos, -shape);
        }

        @Override
        public double meanNanos() {
            return shape > 1 ? scaleNanos / (shape - 1) : Double.POSITIVE_INFINITY;
        }

        @Override
        public double standardDeviationNanos() {
            if (shape <= 2) {
                return Double.POSITIVE_INFINITY;
            }
            return scaleNanos / (shape - 1) * Math.sqrt(shape / (shape - 2));
        }

        @Override
        public String describe() {
            return "pareto:scale=" + Units.formatDuration(java.time.Duration.ofNanos(scaleNanos)) + ",shape="
                    + BigDecimal.valueOf(shape).stripTrailingZeros().toPlainString();
        }
    }

    /** An empirical distribution: sorted values from a file, each equally likely. */
    record Table(String source, long[] sortedNanos) implements JitterDistribution {
        public Table {
            Objects.requireNonNull(source, "source");
            if (sortedNanos.length == 0) {
                throw new IllegalArgumentException("bad jitter table " + source + ": no values");
            }
            sortedNanos = sortedNanos.clone();
            Arrays.sort(sortedNanos);
        }

        /** A table given as values rather than a file (the proxy API's {@code empirical} jitter). */
        public static Table of(long[] valuesNanos) {
            return new Table("(inline)", valuesNanos);
        }

        /** The values, sorted; a copy. */
        @Override
        public long[] sortedNanos() {
            return sortedNanos.clone();
        }

        static Table load(Path file, String text) {
            try {
                long[] values = Files.readAllLines(file).stream()
                        .map(line -> line.replaceAll("#.*", "").trim())
                        .filter(line -> !line.isEmpty())
                        .mapToLong(line -> tableValue(line, file))
                        .toArray();
                if (values.length == 0) {
                    throw new IllegalArgumentException("bad jitter table " + file + ": no values");
                }
                return new Table(file.toString(), values);
            } catch (IOException e) {
                throw new IllegalArgumentException("bad jitter '" + text + "': cannot read " + file);
            }
        }

        private static long tableValue(String line, Path file) {
            boolean negative = line.startsWith("-");
            String magnitude = negative ? line.substring(1).trim() : line;
            try {
                long nanos = Units.parseDuration(magnitude).toNanos();
                return negative ? -nanos : nanos;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad jitter table " + file + ": bad value '" + line
                        + "', expected a duration like 5ms or 5 (milliseconds)");
            }
        }

        @Override
        public long quantileNanos(double u) {
            int i = (int) (u * sortedNanos.length);
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))];
        }

        @Override
        public double cdf(double nanos) {
            int lo = 0;
            int hi = sortedNanos.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sortedNanos[mid] <= nanos) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo / (double) sortedNanos.length;
        }

        @Override
        public double meanNanos() {
            return Arrays.stream(sortedNanos).average().orElse(0);
        }

        @Override
        public double standardDeviationNanos() {
            double mean = meanNanos();
            double sum = 0;
            for (long v : sortedNanos) {
                sum += (v - mean) * (v - mean);
            }
            return Math.sqrt(sum / sortedNanos.length);
        }

        @Override
        public String describe() {
            return "table:" + source;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Table t && t.source.equals(source) && Arrays.equals(t.sortedNanos, sortedNanos);
        }

        @Override
        public int hashCode() {
            return 31 * source.hashCode() + Arrays.hashCode(sortedNanos);
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
