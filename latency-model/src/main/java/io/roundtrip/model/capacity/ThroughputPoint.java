package io.roundtrip.model.capacity;

/**
 * One measurement of a concurrency sweep: the throughput (requests per second) a system sustained at a given
 * concurrency (requests in flight, or load-generating workers).
 */
public record ThroughputPoint(double concurrency, double throughputPerSecond) {

    public ThroughputPoint {
        if (!(concurrency > 0) || Double.isInfinite(concurrency)) {
            throw new IllegalArgumentException("concurrency must be a positive number, got " + concurrency);
        }
        if (!(throughputPerSecond > 0) || Double.isInfinite(throughputPerSecond)) {
            throw new IllegalArgumentException(
                    "throughput must be a positive number, got " + throughputPerSecond + " at concurrency " + concurrency);
        }
    }
}
