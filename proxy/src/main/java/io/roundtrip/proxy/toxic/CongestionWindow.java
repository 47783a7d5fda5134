package io.roundtrip.proxy.toxic;

import io.roundtrip.model.tcp.SenderWindow;

/**
 * TCP's congestion window in virtual time, flight by flight, by the rules the model shares ({@link SenderWindow}:
 * slow start, Linux's cwnd-limited growth, CUBIC, one reduction per window of data). Data leaves in flights: the
 * first flight may carry {@code initcwnd x MSS} bytes; each following flight starts one RTT after the previous one
 * (when its ACKs would be back), with the window as the previous flight's ACKs left it; the window never exceeds
 * {@code cap} (the bandwidth-delay product when a rate is set). With slow-start-after-idle (RFC 5681 section 4.1,
 * Linux's default), a sender idle for longer than the RTO restarts from the initial window.
 *
 * <p>Not thread-safe: one per direction per connection, used on its event loop.
 */
public final class CongestionWindow {

    private final int mssBytes;
    private final long rttNanos;
    private final long idleRestartNanos;
    private final SenderWindow window;
    private long flightStartNanos = Long.MIN_VALUE;
    private long flightBytes;
    private int flightSegments;
    private boolean flightLost;
    private long lastSendNanos = Long.MIN_VALUE;
    private long flights;

    /**
     * @param idleRestartNanos restart from the initial window after this much idle time (the RTO); 0 turns it off
     */
    public CongestionWindow(int mssBytes, int initialWindowSegments, long ssthreshBytes, long capBytes, long rttNanos,
            long idleRestartNanos) {
        this(mssBytes, initialWindowSegments, ssthreshBytes, capBytes, rttNanos, idleRestartNanos, 2.0);
    }

    /** @param gamma window growth per round trip in slow start: 2, or about 1.5 with delayed ACKs */
    public CongestionWindow(int mssBytes, int initialWindowSegments, long ssthreshBytes, long capBytes, long rttNanos,
            long idleRestartNanos, double gamma) {
        this(mssBytes, initialWindowSegments, ssthreshBytes, capBytes, rttNanos, idleRestartNanos, gamma,
                SenderWindow.Algorithm.CUBIC);
    }

    public CongestionWindow(int mssBytes, int initialWindowSegments, long ssthreshBytes, long capBytes, long rttNanos,
            long idleRestartNanos, double gamma, SenderWindow.Algorithm algorithm) {
        if (mssBytes <= 0 || initialWindowSegments <= 0 || rttNanos < 0) {
            throw new IllegalArgumentException("mss, initcwnd must be > 0 and rtt >= 0");
        }
        this.mssBytes = mssBytes;
        this.rttNanos = rttNanos;
        this.idleRestartNanos = idleRestartNanos;
        double ssthresh = ssthreshBytes <= 0 ? Double.POSITIVE_INFINITY : (double) ssthreshBytes / mssBytes;
        double cap = capBytes <= 0 ? Double.POSITIVE_INFINITY : (double) capBytes / mssBytes;
        this.window = new SenderWindow(algorithm, initialWindowSegments, ssthresh, cap, gamma);
    }

    /**
     * Sends a segment of {@code bytes} (at most one MSS) that is ready at {@code readyNanos}; returns when it may
     * leave the sender.
     */
    public long send(long readyNanos, int bytes) {
        if (flightStartNanos == Long.MIN_VALUE) {
            startFlight(readyNanos);
        } else if (idleRestartNanos > 0 && readyNanos > Segment.plus(lastSendNanos, idleRestartNanos)) {
            endFlight(readyNanos);
            window.restartAfterIdle();
            startFlight(readyNanos);
        } else if (readyNanos >= Segment.plus(flightStartNanos, rttNanos)) {
            // the previous flight's ACKs are back: the window as they left it, a new flight now
            endFlight(Segment.plus(flightStartNanos, rttNanos));
            startFlight(readyNanos);
        }
        if (flightBytes > 0 && flightBytes + bytes > windowBytes()) {
            // window full: wait for the ACKs of this flight
            long acked = Segment.plus(flightStartNanos, rttNanos);
            endFlight(acked);
            startFlight(acked);
        }
        flightBytes += bytes;
        flightSegments++;
        long release = Math.max(readyNanos, flightStartNanos);
        lastSendNanos = release;
        return release;
    }

    /** A lost segment repaired by fast retransmit or a tail probe: one reduction for its flight. */
    public void onLoss() {
        onLoss(0);
    }

    /**
     * As {@link #onLoss()}, {@code deliveredBeforeDetection} segments of the flight having been (S)ACKed before the
     * loss was detected ({@link SenderWindow#lost(double)}: in slow start they grow the window before the cut).
     */
    public void onLoss(int deliveredBeforeDetection) {
        window.lost(deliveredBeforeDetection);
        flightLost = true;
    }

    /** A lost segment repaired by the retransmission timeout: the window to one segment. */
    public void onTimeout() {
        window.timedOut();
        flightLost = true;
    }

    public long windowBytes() {
        double segments = window.segments();
        return Double.isInfinite(segments) ? Long.MAX_VALUE : (long) (segments * mssBytes);
    }

    /** How many flights have started (the first one counts). */
    public long flights() {
        return flights;
    }

    public int mssBytes() {
        return mssBytes;
    }

    /** The flight in progress is over, its ACKs back at {@code ackedNanos}: the window grows unless it lost. */
    private void endFlight(long ackedNanos) {
        if (!flightLost && flightBytes > 0) {
            boolean full = flightBytes + mssBytes > windowBytes();
            window.acked(flightSegments, full, ackedNanos, rttNanos);
        }
        flightLost = false;
    }

    private void startFlight(long at) {
        flightStartNanos = at;
        flightBytes = 0;
        flightSegments = 0;
        flights++;
    }
}
