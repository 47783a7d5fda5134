package io.roundtrip.results.report;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The wall-clock span of a latency log: from the first interval's start to the last interval's end, in seconds since
 * the epoch. HdrHistogram's reader already stamps each interval with absolute times, so no start time or base time is
 * added (adding the log's StartTime again would double it).
 */
record LogSpan(double startEpochSeconds, double endEpochSeconds) {

    /** The span of {@code file}, a log that {@code LatencyLogReader} has already accepted. */
    static LogSpan of(Path file) {
        double start = Double.POSITIVE_INFINITY;
        double end = Double.NEGATIVE_INFINITY;
        double header = Double.NaN;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                start = Math.min(start, interval.getStartTimeStamp() / 1000.0);
                end = Math.max(end, interval.getEndTimeStamp() / 1000.0);
            }
            header = reader.getStartTimeSec();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (start > end) {
            return new LogSpan(header, header); // no interval: the header's start time, an empty span
        }
        return new LogSpan(start, end);
    }
}
