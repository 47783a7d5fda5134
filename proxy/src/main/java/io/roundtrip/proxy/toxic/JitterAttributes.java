package io.roundtrip.proxy.toxic;

import io.roundtrip.model.profile.JitterDistribution;
import java.util.List;
import java.util.Locale;

/**
 * The {@code jitter} toxic's attributes as the model's {@link JitterDistribution}: {@code distribution}
 * ({@code uniform}, {@code normal}, {@code exponential}, {@code pareto}, {@code empirical}), {@code jitter} ms (the
 * half-width, σ or mean), {@code shape} for pareto, {@code table} (a list of ms) for empirical. The proxy samples
 * the same shapes the model predicts from; only the API's spelling lives here.
 */
final class JitterAttributes {

    private static final double DEFAULT_PARETO_SHAPE = 2.5;

    private JitterAttributes() {}

    static JitterDistribution distribution(Attributes a) {
        String distribution = a.string("distribution", "uniform").toLowerCase(Locale.ROOT);
        long jitterNanos = Attributes.millisToNanos(a.durationMillis("jitter", 0));
        return switch (distribution) {
            case "uniform" -> jitterNanos == 0 ? JitterDistribution.NONE : new JitterDistribution.Uniform(jitterNanos);
            case "normal" -> jitterNanos == 0 ? JitterDistribution.NONE : new JitterDistribution.Normal(jitterNanos);
            case "exponential" -> jitterNanos == 0 ? JitterDistribution.NONE
                    : new JitterDistribution.Exponential(jitterNanos);
            case "pareto" -> pareto(jitterNanos, a.number("shape", DEFAULT_PARETO_SHAPE));
            case "empirical" -> JitterDistribution.Table.of(tableNanos(a.raw("table")));
            default -> throw new IllegalArgumentException("jitter.distribution: expected uniform, normal, exponential, "
                    + "pareto or empirical, got '" + distribution + "'");
        };
    }

    /**
     * Here {@code jitter} is the mean (as toxiproxy users think of an added delay); the model's Lomax takes its
     * scale: mean = scale / (shape − 1).
     */
    private static JitterDistribution pareto(long meanNanos, double shape) {
        if (!(shape > 1)) {
            throw new IllegalArgumentException("jitter.shape: pareto shape must be > 1, got " + shape);
        }
        return meanNanos == 0 ? JitterDistribution.NONE
                : new JitterDistribution.Pareto(Math.round(meanNanos * (shape - 1)), shape);
    }

    private static long[] tableNanos(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("jitter.table: expected a non-empty list of milliseconds for empirical");
        }
        long[] nanos = new long[list.size()];
        for (int i = 0; i < nanos.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("jitter.table: expected numbers, got '" + list.get(i) + "'");
            }
            double ms = n.doubleValue();
            if (!(Math.abs(ms) <= Attributes.MAX_DURATION_MILLIS)) {
                throw new IllegalArgumentException("jitter.table: entries must be within one hour ("
                        + (long) Attributes.MAX_DURATION_MILLIS + " ms) either way, got " + n);
            }
            nanos[i] = Attributes.millisToNanos(ms);
        }
        return nanos;
    }
}
