package io.roundtrip.model.capacity;

import java.time.Duration;

/**
 * Little's law, {@code L = λW}: the mean number of requests in a stable system equals the arrival rate times the
 * mean time each spends in it. J. D. C. Little, "A Proof for the Queuing Formula: L = λW", <i>Operations
 * Research</i> 9(3), 1961. Applied to a connection pool, {@code L} is the mean number of busy connections.
 */
public final class LittlesLaw {

    private LittlesLaw() {}

    /** {@code L = λW}: mean requests in flight (busy connections) at {@code ratePerSecond} with mean {@code latency}. */
    public static double concurrency(double ratePerSecond, Duration latency) {
        requireRate(ratePerSecond);
        return ratePerSecond * seconds(latency);
    }

    /** {@code λ = L / W}: the throughput {@code concurrency} connections sustain at mean {@code latency}. */
    public static double throughputPerSecond(double concurrency, Duration latency) {
        if (!(concurrency >= 0)) {
            throw new IllegalArgumentException("concurrency must be >= 0, got " + concurrency);
        }
        double w = seconds(latency);
        if (w == 0) {
            throw new IllegalArgumentException("latency must be > 0 to derive a throughput");
        }
        return concurrency / w;
    }

    /** {@code W = L / λ}: the mean latency implied by {@code concurrency} requests in flight at {@code ratePerSecond}. */
    public static Duration latency(double concurrency, double ratePerSecond) {
        requireRate(ratePerSecond);
        if (ratePerSecond == 0) {
            throw new IllegalArgumentException("rate must be > 0 to derive a latency");
        }
        return Duration.ofNanos(Math.round(concurrency / ratePerSecond * 1e9));
    }

    private static double seconds(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0, got " + latency);
        }
        return latency.toNanos() / 1e9;
    }

    private static void requireRate(double ratePerSecond) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, got " + ratePerSecond);
        }
    }
}
