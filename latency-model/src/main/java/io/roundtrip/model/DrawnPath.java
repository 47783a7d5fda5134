package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.LossProcess;
import io.roundtrip.model.tcp.LossRecovery;

/**
 * The path as the Monte Carlo draws it for one connection: each one-way trip's jitter, the connection's loss
 * process per direction (Gilbert–Elliott has state: a new connection gets new ones), and each lost packet's repair
 * as Linux makes it ({@link LossRecovery}).
 */
final class DrawnPath implements MessageFlights.Path {

    private final Plan plan;
    private final JitterSampler jitter;
    /** The connection's loss processes, up (client to server) and down. */
    LossProcess up;
    LossProcess down;

    DrawnPath(Plan plan, JitterSampler jitter, LossProcess up, LossProcess down) {
        this.plan = plan;
        this.jitter = jitter;
        this.up = up;
        this.down = down;
    }

    @Override
    public double delay(Direction direction) {
        double base = plan.delayNanos(direction);
        return jitter.isNone() ? base : Math.max(0, base + jitter.sample());
    }

    @Override
    public double maxDelay(Direction direction, int segments) {
        double base = plan.delayNanos(direction);
        return jitter.isNone() ? base : Math.max(0, base + jitter.maxOf(segments));
    }

    @Override
    public int advanceToLoss(Direction direction, int n) {
        return loss(direction).advanceToLoss(n);
    }

    /**
     * When a segment that left at {@code lostDeparture} and was lost arrives: its retransmission leaves when
     * {@link LossRecovery} detects the loss ({@code laterInFlight} segments of its {@code flightSegments} behind
     * it, {@code more} data after the flight); while the retransmission is lost too, RACK's 1.25 RTT if more data
     * follows, else the RTO, doubling ({@link LossRecovery#lostAgain}); then the one-way delay.
     */
    @Override
    public MessageFlights.Repair repair(double lostDeparture, int laterInFlight, boolean more, int flightSegments,
            Direction direction) {
        LossRecovery.Retransmission retransmission = LossRecovery.retransmission(laterInFlight, more, flightSegments,
                plan.rttNanos, plan.rttNanos, plan.rtoNanos);
        double at = lostDeparture + retransmission.afterNanos();
        boolean timeout = retransmission.timeout();
        // After a timeout the next one is twice as long; after a fast retransmit the RTO starts afresh.
        double backoff = timeout ? 2 * plan.rtoNanos : plan.rtoNanos;
        for (int lostAgain = 0; lostAgain < LossRecovery.MAX_BACKOFFS && loss(direction).nextSegmentLost();
                lostAgain++) {
            LossRecovery.Retransmission again = LossRecovery.lostAgain(more, plan.rttNanos, plan.rttNanos, backoff);
            at += again.afterNanos();
            if (again.timeout()) {
                backoff *= 2;
                timeout = true;
            }
        }
        return new MessageFlights.Repair(at + delay(direction), timeout);
    }

    /**
     * The TCP handshake: SYN up, SYN-ACK down; a loss either way waits Linux's SYN timeout
     * ({@link LossRecovery#synTimeoutNanos}: 1 s, linear for the first retries), at most
     * {@link LossRecovery#MAX_BACKOFFS} times.
     */
    double synExchange(double start) {
        double attempt = start;
        for (int timeouts = 0; timeouts <= LossRecovery.MAX_BACKOFFS; timeouts++) {
            if (!up.nextSegmentLost() && !down.nextSegmentLost()) {
                return attempt + delay(Direction.UP) + delay(Direction.DOWN);
            }
            attempt += LossRecovery.synTimeoutNanos(timeouts + 1, plan.synRtoNanos);
        }
        return attempt;
    }

    /** A one-packet exchange up and back; a loss either way retries after {@code timeout}, doubling (at most 6). */
    double exchange(double start, double timeout) {
        double attempt = start;
        double backoff = timeout;
        for (int tries = 0; tries <= LossRecovery.MAX_BACKOFFS; tries++) {
            if (!up.nextSegmentLost() && !down.nextSegmentLost()) {
                return attempt + delay(Direction.UP) + delay(Direction.DOWN);
            }
            attempt += backoff;
            backoff *= 2;
        }
        return attempt;
    }

    private LossProcess loss(Direction direction) {
        return direction == Direction.UP ? up : down;
    }
}
