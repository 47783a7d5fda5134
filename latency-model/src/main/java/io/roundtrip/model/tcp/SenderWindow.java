package io.roundtrip.model.tcp;

/**
 * One TCP sender's congestion window, one direction of one connection, advanced flight by flight: the rules the
 * model's transfers (analytic, Monte Carlo) and the proxy's {@code slow_start} and {@code loss} stages share, as
 * Linux applies them (docs/model.md, "Linux's TCP sender"). Windows in segments. The object lives as long as the
 * connection: the window one response leaves is the window the next one starts from.
 *
 * <ul>
 *   <li><b>Slow start</b> ({@code tcp_slow_start}, tcp_cong.c): the window grows by the segments ACKed, ×γ per
 *       flight that fills it (γ = 2; 1.5 models RFC 5681's per-ACK rule with delayed ACKs), up to ssthresh.</li>
 *   <li><b>Growing only when cwnd-limited</b> ({@code tcp_is_cwnd_limited}, include/net/tcp.h): in slow start the
 *       window grows while it is below twice the most segments out; a partial flight after a full one has
 *       {@code previous + partial/2} out at its peak under the ACK clock, so it grows too; a partial first flight
 *       grows only if it is more than half the window. In congestion avoidance only a full flight grows it.</li>
 *   <li><b>Congestion avoidance</b>: Reno +1 segment per round trip (RFC 5681 §3.1); CUBIC (RFC 9438 §4,
 *       {@code bictcp_update} in tcp_cubic.c) towards {@code W(t) = C(t − K)³ + W_max}, C = 0.4, at most ×1.5 per
 *       round trip, never slower than the Reno-friendly estimate (+3(1 − β)/(1 + β) per round trip), and before
 *       its first loss at least 5% per round trip.</li>
 *   <li><b>Loss</b>: ssthresh = window × β (CUBIC 717/1024 ≈ 0.7, Reno 0.5; at least 2), the window down to it,
 *       <em>once per window of data</em>: a loss in the flight sent during the recovery of the previous one does not
 *       reduce it again (RFC 6675 §5, Linux's {@code tcp_enter_recovery} once per {@code high_seq}); CUBIC's fast
 *       convergence lowers W_max when the window had not regained it.</li>
 *   <li><b>Timeout</b> ({@code tcp_enter_loss}): ssthresh reduced as for a loss (once per window), the window to 1.</li>
 *   <li><b>Restart after idle</b> (RFC 5681 §4.1, {@code tcp_cwnd_restart}): min(initial window, window).</li>
 * </ul>
 *
 * <p>Not thread-safe: one per direction per connection.
 */
public final class SenderWindow {

    /** The congestion control algorithm: its multiplicative decrease β and its growth above ssthresh. */
    public enum Algorithm {
        /** Linux's default since 2.6.19: β = 717/1024 ({@code beta} in tcp_cubic.c). */
        CUBIC(717.0 / 1024),
        /** RFC 5681: β = 1/2, +1 segment per round trip. */
        RENO(0.5);

        private final double beta;

        Algorithm(double beta) {
            this.beta = beta;
        }

        public double beta() {
            return beta;
        }
    }

    /** CUBIC's C in segments per second³ (RFC 9438 §5.1; Linux's {@code bic_scale} 41 / 1024 × 10 ≈ 0.4). */
    static final double CUBIC_C = 0.4;
    /** The most CUBIC grows per round trip: ×1.5 (tcp_cubic.c: {@code cnt} is at least 2). */
    static final double CUBIC_MAX_GROWTH = 1.5;
    /** The least CUBIC grows per round trip before its first loss: 5% (tcp_cubic.c, {@code cnt} at most 20). */
    static final double CUBIC_FIRST_GROWTH = 1.05;

    private final Algorithm algorithm;
    private final double initialSegments;
    private final double gamma;
    private final double capSegments;
    private double window;
    private double ssthresh;
    /** The previous flight's segments if it filled the window, else 0 (for the cwnd-limited rule). */
    private double previousFullFlight;
    /** Whether the previous flight ended in a reduction: the current one is its recovery (no second cut). */
    private boolean recovering;
    private double cubicMax;
    private double cubicEpochNanos = Double.NaN;
    private double cubicOrigin;
    private double cubicK;
    private double renoEstimate;

    /**
     * @param initialSegments the initial window (initcwnd); {@link Double#POSITIVE_INFINITY} for no slow start
     * @param ssthreshSegments the initial slow-start threshold, {@link Double#POSITIVE_INFINITY} for none
     *     (Linux: {@code initial_ssthresh} 0, none)
     * @param capSegments the largest window (the bandwidth-delay product when a rate is set, else infinite)
     * @param gamma growth per full flight in slow start, in (1, 2]
     */
    public SenderWindow(Algorithm algorithm, double initialSegments, double ssthreshSegments, double capSegments,
            double gamma) {
        if (!(gamma > 1 && gamma <= 2)) {
            throw new IllegalArgumentException("gamma must be in (1, 2], got " + gamma);
        }
        if (!(initialSegments > 0) || !(ssthreshSegments > 0) || !(capSegments > 0)) {
            throw new IllegalArgumentException("initial window, ssthresh and cap must be > 0");
        }
        this.algorithm = algorithm;
        this.initialSegments = initialSegments;
        this.gamma = gamma;
        this.capSegments = Math.max(capSegments, initialSegments);
        this.window = initialSegments;
        this.ssthresh = ssthreshSegments;
    }

    /** A copy with the same state: to try a transfer without committing it. */
    public SenderWindow copy() {
        SenderWindow c = new SenderWindow(algorithm, initialSegments, ssthresh, capSegments, gamma);
        c.window = window;
        c.previousFullFlight = previousFullFlight;
        c.recovering = recovering;
        c.cubicMax = cubicMax;
        c.cubicEpochNanos = cubicEpochNanos;
        c.cubicOrigin = cubicOrigin;
        c.cubicK = cubicK;
        c.renoEstimate = renoEstimate;
        return c;
    }

    /** The congestion window now, segments (may be fractional, and infinite without slow start). */
    public double segments() {
        return window;
    }

    public double ssthreshSegments() {
        return ssthresh;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * A flight of {@code sent} segments has been ACKed without loss at {@code ackedAtNanos}, one round trip of
     * {@code rttNanos} after it left. {@code full}: it used the whole window (the sender was cwnd-limited).
     */
    public void acked(double sent, boolean full, double ackedAtNanos, double rttNanos) {
        recovering = false;
        if (Double.isInfinite(window)) {
            return;
        }
        if (window < ssthresh) {
            // Linux: in slow start, cwnd-limited while cwnd < 2 × the most segments out (the ACK clock puts a
            // partial flight's half on top of a full previous one).
            double mostOut = previousFullFlight > 0 ? previousFullFlight + sent / 2 : sent;
            if (full || window < 2 * mostOut) {
                double grown = full ? window * gamma : window + sent * (gamma - 1);
                window = Math.min(grown, Math.max(ssthresh, window));
            }
        } else if (full) {
            window = algorithm == Algorithm.CUBIC ? cubicGrowth(ackedAtNanos, rttNanos) : window + 1;
        }
        window = Math.min(window, capSegments);
        previousFullFlight = full ? sent : 0;
    }

    /** A flight that lost at least one segment, recovered by fast retransmit (SACK, RACK or a tail probe). */
    public void lost() {
        lost(0);
    }

    /**
     * As {@link #lost()}, when {@code deliveredBeforeDetection} segments of the flight were (S)ACKed before the
     * loss was detected: in slow start they grew the window first (Linux's {@code tcp_cong_avoid} counts SACKed
     * segments too, and recovery starts only at the duplicate threshold or RACK's timer), so the cut is 0.7 of
     * the grown window — a loss late in a slow-start flight leaves about the window the flight was sent with.
     */
    public void lost(double deliveredBeforeDetection) {
        if (Double.isInfinite(window)) {
            return; // no slow start: the window is always open
        }
        if (!recovering) {
            if (window < ssthresh && deliveredBeforeDetection > 0) {
                window = Math.min(window + deliveredBeforeDetection * (gamma - 1), Math.max(ssthresh, window));
            }
            reduce();
            window = ssthresh;
        }
        recovering = true;
        previousFullFlight = 0;
    }

    /**
     * Segments of a flight that are (S)ACKed before the loss of the one at {@code lostIndex} is detected: those
     * before it, and those after it up to the duplicate threshold (all of them when fewer follow: RACK waits).
     */
    public static int deliveredBeforeDetection(int lostIndex, int flightSegments) {
        return lostIndex + Math.min(LossRecovery.DUPTHRESH, flightSegments - lostIndex - 1);
    }

    /** A retransmission timeout: ssthresh reduced (once per window), the window to one segment. */
    public void timedOut() {
        if (Double.isInfinite(window)) {
            return;
        }
        if (!recovering) {
            reduce();
        }
        window = Math.min(window, 1);
        recovering = true;
        previousFullFlight = 0;
    }

    /** The sender was idle for longer than the RTO: restart from min(initial window, window). */
    public void restartAfterIdle() {
        window = Math.min(window, initialSegments);
        previousFullFlight = 0;
    }

    private void reduce() {
        double beta = algorithm.beta();
        // CUBIC's fast convergence (RFC 9438 §4.7): a window that did not regain the last maximum releases some.
        cubicMax = window < cubicMax ? window * (1 + beta) / 2 : window;
        ssthresh = Math.max(window * beta, 2);
        cubicEpochNanos = Double.NaN;
        renoEstimate = ssthresh;
    }

    /**
     * CUBIC's window one round trip after {@code nowNanos} (RFC 9438 §4.2, eq. 1–2): the cubic from the last
     * reduction's W_max, at most ×1.5 per round trip, at least the Reno-friendly estimate (§4.3).
     */
    private double cubicGrowth(double nowNanos, double rttNanos) {
        if (Double.isNaN(cubicEpochNanos)) {
            cubicEpochNanos = nowNanos;
            cubicOrigin = Math.max(cubicMax, window);
            cubicK = window < cubicMax ? Math.cbrt((cubicMax - window) / CUBIC_C) : 0;
            renoEstimate = window;
        }
        double t = (nowNanos + rttNanos - cubicEpochNanos) / 1e9;
        double target = cubicOrigin + CUBIC_C * Math.pow(t - cubicK, 3);
        double beta = algorithm.beta();
        renoEstimate += 3 * (1 - beta) / (1 + beta);
        double grown = target > window ? Math.min(target, window * CUBIC_MAX_GROWTH) : window + 0.01;
        if (cubicMax == 0) {
            // No loss yet, the bandwidth unknown: at least 5% per round trip (tcp_cubic.c, "cnt = 20").
            grown = Math.max(grown, window * CUBIC_FIRST_GROWTH);
        }
        return Math.max(grown, Math.min(renoEstimate, window * CUBIC_MAX_GROWTH));
    }
}
