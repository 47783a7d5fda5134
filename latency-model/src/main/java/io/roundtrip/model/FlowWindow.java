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
 *
 * <p>TLS records ({@code recordBytes} > 0): the client decrypts, and so consumes, a record's DATA bytes only when
 * the whole record has arrived. Records are cut every {@code recordBytes} on the connection's plaintext stream
 * (DATA bytes plus HTTP/2 frame overhead: each response stream's HEADERS frame, {@value #RESPONSE_HEADERS_FRAME_BYTES}
 * bytes, and a {@value #FRAME_HEADER_BYTES}-byte header per DATA frame of at most {@value #MAX_FRAME_BYTES}, spread
 * evenly over the response's DATA bytes), and a record never runs past what the server could write at once (its
 * credit) nor past the response. An update then leaves when the last DATA byte of the record holding its trigger
 * byte has arrived, which may be in a later flight. With 0, byte-granular, as before.
 */
final class FlowWindow implements MessageFlights.Credit {

    /** An HTTP/2 frame header (RFC 9113 §4.1). */
    static final int FRAME_HEADER_BYTES = 9;
    /** SETTINGS_MAX_FRAME_SIZE's default (RFC 9113 §6.5.2), which Netty's origin keeps: DATA frames at most this. */
    static final int MAX_FRAME_BYTES = 16_384;
    /** A response's HEADERS frame: the frame header and a small HPACK block (:status, content-type, -length). */
    static final int RESPONSE_HEADERS_FRAME_BYTES = 50;

    private final long windowBytes;
    private final long updateBytes;
    private final int recordBytes;
    /** DATA bytes the client has consumed on the connection (all responses). */
    private long connectionData;
    /** The current response: its first DATA byte's connection offset, plaintext offset there, overhead ratio, end. */
    private long dataBase;
    private double plainBase;
    private double ratio;
    private long responseEnd;
    /** [0] the connection, [1] the current response's streams. */
    private final Limiter[] limiters = {new Limiter(), new Limiter()};

    FlowWindow(long windowBytes, long updateBytes) {
        this(windowBytes, updateBytes, 0);
    }

    FlowWindow(long windowBytes, long updateBytes, int recordBytes) {
        this.windowBytes = windowBytes;
        this.updateBytes = updateBytes;
        this.recordBytes = recordBytes;
        reset();
    }

    /** A new connection: the full window, nothing consumed. */
    void reset() {
        limiters[0].start(windowBytes, updateBytes);
        limiters[1].start(windowBytes, updateBytes);
        connectionData = 0;
        dataBase = 0;
        plainBase = 0;
        ratio = 0;
        responseEnd = 0;
    }

    /** A response of {@code streams} streams and {@code bytes} DATA bytes begins: their windows are fresh. */
    void beginResponse(int streams, long bytes) {
        limiters[1].start(windowBytes * streams, updateBytes * streams);
        plainBase = plain(connectionData);
        dataBase = connectionData;
        long perStream = (bytes + streams - 1) / streams;
        long frames = Math.max(1, (perStream + MAX_FRAME_BYTES - 1) / MAX_FRAME_BYTES);
        double overhead = (double) streams * (RESPONSE_HEADERS_FRAME_BYTES + frames * FRAME_HEADER_BYTES);
        ratio = bytes > 0 ? overhead / bytes : 0;
        plainBase += bytes > 0 ? 0 : overhead;
        responseEnd = connectionData + bytes;
    }

    /** The plaintext offset (bytes of the connection's TLS stream) just after DATA byte {@code data}. */
    private double plain(long data) {
        return plainBase + (data - dataBase) * (1 + ratio);
    }

    /**
     * The connection DATA offset whose arrival lets the client consume DATA byte {@code data} (1-based): the last
     * DATA byte of its TLS record, at most {@code writeEnd}; {@code data} itself without records.
     */
    private long release(long data, long writeEnd) {
        if (recordBytes <= 0) {
            return data;
        }
        double p = plain(data);
        double recordEnd = Math.ceil(p / recordBytes - 1e-9) * recordBytes;
        long last = dataBase + (long) Math.floor((recordEnd - plainBase) / (1 + ratio) + 1e-9);
        return Math.max(data, Math.min(last, Math.min(writeEnd, responseEnd)));
    }

    /** Whether {@code bytes} more than the credit available now: only then can flow control delay a response. */
    boolean binds(long bytes) {
        return bytes > credit();
    }

    /** The bytes the server may send now. */
    @Override
    public long credit() {
        return Math.min(limiters[0].credit, limiters[1].credit);
    }

    /**
     * A response that fits in the credit: its bytes leave with the congestion window alone, and the client's
     * updates (all arrived before the next request) are returned.
     */
    void consumeWhole(long bytes) {
        connectionData += bytes;
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
    @Override
    public double creditTime() {
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
    @Override
    public double awaitCredit(double t) {
        t = Math.max(t, creditTime());
        absorb(t);
        return t;
    }

    /** The server sends {@code bytes} (at most {@link #credit()}). */
    @Override
    public void send(long bytes) {
        limiters[0].credit -= bytes;
        limiters[1].credit -= bytes;
    }

    /** When the client sends the update triggered by a flight's byte, given its 1-based offset in the flight. */
    interface UpdateTimes {
        /** The time the update triggered by the flight's {@code byteOffset}-th byte reaches the server. */
        double arrival(long byteOffset);
    }

    /**
     * The client receives a batch of {@code bytes} the server has just sent (after {@link #send}); each update it
     * triggers is queued with its arrival time, or, with TLS records, held until the batch that completes the
     * trigger byte's record.
     */
    @Override
    public void consume(long bytes, UpdateTimes times) {
        long c0 = connectionData;
        long end = c0 + bytes;
        long writeEnd = end + credit();
        for (Limiter l : limiters) {
            // Updates held for their record, in order, now that their record's last byte is in this batch.
            while (l.pendingHead < l.pendingSize && l.pendingAt[l.pendingHead] <= end) {
                l.queue(times.arrival(l.pendingAt[l.pendingHead] - c0), l.pendingAmount[l.pendingHead]);
                l.pendingHead++;
            }
            long offset = 0;
            while (l.unreturned + bytes - offset >= l.quantum) {
                offset += l.quantum - l.unreturned;
                l.unreturned = 0;
                long at = release(c0 + offset, writeEnd);
                if (at <= end && l.pendingHead == l.pendingSize) {
                    l.queue(times.arrival(at - c0), l.quantum);
                } else {
                    l.hold(at, l.quantum);
                }
            }
            l.unreturned += bytes - offset;
        }
        connectionData = end;
    }

    /** The response is complete: every update in flight (or held) arrives before the next request. */
    void finishResponse() {
        for (Limiter l : limiters) {
            while (l.pendingHead < l.pendingSize) {
                l.queue(Double.POSITIVE_INFINITY, l.pendingAmount[l.pendingHead++]);
            }
        }
        absorb(Double.POSITIVE_INFINITY);
        connectionData = Math.max(connectionData, responseEnd);
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
        /** Updates waiting for the rest of their TLS record: the connection DATA offset that releases each. */
        long[] pendingAt = new long[8];
        long[] pendingAmount = new long[8];
        int pendingHead;
        int pendingSize;

        void start(long window, long quantum) {
            this.credit = window;
            this.quantum = quantum;
            this.unreturned = 0;
            this.head = 0;
            this.size = 0;
            this.pendingHead = 0;
            this.pendingSize = 0;
        }

        void hold(long at, long amount) {
            if (pendingHead == pendingSize) {
                pendingHead = 0;
                pendingSize = 0;
            }
            if (pendingSize == pendingAt.length) {
                pendingAt = Arrays.copyOf(pendingAt, pendingSize * 2);
                pendingAmount = Arrays.copyOf(pendingAmount, pendingSize * 2);
            }
            pendingAt[pendingSize] = at;
            pendingAmount[pendingSize] = amount;
            pendingSize++;
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
