package io.roundtrip.proxy;

/**
 * How the proxy runs: event loops, the cap on the bytes one direction of one connection may hold in its delay queue
 * (the bandwidth-delay product is used when a bandwidth is set), whether to use native epoll when available, and the
 * most an event loop may spin before a release instead of sleeping ({@link WakeAhead}; 0: never spin). The control
 * API is not the proxy's: {@code ApiServer} serves it for a running proxy.
 */
public record ProxyConfig(int eventLoops, long maxQueuedBytes, boolean preferNative, long maxSpinNanos) {

    /** Measured on a 2-core VM: timers fire 0.1-0.4 ms late there (docs/proxy.md, "Timer precision"). */
    public static final long DEFAULT_MAX_SPIN_NANOS = 500_000;

    public ProxyConfig {
        if (eventLoops < 1) {
            throw new IllegalArgumentException("event loops must be >= 1, got " + eventLoops);
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("max queued bytes must be >= 1, got " + maxQueuedBytes);
        }
        if (maxSpinNanos < 0 || maxSpinNanos > 10_000_000) {
            throw new IllegalArgumentException("max spin must be from 0 to 10ms, got " + maxSpinNanos + " ns");
        }
    }

    /** One event loop per core (at most 4), 4 MiB per direction, epoll if available, spin up to 0.5 ms. */
    public static ProxyConfig defaults() {
        return new ProxyConfig(Math.min(4, Runtime.getRuntime().availableProcessors()), 4L << 20, true,
                DEFAULT_MAX_SPIN_NANOS);
    }

    public ProxyConfig withEventLoops(int n) {
        return new ProxyConfig(n, maxQueuedBytes, preferNative, maxSpinNanos);
    }

    public ProxyConfig withMaxQueuedBytes(long bytes) {
        return new ProxyConfig(eventLoops, bytes, preferNative, maxSpinNanos);
    }

    public ProxyConfig withPreferNative(boolean preferNativeTransport) {
        return new ProxyConfig(eventLoops, maxQueuedBytes, preferNativeTransport, maxSpinNanos);
    }

    public ProxyConfig withMaxSpinNanos(long nanos) {
        return new ProxyConfig(eventLoops, maxQueuedBytes, preferNative, nanos);
    }
}
