package io.roundtrip.proxy.toxic;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;

/** What a stage may know and do about its connection. Implemented by the proxy's direction. */
public interface StageContext {

    Stream stream();

    /** {@link System#nanoTime()} when the proxy accepted the client's connection. */
    long acceptNanos();

    long nowNanos();

    /** A random source private to this connection. */
    SplittableRandom random();

    /** Runs a task on the connection's event loop after a delay. */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit);

    /** Resets both sides of the connection now (RST). */
    void resetConnection();

    /** Closes both sides of the connection now. */
    void closeConnection();

    /** The slow-start window of this direction, if a slow_start stage registered one; else null. */
    CongestionWindow congestionWindow();

    void registerCongestionWindow(CongestionWindow window);

    /** Counts an injected loss stall. */
    void countStall();
}
