package io.roundtrip.results;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * One scenario's latencies as an HdrHistogram interval log ({@code .hlog}), readable by HdrHistogram's own
 * {@code HistogramLogProcessor}, so that logs from several load generators merge losslessly.
 *
 * <p>Values are nanoseconds (lowest discernible 1 µs, highest trackable 1 h, 3 significant digits: every value
 * is kept within 0.1%). Successful requests go into untagged interval histograms; failed ones into histograms
 * tagged {@value #KO_TAG}, the same convention Gatling uses for its OK/KO split. Recording is wait-free from any
 * number of threads ({@link Recorder}); intervals are written by whoever calls {@link #writeInterval()}.
 */
public final class LatencyLog implements AutoCloseable {

    public static final String KO_TAG = "KO";
    public static final String SCENARIO_COMMENT_PREFIX = "[roundtrip scenario: ";
    static final long LOWEST_DISCERNIBLE_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder ok = newRecorder();
    private final Recorder ko = newRecorder();
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private Histogram okInterval;
    private Histogram koInterval;
    private boolean closed;

    private LatencyLog(PrintStream out, String scenario, long startEpochMillis) {
        this.out = out;
        this.writer = new HistogramLogWriter(out);
        writer.outputComment(SCENARIO_COMMENT_PREFIX + scenario + "]");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMillis);
        writer.setBaseTime(startEpochMillis);
        writer.outputLegend();
        out.flush();
    }

    /** Creates (or truncates) {@code file} and writes the log's header, naming {@code scenario}. */
    public static LatencyLog create(Path file, String scenario) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII);
            return new LatencyLog(out, scenario, System.currentTimeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Records a successful request's latency, clamped into the trackable range. */
    public void recordOk(long latencyNanos) {
        ok.recordValue(clamp(latencyNanos));
    }

    /** Records a failed request's latency, clamped into the trackable range. */
    public void recordKo(long latencyNanos) {
        ko.recordValue(clamp(latencyNanos));
    }

    /** Records a request's latency as {@link #recordOk} or {@link #recordKo}, as {@code ok} says. */
    public void record(long latencyNanos, boolean ok) {
        if (ok) {
            recordOk(latencyNanos);
        } else {
            recordKo(latencyNanos);
        }
    }

    /** Writes what was recorded since the last interval; an interval with nothing recorded writes nothing. */
    public synchronized void writeInterval() {
        if (closed) {
            return;
        }
        okInterval = ok.getIntervalHistogram(okInterval);
        koInterval = ko.getIntervalHistogram(koInterval);
        if (okInterval.getTotalCount() > 0) {
            writer.outputIntervalHistogram(okInterval);
        }
        if (koInterval.getTotalCount() > 0) {
            koInterval.setTag(KO_TAG);
            writer.outputIntervalHistogram(koInterval);
        }
        out.flush();
    }

    /** Writes the last interval and closes the file; recording after this is ignored. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        writeInterval();
        closed = true;
        out.close();
    }

    private static long clamp(long latencyNanos) {
        return Math.max(LOWEST_DISCERNIBLE_NANOS, Math.min(HIGHEST_TRACKABLE_NANOS, latencyNanos));
    }

    static Histogram newHistogram() {
        return new Histogram(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private static Recorder newRecorder() {
        return new Recorder(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }
}
