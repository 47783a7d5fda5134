package io.roundtrip.proxy;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How late timed releases were (deadline to write), in 5 µs buckets up to 20 ms plus an overflow bucket: the
 * proxy's own contribution to the injected-delay error. Wait-free recording from any event loop.
 */
public final class LatenessHistogram {

    private static final long BUCKET_NANOS = 5_000;
    private static final int BUCKETS = 4000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final LongAdder total = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    void record(long latenessNanos) {
        long l = Math.max(0, latenessNanos);
        counts.incrementAndGet((int) Math.min(BUCKETS, l / BUCKET_NANOS));
        total.increment();
        sumNanos.add(l);
    }

    public long count() {
        return total.sum();
    }

    public double meanMicros() {
        long n = total.sum();
        return n == 0 ? 0 : sumNanos.sum() / 1e3 / n;
    }

    /** The upper edge of the bucket holding quantile {@code q}, microseconds (20,000+ means over 20 ms). */
    public double percentileMicros(double q) {
        long n = 0;
        long[] snapshot = new long[BUCKETS + 1];
        for (int i = 0; i <= BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            n += snapshot[i];
        }
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e3;
            }
        }
        return (BUCKETS + 1) * BUCKET_NANOS / 1e3;
    }
}
