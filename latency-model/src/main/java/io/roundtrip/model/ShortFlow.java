package io.roundtrip.model;

/**
 * The Cardwell–Savage–Anderson model of a short TCP transfer with loss: N. Cardwell, S. Savage, T. Anderson,
 * "Modeling TCP Latency", IEEE INFOCOM 2000. Time unit: whatever {@code rtt}, {@code t0} and {@code ts} are given
 * in (milliseconds here). Segment counts are in segments; p is the segment loss rate.
 *
 * <p>E[T] = E[Th] + E[Tss] + E[Tloss] + E[Tca] (+ E[Tdelack], not modelled: the proxy does not delay ACKs):
 * <ul>
 * <li>{@link #handshake}: E[Th] = RTT + Ts((1−p)/(1−2p) + (1−p)/(1−2p) − 2) (eq. 1, p_f = p_r = p);</li>
 * <li>{@link #dataInSlowStart}: E[d_ss] = (1 − (1−p)^d)(1−p)/p + 1, or d when p = 0 (eq. 5), at most d;</li>
 * <li>{@link #slowStart}: E[T_ss] = RTT · log_γ(E[d_ss](γ−1)/w1 + 1) (eq. 12, no receiver-window cap);</li>
 * <li>{@link #lossRecovery}: E[T_loss] = ℓ_ss (Q(p, E[W_ss]) E[Z_TO] + (1 − Q) RTT), ℓ_ss = 1 − (1−p)^d,
 *     E[W_ss] = E[d_ss](γ−1)/γ + w1/γ, E[Z_TO] = G(p) T0 / (1−p) (eqs. 13–19);</li>
 * <li>{@link #congestionAvoidance}: E[T_ca] = (d − E[d_ss]) / R(p, RTT, T0, W_max), R from {@link SteadyState#padhye}
 *     with b = 1/(γ−1) segments per ACK (eq. 20).</li>
 * </ul>
 */
public final class ShortFlow {

    private ShortFlow() {}

    /** E[Th]: the three-way handshake with SYN and SYN-ACK each lost with p, retried after Ts (doubling). */
    public static double handshake(double rtt, double p, double ts) {
        if (p >= 0.5) {
            return Double.POSITIVE_INFINITY;
        }
        return rtt + ts * (2 * (1 - p) / (1 - 2 * p) - 2);
    }

    /** E[d_ss]: segments sent in slow start before the first loss (capped at d). */
    public static double dataInSlowStart(double d, double p) {
        if (p <= 0) {
            return d;
        }
        return Math.min(d, (1 - Math.pow(1 - p, d)) * (1 - p) / p + 1);
    }

    /** E[T_ss]: the slow-start time for E[d_ss] segments, continuous (no ceiling), no window cap. */
    public static double slowStart(double d, double p, double rtt, double w1, double gamma) {
        double dss = dataInSlowStart(d, p);
        if (dss <= 0) {
            return 0;
        }
        return rtt * Math.log(dss * (gamma - 1) / w1 + 1) / Math.log(gamma);
    }

    /** E[T_loss]: the expected cost of the first loss (a timeout with probability Q, else fast retransmit). */
    public static double lossRecovery(double d, double p, double rtt, double t0, double w1, double gamma) {
        if (p <= 0 || d <= 0) {
            return 0;
        }
        double dss = dataInSlowStart(d, p);
        double wss = dss * (gamma - 1) / gamma + w1 / gamma;
        double lossInSlowStart = 1 - Math.pow(1 - p, d);
        double q = SteadyState.timeoutProbability(p, wss);
        double zto = SteadyState.g(p) * t0 / (1 - p);
        return lossInSlowStart * (q * zto + (1 - q) * rtt);
    }

    /** E[T_ca]: what slow start did not send, at the PFTK steady-state rate. */
    public static double congestionAvoidance(double d, double p, double rtt, double t0, double gamma) {
        double rest = d - dataInSlowStart(d, p);
        if (rest <= 0) {
            return 0;
        }
        double b = 1 / (gamma - 1);
        return rest / SteadyState.padhye(p, rtt, t0, b, Double.POSITIVE_INFINITY);
    }

    /** E[T_ss] + E[T_loss] + E[T_ca]: the data transfer without the handshake. */
    public static double transfer(double d, double p, double rtt, double t0, double w1, double gamma) {
        return slowStart(d, p, rtt, w1, gamma) + lossRecovery(d, p, rtt, t0, w1, gamma)
                + congestionAvoidance(d, p, rtt, t0, gamma);
    }

    /** E[T]: handshake plus transfer, as in the paper's figures. */
    public static double total(double d, double p, double rtt, double t0, double ts, double w1, double gamma) {
        return handshake(rtt, p, ts) + transfer(d, p, rtt, t0, w1, gamma);
    }
}
