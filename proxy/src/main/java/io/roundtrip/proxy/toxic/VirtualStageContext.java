package io.roundtrip.proxy.toxic;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stage context with no connection behind it, for running a {@link ToxicChain} outside the proxy (tests of the
 * stages, benchmarks of the chunk path): time is virtual and set by the caller, the random source is seeded, nothing
 * is scheduled, and resets and closes are ignored. Loss stalls are counted; a slow-start window is kept as the
 * proxy's direction keeps it.
 */
public final class VirtualStageContext implements StageContext {

    private final Stream stream;
    private final SplittableRandom random;
    private long nowNanos;
    private CongestionWindow window;
    private int stalls;

    public VirtualStageContext(Stream stream, long seed) {
        this.stream = stream;
        this.random = new SplittableRandom(seed);
    }

    /** Sets the virtual clock that {@link #nowNanos()} reads. */
    public void setNowNanos(long nowNanos) {
        this.nowNanos = nowNanos;
    }

    /** How many loss stalls the stages have counted. */
    public int stalls() {
        return stalls;
    }

    @Override
    public Stream stream() {
        return stream;
    }

    /** Zero: the connection was accepted at the start of virtual time. */
    @Override
    public long acceptNanos() {
        return 0;
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public SplittableRandom random() {
        return random;
    }

    /** Nothing runs later in virtual time: returns null. */
    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return null;
    }

    @Override
    public void resetConnection() {}

    @Override
    public void closeConnection() {}

    @Override
    public CongestionWindow congestionWindow() {
        return window;
    }

    @Override
    public void registerCongestionWindow(CongestionWindow window) {
        this.window = window;
    }

    @Override
    public void countStall() {
        stalls++;
    }
}
