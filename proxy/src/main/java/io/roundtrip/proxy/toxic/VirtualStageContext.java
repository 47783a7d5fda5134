package io.roundtrip.proxy.toxic;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection's direction in virtual time, for running a {@link ToxicChain} outside the proxy (benchmarks,
 * tests): the caller sets the clock, randomness is seeded, scheduled tasks never run, resets and closes do nothing,
 * stalls are counted. Accepted at time 0.
 */
public final class VirtualStageContext extends StageContext {

    private final Stream stream;
    private final SplittableRandom random;
    private long nowNanos;
    private int stalls;

    /** Downstream, seeded with {@code seed}. */
    public VirtualStageContext(long seed) {
        this(Stream.DOWNSTREAM, seed);
    }

    public VirtualStageContext(Stream stream, long seed) {
        this.stream = stream;
        this.random = new SplittableRandom(seed);
    }

    /** Moves the virtual clock to {@code nanos}. */
    public void setNowNanos(long nanos) {
        this.nowNanos = nanos;
    }

    /** Loss stalls counted so far. */
    public int stalls() {
        return stalls;
    }

    @Override
    public Stream stream() {
        return stream;
    }

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

    /** Never runs: virtual time does not pass on its own. */
    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return null;
    }

    @Override
    public void resetConnection() {}

    @Override
    public void closeConnection() {}

    @Override
    public void countStall() {
        stalls++;
    }
}
