package io.roundtrip.proxy.toxic;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a stage may know and do about its connection, for one direction. Implemented by the proxy's direction and,
 * in virtual time, by {@link VirtualStageContext}. It holds the one piece of state stages share, the same way for
 * both: the congestion window a {@code slow_start} stage registers and a {@code loss} stage behind it reduces.
 */
public abstract class StageContext {

    private CongestionWindow window;

    public abstract Stream stream();

    /** {@link System#nanoTime()} when the proxy accepted the client's connection. */
    public abstract long acceptNanos();

    public abstract long nowNanos();

    /** A random source private to this connection. */
    public abstract SplittableRandom random();

    /** Runs a task on the connection's event loop after a delay. */
    public abstract ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit);

    /** Resets both sides of the connection now (RST). */
    public abstract void resetConnection();

    /** Closes both sides of the connection now. */
    public abstract void closeConnection();

    /** Counts an injected loss stall. */
    public abstract void countStall();

    /** The slow-start window of this direction, if a slow_start stage registered one; else null. */
    public final CongestionWindow congestionWindow() {
        return window;
    }

    public final void registerCongestionWindow(CongestionWindow window) {
        this.window = window;
    }

    /** Drops the registered window (its slow_start stage was removed). */
    protected final void forgetCongestionWindow() {
        this.window = null;
    }
}
