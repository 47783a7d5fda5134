package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.tcp.SenderWindow;
import java.util.Arrays;

/**
 * One message sent flight by flight from a connection's {@link SenderWindow}: the loop the analytic accounting
 * ({@link Plan#transfer}, on the fixed path) and the Monte Carlo (on a drawn path) share. A flight's segments leave
 * back to back at the bandwidth; the next flight leaves when the first segment's ACK returns (or when the link is
 * free, if later); a lost segment holds every later byte (in-order delivery) until it is repaired, the window is
 * cut once for the flight and, unless the repair took a timeout, the ACK clock goes on. Under HTTP/2 flow control
 * a flight also waits for the receiver's credit ({@link Credit}).
 */
final class MessageFlights {

    /**
     * What the loop draws from the path: the one parameter in which the accounting (a fixed path) and the Monte
     * Carlo (a drawn one) differ.
     */
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

    /**
     * The receiver's credit, what the sender may send beyond what the receiver has returned: HTTP/2 flow control's
     * {@link FlowWindow}, or {@link #UNLIMITED} for TCP alone. It is the one parameter in which the loop with flow
     * control differs from the loop without (with the unit it counts a message in, {@link Counting}).
     */
    interface Credit {
        /** The bytes the sender may send now. */
        long credit();

        /** The earliest time the sender has credit; −∞ if it has credit now. */
        double creditTime();

        /** The time at or after {@code t} when the sender has credit, taking in what has been returned by then. */
        double awaitCredit(double t);

        /** The sender sends {@code bytes} (at most {@link #credit()}). */
        void send(long bytes);

        /** The receiver takes in {@code bytes} just sent; what it returns arrives as {@code times} says. */
        void consume(long bytes, FlowWindow.UpdateTimes times);
    }

    /** No flow control: the sender never waits for credit. */
    static final Credit UNLIMITED = new Credit() {
        @Override
        public long credit() {
            return Long.MAX_VALUE;
        }

        @Override
        public double creditTime() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public double awaitCredit(double t) {
            return t;
        }

        @Override
        public void send(long bytes) {}

        @Override
        public void consume(long bytes, FlowWindow.UpdateTimes times) {}
    };

    /**
     * What the loop counts a message in: {@code units} of {@code nanosPerUnit} serialization each,
     * {@code unitsPerSegment} to a segment. Without flow control, segments of the message's average size; under
     * flow control, bytes, as the credit is counted.
     */
    private record Counting(long units, long unitsPerSegment, double nanosPerUnit) {

        static Counting segments(Plan plan, Direction direction, long bytes, int share) {
            long segments = plan.segments(bytes);
            return new Counting(segments, 1, plan.serializationNanos(direction, bytes, share) / segments);
        }

        static Counting bytes(Plan plan, Direction direction, long bytes, int share) {
            return new Counting(bytes, plan.mss, plan.serializationNanos(direction, bytes, share) / bytes);
        }
    }

    /** Flights sent and when the last byte arrived. */
    record Sent(int flights, double deliveredNanos) {}

    private MessageFlights() {}

    /**
     * Sends {@code bytes} in {@code direction} from {@code start}, advancing {@code window}, the bandwidth divided
     * among {@code share} connections, without flow control.
     */
    static Sent send(Plan plan, Path path, Direction direction, long bytes, int share, SenderWindow window,
            double start) {
        Counting counting = Counting.segments(plan, direction, bytes, share);
        return inFlights(plan, path, direction, counting, window, UNLIMITED, start);
    }

    /**
     * Sends a response of {@code bytes} on {@code streams} streams down, as {@link #send}, under HTTP/2 flow control
     * ({@code flow}, null for none). A response within the credit it starts with is sent as without flow control
     * (the client's updates are all back before the next request); a larger one is sent byte by byte against the
     * credit.
     */
    static Sent sendResponse(Plan plan, Path path, long bytes, int share, SenderWindow window, FlowWindow flow,
            int streams, double start) {
        if (flow != null) {
            flow.beginResponse(streams, bytes);
            if (flow.binds(bytes)) {
                Counting counting = Counting.bytes(plan, Direction.DOWN, bytes, share);
                Sent sent = inFlights(plan, path, Direction.DOWN, counting, window, flow, start);
                flow.finishResponse();
                return sent;
            }
            flow.consumeWhole(bytes);
        }
        return send(plan, path, Direction.DOWN, bytes, share, window, start);
    }

    /**
     * The loop. A flight carries what the congestion window allows and the credit permits when it leaves (waiting
     * for credit when there is none), then more whenever credit returns before the next flight leaves, while the
     * window has room (TCP sends new data at once): a batch each time, each ending in a partial segment. A flight
     * the credit cut short did not use the window (the sender was not cwnd-limited): it does not grow the window
     * and the next flight starts from a fresh segment. The byte that triggers an update arrives no earlier than its
     * batch's first segment and no later than its last (its own draw in between); after a loss in the batch, with
     * the batch's last delivery (bytes are consumed in order). Updates travel back with their own delays and are
     * not lost (as ACKs are not). With {@link #UNLIMITED} credit a flight is one batch.
     */
    private static Sent inFlights(Plan plan, Path path, Direction direction, Counting message, SenderWindow window,
            Credit credit, double start) {
        Direction back = direction.reverse();
        // In the message's units (segments or bytes): its size, a segment's, a unit's serialization.
        long total = message.units();
        long perSegment = message.unitsPerSegment();
        double perUnit = message.nanosPerUnit();
        double t = start;
        double linkFree = start;
        double delivered = start;
        double target = 0;
        long sentSegments = 0;
        long sent = 0;
        int flights = 0;
        while (sent < total) {
            // The window in whole segments; a fractional part carries over to the next flight.
            target += window.segments();
            long allowance = Double.isInfinite(target) ? Long.MAX_VALUE
                    : Math.max(1, (long) Math.floor(target + 1e-9) - sentSegments);
            long cwnd = allowance > (total - sent) / perSegment ? total - sent : allowance * perSegment;
            double depart = credit.awaitCredit(Math.max(t, linkFree));
            double next = Double.POSITIVE_INFINITY;
            boolean moreAfterFlight = sent + cwnd < total;
            boolean timedOut = false;
            long flight = 0;
            long flightSegments = 0;
            int firstLost = -1;
            double flightLast = delivered;
            while (flight < cwnd && (flight == 0 || credit.creditTime() < next)) {
                double at = flight == 0 ? depart : credit.awaitCredit(Math.max(credit.creditTime(), linkFree));
                if (flight > 0 && at >= next) {
                    break;
                }
                long n = Math.min(cwnd - flight, credit.credit());
                int segments = (int) ((n + perSegment - 1) / perSegment);
                credit.send(n);
                linkFree = at + n * perUnit;
                double firstArrival = at + Math.min(perSegment, n) * perUnit + path.delay(direction);
                double first = Math.max(flightLast, firstArrival);
                double last = segments == 1 ? first
                        : Math.max(first, linkFree + path.maxDelay(direction, segments - 1));
                if (flight == 0) {
                    // The ACK clock: the next flight leaves when the first segment's ACK returns.
                    next = firstArrival + path.delay(back);
                }
                // The batch's segments meet the loss process first, their retransmissions after them (later on the
                // link: with bursty loss a retransmission drawn right after its loss would share the burst).
                int[] lost = lostIndices(path, direction, segments);
                boolean more = moreAfterFlight || flight + n < cwnd;
                for (int lostIndex : lost) {
                    double lostDeparture = at + Math.min(n, (lostIndex + 1L) * perSegment) * perUnit;
                    Repair repair = path.repair(lostDeparture, segments - lostIndex - 1, more, segments, direction);
                    last = Math.max(last, repair.arrivalNanos());
                    timedOut |= repair.timeout();
                }
                if (lost.length > 0 && firstLost < 0) {
                    firstLost = (int) flightSegments + lost[0];
                }
                double batchFirst = first;
                double batchLast = last;
                boolean lossy = lost.length > 0;
                credit.consume(n, offset -> {
                    double arrival = batchLast;
                    if (!lossy) {
                        double own = at + Math.min(n, ((offset + perSegment - 1) / perSegment) * perSegment) * perUnit
                                + path.delay(direction);
                        arrival = Math.min(batchLast, Math.max(batchFirst, own));
                    }
                    return arrival + path.delay(back);
                });
                flightLast = last;
                flight += n;
                flightSegments += segments;
            }
            if (firstLost >= 0 || flight < cwnd) {
                target = sentSegments + flightSegments;
            }
            if (timedOut) {
                window.timedOut();
                // The timeout stopped the ACK clock: the next flight leaves when the repair is acknowledged.
                next = flightLast + path.delay(back);
            } else if (firstLost >= 0) {
                window.lost(SenderWindow.deliveredBeforeDetection(firstLost, (int) flightSegments));
            } else {
                boolean full = flight >= cwnd && (cwnd + perSegment - 1) / perSegment >= allowance;
                window.acked(flightSegments, full, next, plan.rttNanos);
            }
            sent += flight;
            sentSegments += flightSegments;
            flights++;
            if (sent < total) {
                t = next;
            }
            delivered = flightLast;
        }
        return new Sent(flights, delivered);
    }

    private static final int[] NONE = new int[0];

    /** The indices of the lost segments among the next {@code n} in {@code direction}, in order. */
    private static int[] lostIndices(Path path, Direction direction, int n) {
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
