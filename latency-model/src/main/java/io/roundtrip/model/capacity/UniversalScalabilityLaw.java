package io.roundtrip.model.capacity;

import java.util.List;

/**
 * Gunther's Universal Scalability Law: the throughput of a system at concurrency {@code N},
 *
 * <pre>
 *   X(N) = λN / (1 + σ(N − 1) + κN(N − 1))
 * </pre>
 *
 * with {@code σ} the contention (serial fraction, Amdahl), {@code κ} the coherency (crosstalk) penalty and
 * {@code λ} the throughput of a single worker. Sources: N. J. Gunther, <i>Guerrilla Capacity Planning</i>
 * (Springer, 2007), ch. 4, eq. 4.31; B. Schwartz, <i>Practical Scalability Analysis with the Universal
 * Scalability Law</i> (VividCortex, 2015), eq. 3. This value is the pure model; {@link UslFitter} estimates it
 * from measurements.
 *
 * @param sigma contention coefficient σ, ≥ 0
 * @param kappa coherency coefficient κ, ≥ 0
 * @param lambda single-worker throughput λ, requests per second, > 0
 */
public record UniversalScalabilityLaw(double sigma, double kappa, double lambda) {

    /** The fewest points a fit accepts: three parameters need redundancy to be estimated meaningfully. */
    public static final int MIN_POINTS = 6;

    public UniversalScalabilityLaw {
        if (!(sigma >= 0) || !(kappa >= 0) || !(lambda > 0)
                || Double.isInfinite(sigma) || Double.isInfinite(kappa) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(
                    "USL needs sigma >= 0, kappa >= 0, lambda > 0; got sigma=" + sigma + ", kappa=" + kappa
                            + ", lambda=" + lambda);
        }
    }

    public static UniversalScalabilityLaw of(double sigma, double kappa, double lambda) {
        return new UniversalScalabilityLaw(sigma, kappa, lambda);
    }

    /**
     * Fits σ, κ and λ to a concurrency sweep by non-linear least squares (Levenberg–Marquardt).
     *
     * @throws IllegalArgumentException with fewer than {@value #MIN_POINTS} points, or when the fit does not converge
     */
    public static UniversalScalabilityLaw fit(List<ThroughputPoint> points) {
        return UslFitter.fit(points);
    }

    /** {@code X(N) = λN / (1 + σ(N − 1) + κN(N − 1))} (Schwartz eq. 3). */
    public double throughputAtConcurrency(double n) {
        return lambda * n / denominator(n);
    }

    /** Mean response time {@code R(N) = (1 + σ(N − 1) + κN(N − 1)) / λ}, seconds (Schwartz eq. 6; Little's law). */
    public double latencyAtConcurrency(double n) {
        return denominator(n) / lambda;
    }

    /**
     * The concurrency at which throughput peaks, {@code N* = sqrt((1 − σ) / κ)} (Gunther 2007, eq. 4.33; Schwartz
     * eq. 4), unrounded. Infinite when κ = 0 (no retrograde region) and 0 when σ ≥ 1.
     */
    public double peakConcurrency() {
        if (sigma >= 1) {
            return 0;
        }
        return kappa == 0 ? Double.POSITIVE_INFINITY : Math.sqrt((1 - sigma) / kappa);
    }

    /**
     * {@code N_max}: the whole number of workers at the peak, {@code floor(sqrt((1 − σ) / κ))}, as Schwartz and usl4j
     * report it; beyond it, adding concurrency lowers throughput. Infinite when κ = 0.
     */
    public double maxConcurrency() {
        double peak = peakConcurrency();
        return Double.isInfinite(peak) ? peak : Math.max(1, Math.floor(peak));
    }

    /** {@code X_max = X(N_max)}; when κ = 0 the asymptote {@code λ/σ} (infinite when σ = 0 as well). */
    public double maxThroughput() {
        if (kappa == 0) {
            return sigma == 0 ? Double.POSITIVE_INFINITY : lambda / sigma;
        }
        return throughputAtConcurrency(maxConcurrency());
    }

    /** Whether contention (σ) outweighs coherency (κ). */
    public boolean isContentionConstrained() {
        return sigma > kappa;
    }

    private double denominator(double n) {
        return 1 + sigma * (n - 1) + kappa * n * (n - 1);
    }
}
