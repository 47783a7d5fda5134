package io.roundtrip.proxy.toxic;

/**
 * TCP slow start in virtual time. Data leaves in flights: the first flight may carry {@code initcwnd x MSS} bytes;
 * each following flight starts one RTT after the previous one (when its ACKs would be back) with the window doubled
 * if the previous flight filled it, until {@code ssthresh}, then one MSS more per RTT (congestion avoidance); the
 * window never exceeds {@code cap} (the bandwidth-delay product when a bandwidth is set). With slow-start-after-idle
 * (RFC 5681 section 4.1, Linux's default), a sender idle for longer than the RTO starts again from the initial window.
 * A loss halves the window (and sets ssthresh there).
 *
 * <p>Not thread-safe: one per direction per connection, used on its event loop.
 */
public final class CongestionWindow {

    private final int mssBytes;
    private final long initialWindowBytes;
    private final long capBytes;
    private final long rttNanos;
    private final long idleRestartNanos;
    private final double gamma;
    private long ssthreshBytes;
    private long windowBytes;
    private long flightStartNanos = Long.MIN_VALUE;
    private long flightBytes;
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
        if (!(gamma > 1 && gamma <= 2)) {
            throw new IllegalArgumentException("gamma must be in (1, 2], got " + gamma);
        }
        this.gamma = gamma;
        if (mssBytes <= 0 || initialWindowSegments <= 0 || rttNanos < 0) {
            throw new IllegalArgumentException("mss, initcwnd must be > 0 and rtt >= 0");
        }
        this.mssBytes = mssBytes;
        this.initialWindowBytes = (long) initialWindowSegments * mssBytes;
        this.ssthreshBytes = ssthreshBytes <= 0 ? Long.MAX_VALUE : ssthreshBytes;
        this.capBytes = capBytes <= 0 ? Long.MAX_VALUE : Math.max(capBytes, initialWindowBytes);
        this.rttNanos = rttNanos;
        this.idleRestartNanos = idleRestartNanos;
        this.windowBytes = initialWindowBytes;
    }

    /**
     * Sends a segment of {@code bytes} (at most one MSS) that is ready at {@code readyNanos}; returns when it may
     * leave the sender.
     */
    public long send(long readyNanos, int bytes) {
        if (flightStartNanos == Long.MIN_VALUE) {
            startFlight(readyNanos);
        } else if (idleRestartNanos > 0 && readyNanos > Segment.plus(lastSendNanos, idleRestartNanos)) {
            windowBytes = Math.min(windowBytes, initialWindowBytes);
            startFlight(readyNanos);
        } else if (readyNanos >= Segment.plus(flightStartNanos, rttNanos)) {
            // the previous flight's ACKs are back: open the window (if it was used) and start a new flight now
            growIfFull();
            startFlight(readyNanos);
        }
        if (flightBytes > 0 && flightBytes + bytes > windowBytes) {
            // window full: wait for the ACKs of this flight
            growIfFull();
            startFlight(Segment.plus(flightStartNanos, rttNanos));
        }
        flightBytes += bytes;
        long release = Math.max(readyNanos, flightStartNanos);
        lastSendNanos = release;
        return release;
    }

    /** A loss: the window and ssthresh halve (never below 2 MSS). */
    public void onLoss() {
        windowBytes = Math.max(2L * mssBytes, windowBytes / 2);
        ssthreshBytes = windowBytes;
    }

    public long windowBytes() {
        return windowBytes;
    }

    /** How many flights have started (the first one counts). */
    public long flights() {
        return flights;
    }

    public int mssBytes() {
        return mssBytes;
    }

    private void growIfFull() {
        if (flightBytes + mssBytes > windowBytes) {
            long grown = windowBytes < ssthreshBytes ? Math.min((long) Math.ceil(windowBytes * gamma), ssthreshBytes)
                    : windowBytes + mssBytes;
            windowBytes = Math.min(capBytes, Math.max(grown, windowBytes));
        }
    }

    private void startFlight(long at) {
        flightStartNanos = at;
        flightBytes = 0;
        flights++;
    }
}
