package io.roundtrip.gatling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes latency logs' intervals periodically from a daemon thread, so a long run's logs grow as it goes: for the
 * per-scenario recording and the per-request one alike.
 */
final class Flusher implements AutoCloseable {

    static final Duration EVERY_SECOND = Duration.ofSeconds(1);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "roundtrip-hlog-flusher");
        thread.setDaemon(true);
        return thread;
    });

    Flusher(Runnable writeIntervals, Duration interval) {
        executor.scheduleAtFixedRate(writeIntervals, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops writing; the logs' owners write the last interval when they close. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
