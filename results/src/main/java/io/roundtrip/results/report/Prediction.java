package io.roundtrip.results.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The model's prediction for one scenario, as the simulations write it into {@code run.json}: the phase breakdown,
 * the mean, the percentiles {@code p50, p90, p99, p999} and, optionally, the predicted distribution's quantile
 * function as {@code [q, ms]} pairs.
 */
public record Prediction(List<Phase> phases, double meanMillis, Map<String, Double> percentilesMillis,
        List<Quantile> quantilesMillis) {

    /** One phase of the model's round-trip accounting ({@code dns, tcp_handshake, tls_handshake, request, ...}). */
    public record Phase(String name, double rtts, double millis) {}

    /** One point of a quantile function: the latency {@code millis} below which a fraction {@code q} falls. */
    public record Quantile(double q, double millis) {}

    public Prediction {
        phases = List.copyOf(phases);
        percentilesMillis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(percentilesMillis));
        List<Quantile> sorted = new ArrayList<>(quantilesMillis);
        sorted.sort(Comparator.comparingDouble(Quantile::q));
        quantilesMillis = List.copyOf(sorted);
    }

    /** The predicted latency at a percentile key ({@code p50, p90, p99, p999}), when the prediction gives it. */
    public OptionalDouble percentile(String key) {
        Double value = percentilesMillis.get(key);
        if (value != null) {
            return OptionalDouble.of(value);
        }
        double q = Percentiles.fractionOf(key);
        for (Quantile quantile : quantilesMillis) {
            if (Math.abs(quantile.q() - q) < 1e-9) {
                return OptionalDouble.of(quantile.millis());
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The points of the predicted quantile function: {@code quantiles_ms} when given, otherwise the four percentiles
     * (a coarse description of the distribution).
     */
    public List<Quantile> quantileFunction() {
        if (!quantilesMillis.isEmpty()) {
            return quantilesMillis;
        }
        List<Quantile> points = new ArrayList<>();
        for (String key : Percentiles.KEYS) {
            Double value = percentilesMillis.get(key);
            if (value != null) {
                points.add(new Quantile(Percentiles.fractionOf(key), value));
            }
        }
        points.sort(Comparator.comparingDouble(Quantile::q));
        return points;
    }

    /**
     * Whether the predicted distribution is a single point (a profile without jitter or loss): its quantile function
     * spans less than {@value #POINT_SPREAD_MILLIS} ms.
     */
    public boolean isPoint() {
        List<Quantile> points = quantileFunction();
        if (points.isEmpty()) {
            return false;
        }
        return points.get(points.size() - 1).millis() - points.get(0).millis() < POINT_SPREAD_MILLIS;
    }

    /** Below this spread (ms) a quantile function is one point. */
    static final double POINT_SPREAD_MILLIS = 0.001;

    /** The sum of the phases' milliseconds whose names are in {@code names}. */
    public double phaseMillis(String... names) {
        double sum = 0;
        for (Phase phase : phases) {
            for (String name : names) {
                if (phase.name().equals(name)) {
                    sum += phase.millis();
                }
            }
        }
        return sum;
    }

    /** The sum of every phase's milliseconds. */
    public double totalPhaseMillis() {
        return phases.stream().mapToDouble(Phase::millis).sum();
    }
}
