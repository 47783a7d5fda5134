package io.roundtrip.results.report;

import io.roundtrip.results.LatencyLog;
import io.roundtrip.results.ScenarioLatencies;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a scenario's merged latencies as one {@code .hlog} in {@link LatencyLog}'s format (scenario header, OK
 * untagged, KO tagged), so the merged log reads back with {@code LatencyLogReader} and HdrHistogram's own tools.
 */
final class MergedLogs {

    private MergedLogs() {}

    static void write(Path file, ScenarioLatencies latencies, String origin) {
        try {
            Files.createDirectories(file.getParent());
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII)) {
                HistogramLogWriter writer = new HistogramLogWriter(out);
                writer.outputComment(LatencyLog.SCENARIO_COMMENT_PREFIX + latencies.scenario() + "]");
                writer.outputComment("merged by roundtrip report from " + origin.replace('\n', ' '));
                writer.outputLogFormatVersion();
                long startMillis = (long) Math.floor(latencies.startEpochSeconds() * 1000);
                long endMillis = Math.max(startMillis, (long) Math.ceil(latencies.endEpochSeconds() * 1000));
                writer.outputStartTime(startMillis);
                writer.setBaseTime(startMillis);
                writer.outputLegend();
                interval(writer, latencies.ok(), null, startMillis, endMillis);
                interval(writer, latencies.ko(), LatencyLog.KO_TAG, startMillis, endMillis);
                out.flush();
                if (out.checkError()) {
                    throw new IOException("write failed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void interval(HistogramLogWriter writer, Histogram histogram, String tag, long start, long end) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        Histogram copy = histogram.copy();
        copy.setStartTimeStamp(start);
        copy.setEndTimeStamp(end);
        copy.setTag(tag);
        writer.outputIntervalHistogram(copy);
    }
}
