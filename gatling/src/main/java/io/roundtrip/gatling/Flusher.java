package io.roundtrip.gatling;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Writes the latency logs' intervals once a second from a daemon thread, so a long run's logs grow as it goes. */
final class Flusher implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 1_000;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "roundtrip-hlog-flusher");
        thread.setDaemon(true);
        return thread;
    });

    Flusher(Runnable writeIntervals) {
        executor.scheduleAtFixedRate(writeIntervals, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
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
