package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.tcp.SenderWindow;
import java.util.Arrays;

/**
 * One message sent flight by flight from a connection's {@link SenderWindow}: the loop the analytic accounting
 * ({@link Plan#transfer}, on the fixed path) and the Monte Carlo (on a drawn path) share. A flight's segments leave
 * back to back at the bandwidth; the next flight leaves when the first segment's ACK returns (or when the link is
 * free, if later); a lost segment holds every later byte (in-order delivery) until it is repaired, the window is
 * cut once for the flight and, unless the repair took a timeout, the ACK clock goes on.
 */
final class MessageFlights {

    /** What the loop draws from the path. */
    interface Path {
        /** One one-way delay in {@code direction}. */
        double delay(Direction direction);

        /** The largest of {@code n} one-way delays in {@code direction}. */
        double maxDelay(Direction direction, int n);

        /** The index of the next lost segment among the next {@code n} in {@code direction}, or −1. */
        int advanceToLoss(Direction direction, int n);

        /**
         * When a segment that left at {@code lostDeparture} and was lost arrives, {@code laterInFlight} of its
         * {@code flightSegments} behind it, {@code more} data after the flight.
         */
        Repair repair(double lostDeparture, int laterInFlight, boolean more, int flightSegments, Direction direction);
    }

    /** When a lost segment arrived, and whether a timeout repaired it. */
    record Repair(double arrivalNanos, boolean timeout) {}

    /** A path without jitter or loss: the accounting's. */
    static Path fixed(Plan plan) {
        return new Path() {
            @Override
            public double delay(Direction direction) {
                return plan.delayNanos(direction);
            }

            @Override
            public double maxDelay(Direction direction, int n) {
                return plan.delayNanos(direction);
            }

            @Override
            public int advanceToLoss(Direction direction, int n) {
                return -1;
            }

            @Override
            public Repair repair(double lostDeparture, int laterInFlight, boolean more, int flightSegments,
                    Direction direction) {
                throw new IllegalStateException("nothing is lost on the fixed path");
            }
        };
    }

    /** Flights sent and when the last byte arrived. */
    record Sent(int flights, double deliveredNanos) {}

    private MessageFlights() {}

    /**
     * Sends {@code bytes} in {@code direction} from {@code start}, advancing {@code window}, the bandwidth divided
     * among {@code share} connections.
     */
    static Sent send(Plan plan, Path path, Direction direction, long bytes, int share, SenderWindow window,
            double start) {
        long segments = plan.segments(bytes);
        double perSegment = plan.serializationNanos(direction, bytes, share) / segments;
        Direction back = direction.reverse();
        double t = start;
        double linkFree = start;
        double delivered = start;
        double target = 0;
        long sent = 0;
        int flights = 0;
        while (sent < segments) {
            target += window.segments();
            long allowance = Double.isInfinite(target) ? Long.MAX_VALUE : (long) Math.floor(target + 1e-9) - sent;
            int n = (int) Math.max(1, Math.min(segments - sent, allowance));
            double depart = Math.max(t, linkFree);
            linkFree = depart + n * perSegment;
            double firstArrival = depart + perSegment + path.delay(direction);
            double first = Math.max(delivered, firstArrival);
            double last = n == 1 ? first : Math.max(first, linkFree + path.maxDelay(direction, n - 1));
            boolean more = sent + n < segments;
            double ackClock = firstArrival + path.delay(back);
            boolean timedOut = false;
            // The flight's segments meet the loss process first, their retransmissions after them (later on the
            // link: with bursty loss a retransmission drawn right after its loss would share the burst).
            int[] lost = lostIndices(path, direction, n);
            int firstLost = lost.length > 0 ? lost[0] : -1;
            for (int lostIndex : lost) {
                Repair repair = path.repair(depart + (lostIndex + 1) * perSegment, n - lostIndex - 1, more, n,
                        direction);
                last = Math.max(last, repair.arrivalNanos());
                timedOut |= repair.timeout();
            }
            if (firstLost >= 0) {
                target = sent + n;
                if (timedOut) {
                    window.timedOut();
                    // The timeout stopped the ACK clock: the next flight leaves when the repair is acknowledged.
                    ackClock = last + path.delay(back);
                } else {
                    window.lost(SenderWindow.deliveredBeforeDetection(firstLost, n));
                }
            } else {
                window.acked(n, n >= allowance, ackClock, plan.rttNanos);
            }
            if (more) {
                t = ackClock;
            }
            delivered = last;
            sent += n;
            flights++;
        }
        return new Sent(flights, delivered);
    }

    private static final int[] NONE = new int[0];

    /** The indices of the lost segments among the next {@code n} in {@code direction}, in order. */
    static int[] lostIndices(Path path, Direction direction, int n) {
        int[] lost = NONE;
        int count = 0;
        int offset = 0;
        while (offset < n) {
            int i = path.advanceToLoss(direction, n - offset);
            if (i < 0) {
                break;
            }
            if (count == lost.length) {
                lost = Arrays.copyOf(lost, Math.max(4, 2 * count));
            }
            lost[count++] = offset + i;
            offset += i + 1;
        }
        return count == lost.length ? lost : Arrays.copyOf(lost, count);
    }
}
