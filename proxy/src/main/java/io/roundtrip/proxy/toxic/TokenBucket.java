package io.roundtrip.proxy.toxic;

/**
 * A bandwidth cap as a virtual-time token bucket: each reservation of {@code n} bytes occupies the link for
 * {@code n / rate} seconds after the later of its ready time and the end of the previous reservation, plus an
 * optional burst allowance. It returns the time the last byte has been "serialised", which is when it may leave.
 * The clock never runs ahead on idle links (no credit beyond the burst), so the long-run rate is exact.
 *
 * <p>Thread-safe, so one bucket can be shared by every connection of a listener.
 */
public final class TokenBucket {

    private final long rateBytesPerSecond;
    private final long burstNanos;
    private long freeAtNanos = Long.MIN_VALUE;
    private long remainderNanosTimesRate;

    /**
     * @param rateBytesPerSecond the cap, bytes per second (&gt; 0)
     * @param burstBytes bytes that may pass at once after an idle period (0: strict pacing)
     */
    public TokenBucket(long rateBytesPerSecond, long burstBytes) {
        if (rateBytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0 bytes/s, got " + rateBytesPerSecond);
        }
        this.rateBytesPerSecond = rateBytesPerSecond;
        // saturating: an absurd burst is "no pacing until that many bytes", never a wrapped negative
        this.burstNanos = burstBytes <= Long.MAX_VALUE / 1_000_000_000L
                ? Math.max(0, burstBytes) * 1_000_000_000L / rateBytesPerSecond
                : (long) Math.min(Long.MAX_VALUE / 4, burstBytes * 1e9 / rateBytesPerSecond);
    }

    public long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    /** Reserves the link for {@code bytes} ready at {@code readyNanos}; returns when the last of them has passed. */
    public synchronized long reserve(long readyNanos, int bytes) {
        long earliest = Segment.plus(readyNanos, -burstNanos);
        long start = freeAtNanos == Long.MIN_VALUE ? earliest : Math.max(earliest, freeAtNanos);
        long numerator = bytes * 1_000_000_000L + remainderNanosTimesRate;
        long duration = numerator / rateBytesPerSecond;
        remainderNanosTimesRate = numerator % rateBytesPerSecond;
        freeAtNanos = Segment.plus(start, duration);
        return Math.max(readyNanos, freeAtNanos);
    }
}
