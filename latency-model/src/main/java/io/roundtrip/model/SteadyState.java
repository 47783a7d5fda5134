package io.roundtrip.model;

/**
 * Long-run TCP throughput under random loss.
 *
 * <ul>
 * <li>{@link #mathis}: M. Mathis, J. Semke, J. Mahdavi, T. Ott, "The Macroscopic Behavior of the TCP Congestion
 *     Avoidance Algorithm", CCR 27(3), 1997: rate = (MSS/RTT) · C/√p with C = √(3/(2b)).</li>
 * <li>{@link #padhye}: J. Padhye, V. Firoiu, D. Towsley, J. Kurose, "Modeling TCP Throughput: A Simple Model and
 *     its Empirical Validation", SIGCOMM 1998 (PFTK), the full model, eq. (30): with E[W] = (2+b)/(3b) +
 *     √(8(1−p)/(3bp) + ((2+b)/(3b))²),
 *     B = ((1−p)/p + E[W] + Q̂(p,E[W])/(1−p)) / (RTT(b E[W]/2 + 1) + Q̂(p,E[W]) G(p) T0/(1−p)) when E[W] &lt;
 *     W_max, and ((1−p)/p + W_max + Q̂(p,W_max)/(1−p)) / (RTT(b W_max/8 + (1−p)/(p W_max) + 2) + Q̂ G(p)
 *     T0/(1−p)) otherwise.</li>
 * <li>{@link #padhyeApproximate}: PFTK's eq. (33), B ≈ min(W_max/RTT, 1/(RTT√(2bp/3) + T0 min(1, 3√(3bp/8))
 *     p(1+32p²))).</li>
 * </ul>
 */
public final class SteadyState {

    private SteadyState() {}

    /** Mathis et al.: throughput in bits/s for {@code mssBytes}, {@code rttSeconds}, loss {@code p}, b segments per ACK. */
    public static double mathis(int mssBytes, double rttSeconds, double p, double b) {
        return mssBytes * 8 / rttSeconds * Math.sqrt(3 / (2 * b)) / Math.sqrt(p);
    }

    /** PFTK full model: segments per time unit of {@code rtt} and {@code t0}; {@code wMax} may be infinite. */
    public static double padhye(double p, double rtt, double t0, double b, double wMax) {
        if (p <= 0) {
            return Double.isInfinite(wMax) ? Double.POSITIVE_INFINITY : wMax / rtt;
        }
        double a = (2 + b) / (3 * b);
        double ew = a + Math.sqrt(8 * (1 - p) / (3 * b * p) + a * a);
        if (ew < wMax) {
            double q = timeoutProbability(p, ew);
            return ((1 - p) / p + ew + q / (1 - p)) / (rtt * (b * ew / 2 + 1) + q * g(p) * t0 / (1 - p));
        }
        double q = timeoutProbability(p, wMax);
        return ((1 - p) / p + wMax + q / (1 - p))
                / (rtt * (b * wMax / 8 + (1 - p) / (p * wMax) + 2) + q * g(p) * t0 / (1 - p));
    }

    /** PFTK approximate model, eq. (33): segments per time unit. */
    public static double padhyeApproximate(double p, double rtt, double t0, double b, double wMax) {
        double limit = wMax / rtt;
        if (p <= 0) {
            return limit;
        }
        double rate = 1 / (rtt * Math.sqrt(2 * b * p / 3) + t0 * Math.min(1, 3 * Math.sqrt(3 * b * p / 8)) * p
                * (1 + 32 * p * p));
        return Math.min(limit, rate);
    }

    /**
     * Q̂(p, w): the probability that a loss in a window of w segments is detected by a timeout rather than
     * three duplicate ACKs (PFTK eq. 24 / CSA eq. 16): min(1, (1−(1−p)³)(1+(1−p)³(1−(1−p)^(w−3))) / (1−(1−p)^w)).
     */
    public static double timeoutProbability(double p, double w) {
        if (p <= 0) {
            return 0;
        }
        double s3 = Math.pow(1 - p, 3);
        double num = (1 - s3) * (1 + s3 * (1 - Math.pow(1 - p, w - 3)));
        double den = 1 - Math.pow(1 - p, w);
        return den <= 0 ? 1 : Math.min(1, num / den);
    }

    /** G(p) = 1 + p + 2p² + 4p³ + 8p⁴ + 16p⁵ + 32p⁶: the expected back-off multiple of a timeout sequence. */
    public static double g(double p) {
        return 1 + p + 2 * p * p + 4 * Math.pow(p, 3) + 8 * Math.pow(p, 4) + 16 * Math.pow(p, 5) + 32 * Math.pow(p, 6);
    }
}
