package io.roundtrip.results;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Everything one scenario's {@code .hlog} holds, its intervals summed: successful and failed latencies in
 * nanoseconds, how many intervals were read, and the wall-clock span they cover.
 *
 * <p>The histograms are owned by this value: callers read them and must not record into them.
 */
public record ScenarioLatencies(
        String scenario, Histogram ok, Histogram ko, int intervals, double startEpochSeconds, double endEpochSeconds) {

    public long okCount() {
        return ok.getTotalCount();
    }

    public long koCount() {
        return ko.getTotalCount();
    }

    /** The successful requests' latency at {@code percentile} (0–100), in milliseconds. */
    public double okMillisAt(double percentile) {
        return ok.getValueAtPercentile(percentile) / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    /**
     * This scenario's latencies merged with {@code other}'s (the same scenario recorded by another load generator):
     * HdrHistogram addition is lossless, so the merged percentiles are those of the union of both runs.
     */
    public ScenarioLatencies mergedWith(ScenarioLatencies other) {
        Histogram mergedOk = ok.copy();
        mergedOk.add(other.ok);
        Histogram mergedKo = ko.copy();
        mergedKo.add(other.ko);
        return new ScenarioLatencies(scenario, mergedOk, mergedKo, intervals + other.intervals,
                Math.min(startEpochSeconds, other.startEpochSeconds), Math.max(endEpochSeconds, other.endEpochSeconds));
    }
}
