package io.roundtrip.model.tcp;

/**
 * When a lost segment is sent again, as Linux's SACK sender detects the loss (docs/model.md, "Linux's TCP
 * sender"): the one rule of the model's transfers and the proxy's {@code loss} stage.
 *
 * <ul>
 *   <li>three or more later segments of its flight arrive: their SACKs mark it lost one round trip after it left
 *       (the duplicate-ACK threshold, RFC 6675 §5; RACK's reordering window is 0 then, {@code tcp_rack_reo_wnd});</li>
 *   <li>one or two arrive: RACK marks it lost a quarter of the minimum RTT later (RFC 8985 §6.2,
 *       {@code min_rtt / 4});</li>
 *   <li>none of its flight but more data follows: the next flight's SACKs, or the tail loss probe, whichever is
 *       first: two round trips;</li>
 *   <li>nothing follows (a tail loss): the tail loss probe retransmits it after PTO = 2 SRTT + 2 ms, or
 *       2 SRTT + 200 ms when it is the only segment out ({@code tcp_schedule_loss_probe}, RFC 8985 §7.2), unless
 *       the RTO comes first: then it is a timeout.</li>
 * </ul>
 * A retransmission lost again is marked lost by RACK like any segment when data sent after it is SACKed (RFC 8985
 * §6.2: RACK orders by transmission time, so it detects lost retransmissions): 1.25 RTT later while more data
 * follows; otherwise it waits for the RTO, doubling at every further loss (RFC 6298 §5.5). At most
 * {@link #MAX_BACKOFFS} times either way.
 */
public final class LossRecovery {

    /** Duplicate ACKs (or SACKed segments above a hole) that mark a segment lost (Linux's {@code tcp_reordering}). */
    public static final int DUPTHRESH = 3;
    /**
     * How many times a retransmission may be lost again, each doubling the back-off, before it is taken as
     * delivered: six, of the order of Linux's retry limits; it keeps 100% loss finite (127 RTO).
     */
    public static final int MAX_BACKOFFS = 6;
    /** The probe timeout's slack with several segments out: {@code TCP_TIMEOUT_MIN}, 2 jiffies at HZ 1000. */
    static final double TLP_SLACK_NANOS = 2e6;
    /** The probe timeout's slack with one segment out: {@code TCP_RTO_MIN}, for the peer's delayed ACK. */
    static final double TLP_SINGLE_SEGMENT_SLACK_NANOS = 200e6;

    /**
     * SYN timeouts that do not double ({@code net.ipv4.tcp_syn_linear_timeouts}, default 4, Linux 6.5 and later):
     * "SYN RTOs to be: 1, 1, 1, 1, 1, 2, 4, ..." (ip-sysctl.rst).
     */
    public static final int SYN_LINEAR_TIMEOUTS = 4;

    /** When the retransmission leaves, after the lost segment did; {@code timeout}: the RTO sent it. */
    public record Retransmission(double afterNanos, boolean timeout) {}

    private LossRecovery() {}

    /**
     * @param laterInFlight segments of its flight sent after it
     * @param moreFollows whether the sender has more data after this flight
     * @param segmentsOut segments of its flight (for the probe's single-segment slack)
     * @param srttNanos the smoothed round trip
     * @param minRttNanos the path's minimum round trip (RACK's reordering window is a quarter of it)
     * @param rtoNanos the retransmission timeout
     */
    public static Retransmission retransmission(int laterInFlight, boolean moreFollows, int segmentsOut,
            double srttNanos, double minRttNanos, double rtoNanos) {
        if (laterInFlight >= DUPTHRESH) {
            return new Retransmission(srttNanos, false);
        }
        if (laterInFlight > 0) {
            return new Retransmission(srttNanos + minRttNanos / 4, false);
        }
        double probe = 2 * srttNanos + (segmentsOut <= 1 ? TLP_SINGLE_SEGMENT_SLACK_NANOS : TLP_SLACK_NANOS);
        if (moreFollows) {
            probe = Math.min(probe, 2 * srttNanos);
        }
        return probe < rtoNanos ? new Retransmission(probe, false) : new Retransmission(rtoNanos, true);
    }

    /**
     * When a retransmission that was lost again is sent once more, after it was sent: RACK's 1.25 RTT while
     * {@code moreFollows} (data sent after it reaches the receiver), else {@code backoffNanos}, the RTO as backed
     * off so far (a timeout).
     */
    public static Retransmission lostAgain(boolean moreFollows, double srttNanos, double minRttNanos,
            double backoffNanos) {
        return moreFollows ? new Retransmission(srttNanos + minRttNanos / 4, false)
                : new Retransmission(backoffNanos, true);
    }

    /**
     * The wait before the {@code k}-th retransmission of a SYN (k from 1), Linux 6.5 and later: the initial
     * {@code synRtoNanos} (1 s) for the first {@link #SYN_LINEAR_TIMEOUTS} + 1 waits, then doubling
     * ({@code tcp_retransmit_timer} backs off only once {@code total_rto} exceeds the linear count). A lost SYN-ACK
     * costs the same: the client's retransmitted SYN makes the server send it again at once.
     */
    public static double synTimeoutNanos(int k, double synRtoNanos) {
        if (k < 1) {
            throw new IllegalArgumentException("SYN timeout number must be >= 1, got " + k);
        }
        return k <= SYN_LINEAR_TIMEOUTS + 1 ? synRtoNanos : synRtoNanos * Math.pow(2, k - SYN_LINEAR_TIMEOUTS - 1);
    }

    /**
     * Linux's retransmission timeout on a path of a steady round trip: {@code SRTT + max(4 RTTVAR, rto_min)}
     * ({@code __tcp_set_rto} and {@code tcp_rtt_estimator}: {@code rttvar} is at least {@code tcp_rto_min}).
     */
    public static double rtoNanos(double srttNanos, double rttvarNanos, double minRtoNanos) {
        return srttNanos + Math.max(4 * rttvarNanos, minRtoNanos);
    }
}
