package io.roundtrip.model.capacity;

import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Estimates {@link UniversalScalabilityLaw} parameters from a concurrency sweep: ordinary non-linear least squares
 * on the throughput residuals {@code X_i − X(N_i; σ, κ, λ)}, solved by Commons Math's Levenberg–Marquardt
 * optimizer with the analytic Jacobian. This is the fit Schwartz performs with R's {@code nls} (<i>Practical
 * Scalability Analysis with the Universal Scalability Law</i>, 2015, ch. 4), and it reproduces the book's answer
 * for his 32-point Cisco data set. σ and κ are kept non-negative during the iteration.
 */
public final class UslFitter {

    private static final int MAX_EVALUATIONS = 10_000;

    private UslFitter() {}

    public static UniversalScalabilityLaw fit(List<ThroughputPoint> points) {
        if (points == null || points.size() < UniversalScalabilityLaw.MIN_POINTS) {
            int n = points == null ? 0 : points.size();
            throw new IllegalArgumentException("a USL fit needs at least " + UniversalScalabilityLaw.MIN_POINTS
                    + " (concurrency, throughput) points, got " + n);
        }
        long distinct = points.stream().mapToDouble(ThroughputPoint::concurrency).distinct().count();
        if (distinct < 3) {
            throw new IllegalArgumentException(
                    "a USL fit needs at least 3 distinct concurrency levels, got " + distinct);
        }
        double[] n = points.stream().mapToDouble(ThroughputPoint::concurrency).toArray();
        double[] x = points.stream().mapToDouble(ThroughputPoint::throughputPerSecond).toArray();

        // λ starts at the best per-worker throughput of the lowest concurrency measured; σ, κ start small.
        ThroughputPoint lowest = points.stream().min(Comparator.comparingDouble(ThroughputPoint::concurrency)).orElseThrow();
        double lambda0 = lowest.throughputPerSecond() / lowest.concurrency();
        // Parameters are scaled to order 1 so the optimizer's steps are comparable: p = (σ/1e-2, κ/1e-4, λ/λ0).
        double[] scale = {1e-2, 1e-4, lambda0};

        MultivariateJacobianFunction model = p -> {
            double sigma = p.getEntry(0) * scale[0];
            double kappa = p.getEntry(1) * scale[1];
            double lambda = p.getEntry(2) * scale[2];
            RealVector value = new ArrayRealVector(n.length);
            RealMatrix jacobian = new Array2DRowRealMatrix(n.length, 3);
            for (int i = 0; i < n.length; i++) {
                double ni = n[i];
                double d = 1 + sigma * (ni - 1) + kappa * ni * (ni - 1);
                value.setEntry(i, lambda * ni / d);
                double dd = d * d;
                jacobian.setEntry(i, 0, -lambda * ni * (ni - 1) / dd * scale[0]);
                jacobian.setEntry(i, 1, -lambda * ni * ni * (ni - 1) / dd * scale[1]);
                jacobian.setEntry(i, 2, ni / d * scale[2]);
            }
            return new Pair<>(value, jacobian);
        };

        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(new double[] {1, 1, 1})
                .model(model)
                .target(x)
                .parameterValidator(p -> {
                    RealVector valid = p.copy();
                    valid.setEntry(0, Math.max(0, p.getEntry(0)));
                    valid.setEntry(1, Math.max(0, p.getEntry(1)));
                    valid.setEntry(2, Math.max(1e-9, p.getEntry(2)));
                    return valid;
                })
                .maxEvaluations(MAX_EVALUATIONS)
                .maxIterations(MAX_EVALUATIONS)
                .build();
        try {
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(1e-12)
                    .withParameterRelativeTolerance(1e-12)
                    .optimize(problem);
            RealVector p = optimum.getPoint();
            return UniversalScalabilityLaw.of(
                    p.getEntry(0) * scale[0], p.getEntry(1) * scale[1], p.getEntry(2) * scale[2]);
        } catch (TooManyEvaluationsException | TooManyIterationsException | ConvergenceException e) {
            throw new IllegalArgumentException("the USL fit did not converge on these " + n.length + " points", e);
        }
    }
}
