package io.roundtrip.proxy;

import io.netty.util.concurrent.FastThreadLocal;
import io.roundtrip.model.RetransmissionTimeout;

/**
 * How early an event loop wakes for a release, so that the release is on time: a timer asked for time T fires at T
 * plus the wake-up latency, which on a virtual machine whose vCPU halts when idle is 0.1–0.4 ms and grows with the
 * idle (measured here: a 5 ms Netty timer p50 0.16 ms late, p99 0.4–0.9 ms). The loop asks to wake that much early
 * and spins ({@link Thread#onSpinWait()}) the rest of the way.
 *
 * <p>The lateness is estimated as TCP estimates its RTO from RTT samples (RFC 6298 §2: SRTT and RTTVAR with gains
 * 1/8 and 1/4, and the estimate plus four deviations), capped by the configured most a loop may spin. The price is
 * CPU: a loop spins, on average, about the deviation margin per release batch, and a read that arrives while it
 * spins is stamped that much later; 0 turns spinning off.
 *
 * <p>One per event-loop thread, so confined to it: no locks.
 */
final class WakeAhead {

    private static final FastThreadLocal<WakeAhead> PER_LOOP = new FastThreadLocal<>();

    private final long maxSpinNanos;
    /** The timers' lateness, estimated as TCP estimates a round trip; no minimum. */
    private final RetransmissionTimeout lateness = new RetransmissionTimeout(0, 0, 0);

    private WakeAhead(long maxSpinNanos) {
        this.maxSpinNanos = maxSpinNanos;
    }

    /** The calling event loop's estimator. */
    static WakeAhead forThisLoop(long maxSpinNanos) {
        WakeAhead ahead = PER_LOOP.get();
        if (ahead == null || ahead.maxSpinNanos != maxSpinNanos) {
            ahead = new WakeAhead(maxSpinNanos);
            PER_LOOP.set(ahead);
        }
        return ahead;
    }

    /** How long before a release to ask the timer for. */
    long aheadNanos() {
        return Math.min(maxSpinNanos, lateness.rtoNanos());
    }

    /** A timer asked for {@code askedNanos} ran at {@code ranNanos}: one lateness sample (capped: a hiccup is not a trend). */
    void observe(long askedNanos, long ranNanos) {
        if (maxSpinNanos == 0) {
            return;
        }
        lateness.sample(Math.min(Math.max(0, ranNanos - askedNanos), 4 * maxSpinNanos));
    }

    /**
     * Spins until {@code releaseNanos} when it is at most the most a loop may spin away; returns the time then.
     * Further off, returns at once: the caller sets a timer again.
     */
    long spinUntil(long releaseNanos) {
        long now = System.nanoTime();
        if (releaseNanos - now > maxSpinNanos) {
            return now;
        }
        while (now < releaseNanos) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        return now;
    }
}
