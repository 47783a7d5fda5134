package io.roundtrip.model;

import io.roundtrip.model.tcp.LossRecovery;

/**
 * TCP's retransmission timeout as Linux computes it: {@code RTO = SRTT + max(4 RTTVAR, min)} (RFC 6298 §2 with
 * Linux's {@code rto_min}, 200 ms, as the floor of the variance term: {@link LossRecovery#rtoNanos}).
 * Samples update SRTT and RTTVAR with the RFC's gains (1/8, 1/4). One estimator for every consumer: the proxy's loss
 * recovery, and the early wake-up of the proxy's and the packet path's release timers (a timer's lateness is
 * estimated as TCP estimates a round trip, with a minimum of zero).
 */
public final class RetransmissionTimeout {

    public static final long LINUX_MIN_RTO_NANOS = 200_000_000L;

    private final long minNanos;
    private double srttNanos;
    private double rttvarNanos;

    public RetransmissionTimeout(long srttNanos, long rttvarNanos) {
        this(srttNanos, rttvarNanos, LINUX_MIN_RTO_NANOS);
    }

    public RetransmissionTimeout(long srttNanos, long rttvarNanos, long minNanos) {
        this.srttNanos = srttNanos;
        this.rttvarNanos = rttvarNanos;
        this.minNanos = minNanos;
    }

    /** RFC 6298 section 2.3. */
    public void sample(long rttNanos) {
        rttvarNanos = 0.75 * rttvarNanos + 0.25 * Math.abs(srttNanos - rttNanos);
        srttNanos = 0.875 * srttNanos + 0.125 * rttNanos;
    }

    public long srttNanos() {
        return Math.round(srttNanos);
    }

    public long rtoNanos() {
        return Math.round(LossRecovery.rtoNanos(srttNanos, rttvarNanos, minNanos));
    }
}
