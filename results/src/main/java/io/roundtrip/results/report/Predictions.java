package io.roundtrip.results.report;

import io.roundtrip.model.Percentiles;
import io.roundtrip.model.Phase;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.Quantile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What the report reads from a prediction in {@code run.json}, which may be older or hand-written: without
 * {@code quantiles_ms}, or without {@code percentiles_ms}.
 */
final class Predictions {

    /** Below this spread (ms) a quantile function is one point. */
    static final double POINT_SPREAD_MILLIS = 0.001;

    private Predictions() {}

    /** The predicted latency at a percentile key ({@code p50, p90, p99, p999}), when the prediction gives it. */
    static OptionalDouble percentile(Prediction prediction, String key) {
        if (prediction.percentilesMillis() != null) {
            return OptionalDouble.of(prediction.percentilesMillis().at(key));
        }
        double q = Percentiles.fractionOf(key);
        return prediction.quantilesMillis().stream().filter(quantile -> Math.abs(quantile.q() - q) < 1e-9)
                .mapToDouble(Quantile::ms).findFirst();
    }

    /**
     * The points of the predicted quantile function: {@code quantiles_ms} when given, otherwise the four percentiles
     * (a coarse description of the distribution); in order of q.
     */
    static List<Quantile> quantileFunction(Prediction prediction) {
        List<Quantile> points = new ArrayList<>(prediction.quantilesMillis());
        if (points.isEmpty() && prediction.percentilesMillis() != null) {
            for (String key : Percentiles.KEYS) {
                points.add(new Quantile(Percentiles.fractionOf(key), prediction.percentilesMillis().at(key)));
            }
        }
        points.sort(Comparator.comparingDouble(Quantile::q));
        return points;
    }

    /**
     * Whether the predicted distribution is a single point (a profile without jitter or loss): its quantile function
     * spans less than {@value #POINT_SPREAD_MILLIS} ms.
     */
    static boolean isPoint(Prediction prediction) {
        List<Quantile> points = quantileFunction(prediction);
        return !points.isEmpty() && points.get(points.size() - 1).ms() - points.get(0).ms() < POINT_SPREAD_MILLIS;
    }

    /** The sum of the phases' milliseconds whose names are in {@code names}. */
    static double phaseMillis(Prediction prediction, String... names) {
        List<String> wanted = List.of(names);
        return prediction.phases().stream().filter(p -> wanted.contains(p.name())).mapToDouble(Phase::ms).sum();
    }
}
