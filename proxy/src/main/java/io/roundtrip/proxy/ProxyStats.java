package io.roundtrip.proxy;

import io.roundtrip.proxy.toxic.Stream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one proxy listener, readable from any thread. */
public final class ProxyStats {

    private final AtomicLong connectionsOpen = new AtomicLong();
    private final LongAdder connectionsTotal = new LongAdder();
    private final LongAdder bytesUpstream = new LongAdder();
    private final LongAdder bytesDownstream = new LongAdder();
    private final LongAdder stallsInjected = new LongAdder();
    private final LongAdder readPauses = new LongAdder();
    private volatile long windowBytes;
    private final LatenessHistogram lateness = new LatenessHistogram();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private final List<CompletableFuture<Void>> pauseWaiters = new ArrayList<>();

    void connectionOpened() {
        connectionsOpen.incrementAndGet();
        connectionsTotal.increment();
    }

    /** Counted when both sockets of the connection are really closed, not when closing starts. */
    void connectionClosed() {
        if (connectionsOpen.decrementAndGet() == 0) {
            completeAll(idleWaiters);
        }
    }

    /** A direction stopped reading its source because its queue reached its bound (backpressure engaged). */
    void readPaused() {
        readPauses.increment();
        completeAll(pauseWaiters);
    }

    private void completeAll(List<CompletableFuture<Void>> waiters) {
        List<CompletableFuture<Void>> due;
        synchronized (waiters) {
            due = new ArrayList<>(waiters);
            waiters.clear();
        }
        due.forEach(f -> f.complete(null));
    }

    /** Completes when no connection is open (at once if none is). */
    public CompletableFuture<Void> whenNoConnectionsOpen() {
        synchronized (idleWaiters) {
            if (connectionsOpen.get() == 0) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            idleWaiters.add(f);
            return f;
        }
    }

    /** Completes once a direction has paused reading its source for backpressure (at once if one already has). */
    public CompletableFuture<Void> whenReadPaused() {
        synchronized (pauseWaiters) {
            if (readPauses.sum() > 0) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            pauseWaiters.add(f);
            return f;
        }
    }

    /** How many times a direction stopped reading its source because its queue was full. */
    public long readPauses() {
        return readPauses.sum();
    }

    void bytes(Stream stream, long n) {
        (stream == Stream.UPSTREAM ? bytesUpstream : bytesDownstream).add(n);
    }

    void stall() {
        stallsInjected.increment();
    }

    /** A timed release happened {@code latenessNanos} after its deadline. */
    void released(long latenessNanos) {
        lateness.record(latenessNanos);
    }

    /** Mean time between a timed release's deadline and the write, microseconds: the proxy's own scheduling error. */
    public double meanReleaseLatenessMicros() {
        return lateness.meanMicros();
    }

    /** The distribution of timed releases' lateness. */
    public LatenessHistogram releaseLateness() {
        return lateness;
    }

    void window(long bytes) {
        windowBytes = bytes;
    }

    public long connectionsOpen() {
        return connectionsOpen.get();
    }

    public long connectionsTotal() {
        return connectionsTotal.sum();
    }

    /** Bytes delivered client to upstream. */
    public long bytesUpstream() {
        return bytesUpstream.sum();
    }

    /** Bytes delivered upstream to client. */
    public long bytesDownstream() {
        return bytesDownstream.sum();
    }

    public long stallsInjected() {
        return stallsInjected.sum();
    }

    /** The congestion window (bytes) most recently seen on any connection's slow-start stage; 0 without one. */
    public long windowBytes() {
        return windowBytes;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections_open", connectionsOpen());
        m.put("connections_total", connectionsTotal());
        m.put("bytes_upstream", bytesUpstream());
        m.put("bytes_downstream", bytesDownstream());
        m.put("stalls_injected", stallsInjected());
        m.put("window_bytes", windowBytes());
        m.put("read_pauses", readPauses());
        m.put("mean_release_lateness_us", Math.round(meanReleaseLatenessMicros() * 10) / 10.0);
        m.put("p50_release_lateness_us", lateness.percentileMicros(0.5));
        m.put("p99_release_lateness_us", lateness.percentileMicros(0.99));
        return m;
    }
}
