package io.roundtrip.proxy.toxic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A delay offset distribution, sampled once per segment. Offsets may be negative (uniform, normal: centred on the
 * base latency); the chain never releases a segment before it arrived nor before the segment ahead of it.
 */
public interface JitterSampler {

    JitterSampler NONE = r -> 0L;

    long sampleNanos(SplittableRandom random);

    /** Mean absolute deviation, used as RTTVAR for the retransmission timeout. */
    default long meanDeviationNanos() {
        return 0;
    }

    /** Uniform on [-jitter, +jitter], as toxiproxy and netem do. */
    static JitterSampler uniform(long jitterNanos) {
        if (jitterNanos == 0) {
            return NONE;
        }
        return new JitterSampler() {
            @Override
            public long sampleNanos(SplittableRandom r) {
                return r.nextLong(-jitterNanos, jitterNanos + 1);
            }

            @Override
            public long meanDeviationNanos() {
                return jitterNanos / 2;
            }
        };
    }

    /** Normal with mean 0 and the given standard deviation. */
    static JitterSampler normal(long sigmaNanos) {
        if (sigmaNanos == 0) {
            return NONE;
        }
        return new JitterSampler() {
            @Override
            public long sampleNanos(SplittableRandom r) {
                // Box-Muller; one value per call keeps the sampler stateless.
                double u1 = 1.0 - r.nextDouble();
                double u2 = r.nextDouble();
                double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
                return Math.round(z * sigmaNanos);
            }

            @Override
            public long meanDeviationNanos() {
                return Math.round(sigmaNanos * Math.sqrt(2 / Math.PI));
            }
        };
    }

    /**
     * Pareto extra delay (never negative) with the given mean and shape alpha &gt; 1: {@code x_m (U^(-1/alpha) - 1)}
     * with {@code x_m = mean (alpha - 1)}.
     */
    static JitterSampler pareto(long meanNanos, double alpha) {
        if (alpha <= 1) {
            throw new IllegalArgumentException("pareto shape must be > 1, got " + alpha);
        }
        if (meanNanos == 0) {
            return NONE;
        }
        double xm = meanNanos * (alpha - 1);
        return new JitterSampler() {
            @Override
            public long sampleNanos(SplittableRandom r) {
                double u = 1.0 - r.nextDouble();
                return Math.round(xm * (Math.pow(u, -1 / alpha) - 1));
            }

            @Override
            public long meanDeviationNanos() {
                return meanNanos;
            }
        };
    }

    /** Samples uniformly from a table of offsets (an empirical distribution). */
    static JitterSampler empirical(long[] offsetsNanos) {
        if (offsetsNanos.length == 0) {
            throw new IllegalArgumentException("empirical jitter table is empty");
        }
        long[] table = offsetsNanos.clone();
        double mean = 0;
        for (long v : table) {
            mean += v;
        }
        mean /= table.length;
        double mad = 0;
        for (long v : table) {
            mad += Math.abs(v - mean);
        }
        long deviation = Math.round(mad / table.length);
        return new JitterSampler() {
            @Override
            public long sampleNanos(SplittableRandom r) {
                return table[r.nextInt(table.length)];
            }

            @Override
            public long meanDeviationNanos() {
                return deviation;
            }
        };
    }

    /** Builds a sampler from jitter toxic attributes: distribution, jitter (ms), shape, table (ms list). */
    static JitterSampler fromAttributes(Attributes a) {
        String distribution = a.string("distribution", "uniform").toLowerCase(Locale.ROOT);
        long jitter = Attributes.millisToNanos(a.durationMillis("jitter", 0));
        switch (distribution) {
            case "uniform":
                return uniform(jitter);
            case "normal":
                return normal(jitter);
            case "pareto":
                return pareto(jitter, a.number("shape", 2.5));
            case "exponential": {
                long mean = jitter;
                return r -> Math.round(-mean * Math.log(1.0 - r.nextDouble()));
            }
            case "empirical":
                Object raw = a.raw("table");
                if (!(raw instanceof List)) {
                    throw new IllegalArgumentException("jitter.table: expected a list of milliseconds for empirical");
                }
                List<Long> values = new ArrayList<>();
                for (Object o : (List<?>) raw) {
                    if (!(o instanceof Number)) {
                        throw new IllegalArgumentException("jitter.table: expected numbers, got '" + o + "'");
                    }
                    double ms = ((Number) o).doubleValue();
                    if (!(Math.abs(ms) <= Attributes.MAX_DURATION_MILLIS)) {
                        throw new IllegalArgumentException("jitter.table: entries must be within one hour ("
                                + (long) Attributes.MAX_DURATION_MILLIS + " ms) either way, got " + o);
                    }
                    values.add(Attributes.millisToNanos(ms));
                }
                return empirical(values.stream().mapToLong(Long::longValue).toArray());
            default:
                throw new IllegalArgumentException("jitter.distribution: expected uniform, normal, exponential, pareto or empirical, got '"
                        + distribution + "'");
        }
    }
}
