package io.roundtrip.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model predicts for one request kind on one profile.
 *
 * <ul>
 * <li>{@link #phases()}: the analytic accounting, phase by phase, in timeline order; loss recovery is the
 *     Cardwell–Savage–Anderson expectation. Their sum is {@link #analyticMillis()}.</li>
 * <li>{@link #meanMillis()} and {@link #percentilesMillis()}: of the latency distribution, which also carries
 *     jitter (per segment, no reordering) and the loss process; {@link #method()} says whether it was computed
 *     exactly or by seeded Monte Carlo. Without jitter or loss the distribution is a point and the mean equals
 *     the analytic sum.</li>
 * <li>{@link #quantilesMillis()}: the distribution's quantile function at 101 points ({@code quantiles_ms} in
 *     JSON, as [q, ms] pairs).</li>
 * </ul>
 */
public record Prediction(List<Phase> phases, double meanMillis, Percentiles percentilesMillis, String method,
        List<Quantile> quantilesMillis) {

    public Prediction {
        phases = List.copyOf(phases);
        quantilesMillis = List.copyOf(quantilesMillis);
    }

    /**
     * The distribution's quantile function at {@link Quantile#LEVELS} (q = 0.001, 0.01, 0.02, …, 0.99, 0.999):
     * exact for a point distribution and the convolution, nearest-rank of the samples for Monte Carlo (the same
     * rule as {@link #percentilesMillis()}, so the two agree at 0.5, 0.9, 0.99 and 0.999). For the report's
     * Kolmogorov–Smirnov distance.
     */
    @Override
    public List<Quantile> quantilesMillis() {
        return quantilesMillis;
    }

    /** The sum of the phases' milliseconds. */
    public double analyticMillis() {
        return phases.stream().mapToDouble(Phase::ms).sum();
    }

    /** The sum of the phases' round trips. */
    public double roundTrips() {
        return phases.stream().mapToDouble(Phase::rtts).sum();
    }

    /** One phase by name, or a zero phase if the accounting has none of that name. */
    public Phase phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElse(new Phase(name, 0, 0));
    }

    /** The JSON contract of DESIGN.md: {@code phases} [{name, rtts, ms}], {@code mean_ms}, {@code percentiles_ms}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phases", phases.stream().map(p -> {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("name", p.name());
            phase.put("rtts", round(p.rtts(), 3));
            phase.put("ms", round(p.ms(), 3));
            return phase;
        }).toList());
        m.put("mean_ms", round(meanMillis, 3));
        Map<String, Double> percentiles = new LinkedHashMap<>();
        percentilesMillis.toMap().forEach((k, v) -> percentiles.put(k, round(v, 3)));
        m.put("percentiles_ms", percentiles);
        m.put("quantiles_ms", quantilesMillis.stream().map(q -> List.of(q.q(), round(q.ms(), 3))).toList());
        m.put("analytic_ms", round(analyticMillis(), 3));
        m.put("method", method);
        return m;
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
