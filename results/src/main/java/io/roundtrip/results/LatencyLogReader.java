package io.roundtrip.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** Reads a {@link LatencyLog} file back, refusing anything it cannot read completely. */
public final class LatencyLogReader {

    private LatencyLogReader() {
    }

    /**
     * Sums every interval of {@code file}.
     *
     * @throws MalformedLogException when the file is empty, has no scenario header, or its last line was cut
     *     short (a writer that died mid-line): a partial log would silently under-count.
     */
    public static ScenarioLatencies read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String scenario = scenarioOf(file, lines);
        requireCompleteLastLine(file);

        Histogram ok = LatencyLog.newHistogram();
        Histogram ko = LatencyLog.newHistogram();
        int intervals = 0;
        double start = Double.NaN;
        double end = Double.NaN;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof Histogram histogram)) {
                    throw new MalformedLogException(file + ": not an integer-valued latency log");
                }
                (LatencyLog.KO_TAG.equals(histogram.getTag()) ? ko : ok).add(histogram);
                intervals++;
                // The reader makes interval stamps absolute (it adds the log's StartTime/BaseTime): epoch milliseconds.
                // OK and KO intervals interleave, so the span is the min start and the max end.
                double intervalStart = histogram.getStartTimeStamp() / 1000.0;
                double intervalEnd = histogram.getEndTimeStamp() / 1000.0;
                start = Double.isNaN(start) ? intervalStart : Math.min(start, intervalStart);
                end = Double.isNaN(end) ? intervalEnd : Math.max(end, intervalEnd);
            }
            if (Double.isNaN(start)) {
                start = reader.getStartTimeSec();
                end = start;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            if (e instanceof MalformedLogException malformed) {
                throw malformed;
            }
            throw new MalformedLogException(file + ": unreadable interval (" + e.getClass().getSimpleName() + ")", e);
        }
        return new ScenarioLatencies(scenario, ok, ko, intervals, start, end);
    }

    private static String scenarioOf(Path file, List<String> lines) {
        if (lines.isEmpty()) {
            throw new MalformedLogException(file + ": empty latency log");
        }
        String first = lines.get(0);
        String prefix = "#" + LatencyLog.SCENARIO_COMMENT_PREFIX;
        if (!first.startsWith(prefix) || !first.endsWith("]")) {
            throw new MalformedLogException(file + ": not a roundtrip latency log (no scenario header)");
        }
        return first.substring(prefix.length(), first.length() - 1);
    }

    private static void requireCompleteLastLine(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
                throw new MalformedLogException(file + ": truncated latency log (last line incomplete)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
