package io.roundtrip.model;

import java.util.Arrays;

/**
 * HTTP/2 flow control of one connection's responses (RFC 9113 §5.2, §6.9), as the server sees the client's
 * receive windows: the connection's window and, for the response in progress, its streams' windows. Mutable
 * state of one connection in one simulation; not thread-safe.
 *
 * <p>A window of W bytes is credit: each DATA byte the server sends uses one, and the client returns them in
 * WINDOW_UPDATE frames the way Netty's {@code DefaultHttp2LocalFlowController} (Gatling's client) does: after
 * consuming a frame, when the bytes it has not yet returned leave at most {@code (int) (W * 0.5)} of the window, it
 * returns all of them. Byte by byte (the fluid limit of that rule) that is an update of exactly
 * U = W − ⌊W/2⌋ bytes each time U more bytes have been consumed. An update reaches the server one one-way trip
 * after the byte that triggered it reached the client; updates travel up in order (one TCP stream).
 *
 * <p>Streams: a response of N equal streams served fairly (Netty's weighted fair queue, equal weights) consumes its
 * N stream windows at the same rate, so together they act as one window of N·W returning N·U at a time; they start
 * fresh with each response. The connection window carries over from one response to the next (a page's document,
 * then its resources). Between responses every update has arrived: the next request leaves after the last byte
 * and travels behind the updates.
 */
final class FlowWindow {

    private final long windowBytes;
    private final long updateBytes;
    /** [0] the connection, [1] the current response's streams. */
    private final Limiter[] limiters = {new Limiter(), new Limiter()};

    FlowWindow(long windowBytes, long updateBytes) {
        this.windowBytes = windowBytes;
        this.updateBytes = updateBytes;
        reset();
    }

    /** A new connection: the full window, nothing consumed. */
    void reset() {
        limiters[0].start(windowBytes, updateBytes);
        limiters[1].start(windowBytes, updateBytes);
    }

    /** A response of {@code streams} streams begins: their windows are fresh. */
    void beginResponse(int streams) {
        limiters[1].start(windowBytes * streams, updateBytes * streams);
    }

    /** Whether {@code bytes} more than the credit available now: only then can flow control delay a response. */
    boolean binds(long bytes) {
        return bytes > credit();
    }

    /** The bytes the server may send now. */
    long credit() {
        return Math.min(limiters[0].credit, limiters[1].credit);
    }

    /**
     * A response that fits in the credit: its bytes leave with the congestion window alone, and the client's
     * updates (all arrived before the next request) are returned.
     */
    void consumeWhole(long bytes) {
        for (Limiter l : limiters) {
            l.credit -= bytes;
            l.unreturned += bytes;
            long updates = l.unreturned / l.quantum;
            l.credit += updates * l.quantum;
            l.unreturned -= updates * l.quantum;
        }
    }

    /**
     * The earliest time the server has credit, from the updates in flight (each returns a positive amount, so the
     * first one in flight of every window without credit decides); −∞ if it has credit now.
     */
    double creditTime() {
        double at = Double.NEGATIVE_INFINITY;
        for (Limiter l : limiters) {
            if (l.credit <= 0) {
                if (l.head == l.size) {
                    throw new IllegalStateException("flow control: no credit and no update in flight");
                }
                at = Math.max(at, l.arrivals[l.head]);
            }
        }
        return at;
    }

    /**
     * The time at or after {@code t} when the server has credit to send, taking in every update that has arrived
     * by then.
     */
    double awaitCredit(double t) {
        t = Math.max(t, creditTime());
        absorb(t);
        return t;
    }

    /** The server sends {@code bytes} (at most {@link #credit()}). */
    void send(long bytes) {
        limiters[0].credit -= bytes;
        limiters[1].credit -= bytes;
    }

    /** When the client sends the update triggered by a flight's byte, given its 1-based offset in the flight. */
    interface UpdateTimes {
        /** The time the update triggered by the flight's {@code byteOffset}-th byte reaches the server. */
        double arrival(long byteOffset);
    }

    /** The client consumes a flight of {@code bytes}; each update it triggers is queued with its arrival time. */
    void consume(long bytes, UpdateTimes times) {
        for (Limiter l : limiters) {
            long offset = 0;
            while (l.unreturned + bytes - offset >= l.quantum) {
                offset += l.quantum - l.unreturned;
                l.unreturned = 0;
                l.queue(times.arrival(offset), l.quantum);
            }
            l.unreturned += bytes - offset;
        }
    }

    /** The response is complete: every update in flight arrives before the next request. */
    void finishResponse() {
        absorb(Double.POSITIVE_INFINITY);
    }

    private void absorb(double t) {
        for (Limiter l : limiters) {
            while (l.head < l.size && l.arrivals[l.head] <= t) {
                l.credit += l.amounts[l.head];
                l.head++;
            }
            if (l.head == l.size) {
                l.head = 0;
                l.size = 0;
            }
        }
    }

    /** One window: credit at the server, bytes consumed but not yet returned, updates in flight (FIFO). */
    private static final class Limiter {
        long credit;
        long quantum;
        long unreturned;
        double[] arrivals = new double[8];
        long[] amounts = new long[8];
        int head;
        int size;

        void start(long window, long quantum) {
            this.credit = window;
            this.quantum = quantum;
            this.unreturned = 0;
            this.head = 0;
            this.size = 0;
        }

        void queue(double arrival, long amount) {
            if (size == arrivals.length) {
                arrivals = Arrays.copyOf(arrivals, size * 2);
                amounts = Arrays.copyOf(amounts, size * 2);
            }
            // In order on the one TCP stream up: never before the previous update.
            arrivals[size] = size > 0 ? Math.max(arrival, arrivals[size - 1]) : arrival;
            amounts[size] = amount;
            size++;
        }
    }
}
