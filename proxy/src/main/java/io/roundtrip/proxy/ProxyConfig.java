package io.roundtrip.proxy;

import java.net.InetSocketAddress;

/**
 * How the proxy runs: event loops, the control API's address (null: no API), the cap on the bytes one direction of
 * one connection may hold in its delay queue (the bandwidth-delay product is used when a bandwidth is set), and
 * whether to use native epoll when available.
 */
public record ProxyConfig(int eventLoops, InetSocketAddress apiAddress, long maxQueuedBytes, boolean preferNative) {

    public static final InetSocketAddress DEFAULT_API = new InetSocketAddress("127.0.0.1", 8474);

    public ProxyConfig {
        if (eventLoops < 1) {
            throw new IllegalArgumentException("event loops must be >= 1, got " + eventLoops);
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("max queued bytes must be >= 1, got " + maxQueuedBytes);
        }
    }

    /** One event loop per core (at most 4), no API, 4 MiB per direction, epoll if available. */
    public static ProxyConfig defaults() {
        return new ProxyConfig(Math.min(4, Runtime.getRuntime().availableProcessors()), null, 4L << 20, true);
    }

    public ProxyConfig withEventLoops(int n) {
        return new ProxyConfig(n, apiAddress, maxQueuedBytes, preferNative);
    }

    public ProxyConfig withApi(InetSocketAddress address) {
        return new ProxyConfig(eventLoops, address, maxQueuedBytes, preferNative);
    }

    public ProxyConfig withMaxQueuedBytes(long bytes) {
        return new ProxyConfig(eventLoops, apiAddress, bytes, preferNative);
    }

    public ProxyConfig withPreferNative(boolean preferNativeTransport) {
        return new ProxyConfig(eventLoops, apiAddress, maxQueuedBytes, preferNativeTransport);
    }
}
