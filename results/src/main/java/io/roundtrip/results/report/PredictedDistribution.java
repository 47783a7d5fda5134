package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import java.util.List;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * The predicted latency distribution, rebuilt from the points of its quantile function: the CDF is linear between
 * points, 0 below the first point and 1 from the last point on (the mass outside the points is placed at them). So
 * the KS distance against it is only as fine as the points: at best {@code q_first} and {@code 1 − q_last}.
 */
final class PredictedDistribution extends AbstractRealDistribution {

    private static final long serialVersionUID = 1L;

    private final double[] qs;
    private final double[] xs;

    PredictedDistribution(List<io.roundtrip.model.Quantile> quantiles) {
        super(new Well19937c(1));
        if (quantiles.isEmpty()) {
            throw new IllegalArgumentException("a predicted distribution needs at least one quantile");
        }
        qs = new double[quantiles.size()];
        xs = new double[quantiles.size()];
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < qs.length; i++) {
            qs[i] = quantiles.get(i).q();
            // A quantile function never decreases; guard against rounding in the model's output.
            xs[i] = Math.max(previous, quantiles.get(i).ms());
            previous = xs[i];
        }
    }

    @Override
    public double cumulativeProbability(double x) {
        if (x < xs[0]) {
            return 0;
        }
        if (x >= xs[xs.length - 1]) {
            return 1;
        }
        int k = 0;
        while (k + 1 < xs.length && xs[k + 1] <= x) {
            k++;
        }
        // xs[k] <= x < xs[k + 1]
        double span = xs[k + 1] - xs[k];
        return qs[k] + (qs[k + 1] - qs[k]) * (x - xs[k]) / span;
    }

    @Override
    public double density(double x) {
        if (x < xs[0] || x >= xs[xs.length - 1]) {
            return 0;
        }
        for (int k = 0; k + 1 < xs.length; k++) {
            if (xs[k] <= x && x < xs[k + 1]) {
                return (qs[k + 1] - qs[k]) / (xs[k + 1] - xs[k]);
            }
        }
        return 0;
    }

    @Override
    public double getNumericalMean() {
        double mean = qs[0] * xs[0] + (1 - qs[qs.length - 1]) * xs[xs.length - 1];
        for (int k = 0; k + 1 < xs.length; k++) {
            mean += (qs[k + 1] - qs[k]) * (xs[k] + xs[k + 1]) / 2;
        }
        return mean;
    }

    @Override
    public double getNumericalVariance() {
        double mean = getNumericalMean();
        double second = qs[0] * xs[0] * xs[0] + (1 - qs[qs.length - 1]) * xs[xs.length - 1] * xs[xs.length - 1];
        for (int k = 0; k + 1 < xs.length; k++) {
            double a = xs[k];
            double b = xs[k + 1];
            second += (qs[k + 1] - qs[k]) * (a * a + a * b + b * b) / 3;
        }
        return Math.max(0, second - mean * mean);
    }

    @Override
    public double getSupportLowerBound() {
        return xs[0];
    }

    @Override
    public double getSupportUpperBound() {
        return xs[xs.length - 1];
    }

    @Override
    @Deprecated
    public boolean isSupportLowerBoundInclusive() {
        return true;
    }

    @Override
    @Deprecated
    public boolean isSupportUpperBoundInclusive() {
        return true;
    }

    @Override
    public boolean isSupportConnected() {
        return true;
    }
}
