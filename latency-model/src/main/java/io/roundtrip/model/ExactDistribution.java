package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.JitterDistribution;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.tcp.SenderWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latency distribution by numerical convolution, where that is exact: no loss, light-tailed jitter (not
 * Pareto), no bandwidth limit, and every message of the plan fits in one flight (so no flight can overtake an
 * earlier one and the ACK clock plays no part), and HTTP/2 flow control delays no response (when it does, the
 * response waits for WINDOW_UPDATE frames; Monte Carlo simulates that). A connection's time is then a constant plus a sum of independent
 * terms, each a one-way delay max(0, d + J) or a flight's delivery max(0, d + max of n J), whose CDF is
 * F_J(x − d)^n; a page's time is the DNS lookup (once) plus the maximum over its independent connections, whose
 * CDF is the product.
 *
 * <p>Each term is discretized on a grid of σ/{@value #CELLS_PER_SIGMA} (σ the jitter's standard deviation) by the
 * mass of each cell, truncated beyond the quantiles 10⁻¹³ and 1 − 10⁻¹³, and the terms are convolved directly;
 * percentiles interpolate within a cell. The error is of the order of one cell. Plans outside these conditions,
 * or with more than {@value #MAX_TERMS} terms per connection, return {@code null}: Monte Carlo takes them.
 */
final class ExactDistribution {

    static final int CELLS_PER_SIGMA = 25;
    static final int MAX_TERMS = 64;
    private static final double TAIL = 1e-13;

    private ExactDistribution() {}

    /** The prediction, or null when the plan is outside the exact method's conditions. */
    static Prediction of(Plan plan, List<Phase> phases) {
        NetworkProfile profile = plan.profile;
        JitterDistribution jitter = profile.jitter();
        double sigma = jitter.standardDeviationNanos();
        if (!profile.loss().isNone() || jitter.isNone() || jitter instanceof JitterDistribution.Pareto
                || !(sigma > 0) || !Double.isFinite(sigma)
                || profile.bandwidthUpBitsPerSecond() != 0 || profile.bandwidthDownBitsPerSecond() != 0
                || plan.flowControlBinds()) {
            return null;
        }
        double h = sigma / CELLS_PER_SIGMA;
        double lo = jitter.quantileNanos(TAIL);
        double hi = jitter.quantileNanos(1 - TAIL);
        List<double[]> connectionCdfs = new ArrayList<>();
        int[] offsets = new int[plan.connections()];
        SenderWindow[] documentWindows = plan.documentFirst ? plan.documentWindows() : null;
        for (int c = 0; c < plan.connections(); c++) {
            List<int[]> terms = plan.opens(c)
                    ? terms(plan, true, plan.resourcesPerConnection[c], plan.clientWindow(), plan.serverWindow())
                    : terms(plan, false, plan.resourcesPerConnection[c], documentWindows[0], documentWindows[1]);
            if (terms == null || terms.size() > MAX_TERMS) {
                return null;
            }
            double constant = plan.resourcesPerConnection[c] * plan.serverNanos;
            Pmf sum = constant(constant, h);
            for (int[] term : terms) {
                Direction direction = term[0] == 0 ? Direction.UP : Direction.DOWN;
                sum = sum.convolve(term(jitter, plan.delayNanos(direction), term[1], lo, hi, h));
            }
            offsets[c] = sum.offset;
            connectionCdfs.add(sum.cdf());
        }
        // Page: the maximum over connections, CDF = product, on a common grid.
        int start = Integer.MAX_VALUE;
        int end = Integer.MIN_VALUE;
        for (int c = 0; c < offsets.length; c++) {
            start = Math.min(start, offsets[c]);
            end = Math.max(end, offsets[c] + connectionCdfs.get(c).length);
        }
        double[] cdf = new double[end - start];
        for (int i = 0; i < cdf.length; i++) {
            double product = 1;
            for (int c = 0; c < offsets.length; c++) {
                double[] own = connectionCdfs.get(c);
                int j = start + i - offsets[c];
                product *= j < 0 ? 0 : j >= own.length ? 1 : own[j];
            }
            cdf[i] = product;
        }
        if (plan.dns || plan.documentFirst) {
            // The page's one DNS lookup and its document precede the parallel part: added to the maximum, not
            // inside it.
            List<int[]> prefix = new ArrayList<>();
            if (plan.dns) {
                prefix.add(new int[] {0, 1});
                prefix.add(new int[] {1, 1});
            }
            if (plan.documentFirst) {
                List<int[]> document = terms(plan, true, 0, plan.clientWindow(), plan.serverWindow());
                double[] up = plan.transfer(Direction.UP, plan.kind.requestBytes(), plan.clientWindow(), 1);
                double[] down = plan.transfer(Direction.DOWN, plan.documentBytes, plan.serverWindow(), 1);
                if (up[0] != 1 || down[0] != 1) {
                    return null;
                }
                prefix.addAll(document);
                prefix.add(new int[] {0, (int) plan.segments(plan.kind.requestBytes())});
                prefix.add(new int[] {1, (int) plan.segments(plan.documentBytes)});
            }
            double[] mass = new double[cdf.length];
            double previous = 0;
            for (int i = 0; i < cdf.length; i++) {
                mass[i] = cdf[i] - previous;
                previous = cdf[i];
            }
            Pmf page = new Pmf(start, mass).trim();
            if (plan.documentFirst) {
                page = page.convolve(constant(plan.serverNanos, h));
            }
            for (int[] term : prefix) {
                Direction direction = term[0] == 0 ? Direction.UP : Direction.DOWN;
                page = page.convolve(term(jitter, plan.delayNanos(direction), term[1], lo, hi, h));
            }
            start = page.offset();
            cdf = page.cdf();
        }
        double mean = 0;
        double previous = 0;
        for (int i = 0; i < cdf.length; i++) {
            mean += (start + i) * h * (cdf[i] - previous);
            previous = cdf[i];
        }
        Percentiles percentiles = new Percentiles(quantile(cdf, start, h, 0.5), quantile(cdf, start, h, 0.9),
                quantile(cdf, start, h, 0.99), quantile(cdf, start, h, 0.999));
        List<Quantile> quantiles = new ArrayList<>();
        for (double q : Quantile.LEVELS) {
            quantiles.add(new Quantile(q, quantile(cdf, start, h, q)));
        }
        return new Prediction(phases, mean / 1e6, percentiles,
                String.format(Locale.ROOT, "exact (convolution, %.1f us grid)", h / 1e3), quantiles);
    }

    /**
     * The terms of one connection as {direction (0 up, 1 down), segments}: its handshakes if it opens, then its
     * resources from the given windows; null if a message needs two flights.
     */
    private static List<int[]> terms(Plan plan, boolean opens, int resources, SenderWindow clientWindow,
            SenderWindow serverWindow) {
        List<int[]> terms = new ArrayList<>();
        int exchanges = opens ? (plan.tcpHandshake ? 1 : 0) + plan.tlsRounds + plan.settingsRounds : 0;
        for (int i = 0; i < exchanges; i++) {
            terms.add(new int[] {0, 1});
            terms.add(new int[] {1, 1});
        }
        for (int r = 0; r < resources; r++) {
            double[] up = plan.transfer(Direction.UP, plan.requestBytes, clientWindow);
            double[] down = plan.transfer(Direction.DOWN, plan.responseBytes, serverWindow);
            if (up[0] != 1 || down[0] != 1) {
                return null;
            }
            terms.add(new int[] {0, (int) plan.segments(plan.requestBytes)});
            terms.add(new int[] {1, (int) plan.segments(plan.responseBytes)});
        }
        return terms;
    }

    /** max(0, d + max of n J) by cell mass: cell j holds P(X in [(j − ½)h, (j + ½)h)). */
    private static Pmf term(JitterDistribution jitter, double d, int n, double lo, double hi, double h) {
        int first = Math.max(0, (int) Math.floor((d + lo) / h - 0.5));
        int last = Math.max(first, (int) Math.ceil((d + hi) / h + 0.5));
        double[] mass = new double[last - first + 1];
        double below = g(jitter, d, n, (first - 0.5) * h);
        double total = 0;
        for (int j = first; j <= last; j++) {
            double upTo = g(jitter, d, n, (j + 0.5) * h);
            mass[j - first] = upTo - below;
            total += mass[j - first];
            below = upTo;
        }
        for (int j = 0; j < mass.length; j++) {
            mass[j] /= total;
        }
        return new Pmf(first, mass).trim();
    }

    private static double g(JitterDistribution jitter, double d, int n, double y) {
        if (y < 0) {
            return 0;
        }
        double f = jitter.cdf(y - d);
        return n == 1 ? f : Math.pow(f, n);
    }

    /** A point mass at c, split between the two neighbouring grid points so that the mean is exact. */
    private static Pmf constant(double c, double h) {
        int j = (int) Math.floor(c / h);
        double frac = c / h - j;
        return new Pmf(j, new double[] {1 - frac, frac}).trim();
    }

    private static double quantile(double[] cdf, int start, double h, double q) {
        double previous = 0;
        for (int i = 0; i < cdf.length; i++) {
            if (cdf[i] >= q) {
                double mass = cdf[i] - previous;
                double within = mass > 0 ? (q - previous) / mass : 0.5;
                return ((start + i - 0.5) + within) * h / 1e6;
            }
            previous = cdf[i];
        }
        return (start + cdf.length) * h / 1e6;
    }

    /** Masses at grid points offset, offset + 1, ... */
    private record Pmf(int offset, double[] mass) {

        Pmf convolve(Pmf other) {
            double[] out = new double[mass.length + other.mass.length - 1];
            for (int i = 0; i < mass.length; i++) {
                double a = mass[i];
                if (a == 0) {
                    continue;
                }
                for (int j = 0; j < other.mass.length; j++) {
                    out[i + j] += a * other.mass[j];
                }
            }
            return new Pmf(offset + other.offset, out).trim();
        }

        Pmf trim() {
            int from = 0;
            int to = mass.length;
            while (from < to - 1 && mass[from] < 1e-18) {
                from++;
            }
            while (to > from + 1 && mass[to - 1] < 1e-18) {
                to--;
            }
            if (from == 0 && to == mass.length) {
                return this;
            }
            double[] kept = new double[to - from];
            System.arraycopy(mass, from, kept, 0, kept.length);
            return new Pmf(offset + from, kept);
        }

        double[] cdf() {
            double[] cdf = new double[mass.length];
            double sum = 0;
            for (int i = 0; i < mass.length; i++) {
                sum += mass[i];
                cdf[i] = Math.min(1, sum);
            }
            cdf[cdf.length - 1] = 1;
            return cdf;
        }
    }
}
