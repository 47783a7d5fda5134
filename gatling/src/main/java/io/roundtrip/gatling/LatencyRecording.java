package io.roundtrip.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.roundtrip.results.LatencyLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Records every measured request of a run into one HdrHistogram interval log per scenario.
 *
 * <p>Gatling's own response times are whole milliseconds. roundtrip wants microseconds (a LAN round trip is a
 * fraction of a millisecond), so each measured step is bracketed by two session functions that read
 * {@link System#nanoTime()}: the interval covers everything Gatling does for the request, DNS, connect and the
 * TLS handshake included, plus the few microseconds of Gatling's own hand-off between actions.
 *
 * <p>Warm-up: a step that <em>starts</em> before the measurement window opens is named {@code "<name> (warm-up)"}
 * in Gatling's report and is not recorded, so every {@code .hlog} counts exactly the requests Gatling reports
 * under the step's own name. The window opens {@code warmUp} after {@link #start()}, which the simulation calls
 * from Gatling's {@code before()} hook: building the simulation and starting Gatling take a second or more, and
 * that time must not eat into the warm-up.
 */
public final class LatencyRecording implements AutoCloseable {

    private static final String START_NANOS = "roundtrip.startNanos";
    private static final String WARM_UP = "roundtrip.warmUp";
    public static final String WARM_UP_SUFFIX = " (warm-up)";

    private final Path resultsDirectory;
    private final long warmUpNanos;
    private volatile long measureFromNanos;
    /** Every log name a step records under; its file is created when the window opens, not while building. */
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Set<String> baselineNames = ConcurrentHashMap.newKeySet();
    private final LatencyLogs logs;
    private final LatencyLogs baselineLogs;
    private volatile boolean opened;
    private final Flusher flusher;

    /** Opens the measurement window {@code warmUp} from now; intervals are written every {@code interval}. */
    public LatencyRecording(Path resultsDirectory, Duration warmUp, Duration interval) {
        this.resultsDirectory = resultsDirectory;
        this.logs = new LatencyLogs(resultsDirectory, "");
        this.baselineLogs = new LatencyLogs(resultsDirectory, BASELINE_FILE_SUFFIX);
        this.warmUpNanos = warmUp.toNanos();
        this.measureFromNanos = System.nanoTime() + warmUpNanos;
        this.flusher = new Flusher(() -> {
            logs.writeIntervals();
            baselineLogs.writeIntervals();
        }, interval);
    }

    /** File suffix of a scenario's baseline log: {@code h1-fresh.baseline.hlog}, as for a user's own requests. */
    public static final String BASELINE_FILE_SUFFIX = ".baseline";

    /**
     * Wraps {@code step} of a scenario's baseline pass (the same requests over a zero-latency path, after the measured
     * pass, on a warm JVM) so its latency is recorded, timed as {@link #measured} times, into the scenario's baseline
     * log ({@code <scenario>.baseline.hlog}); every step is recorded. The step's Gatling request name is
     * {@code gatlingName} with {@link RequestRecording#BASELINE_SUFFIX}.
     */
    public ChainBuilder baseline(String logName, String gatlingName,
            Function<Function<Session, String>, ChainBuilder> stepNamed) {
        recordsUnder(baselineNames, logName);
        String name = gatlingName + RequestRecording.BASELINE_SUFFIX;
        return exec(session -> session.set(START_NANOS, System.nanoTime()))
                .exec(stepNamed.apply(session -> name))
                .exec(session -> recorded(session, baselineLogs.opened(logName)));
    }

    /** Whether some scenario records a baseline pass. */
    public boolean hasBaseline() {
        return !baselineNames.isEmpty();
    }

    /**
     * Wraps {@code step} so its latency is recorded under {@code name} (the scenario's {@code .hlog}). The step is
     * built by {@code stepNamed}, given the request name to use: {@code name}, or its warm-up variant.
     */
    public ChainBuilder measured(String name, Function<Function<Session, String>, ChainBuilder> stepNamed) {
        return measured(name, name, stepNamed);
    }

    /**
     * As {@link #measured(String, Function)}, with a Gatling request name of its own: a sweep records
     * {@code h1-fresh} in each profile's folder while Gatling needs a name unique across the run.
     */
    public ChainBuilder measured(String logName, String gatlingName,
            Function<Function<Session, String>, ChainBuilder> stepNamed) {
        recordsUnder(names, logName);
        Function<Session, String> requestName =
                session -> session.getBoolean(WARM_UP) ? gatlingName + WARM_UP_SUFFIX : gatlingName;
        return exec(session -> session
                        .set(WARM_UP, System.nanoTime() < measureFromNanos)
                        .set(START_NANOS, System.nanoTime()))
                .exec(stepNamed.apply(requestName))
                .exec(session -> recorded(session, session.getBoolean(WARM_UP) ? null : logs.opened(logName)));
    }

    /** Adds {@code logName} to {@code names} (measured or baseline); its log is created now if the window is open. */
    private void recordsUnder(Set<String> names, String logName) {
        names.add(logName);
        if (opened) {
            openLogs();
        }
    }

    /**
     * Ends a timed step: its latency since {@link #START_NANOS}, ok or KO, into {@code log} (none: not recorded).
     * A failed request is counted, not fatal: the virtual user goes on with its next request.
     */
    private static Session recorded(Session session, LatencyLog log) {
        long latencyNanos = System.nanoTime() - session.getLong(START_NANOS);
        if (log != null) {
            log.record(latencyNanos, !session.isFailed());
        }
        return session.markAsSucceeded();
    }

    /** Opens the measurement window one warm-up from now: call it when Gatling starts sending traffic. */
    public void start() {
        openLogs();
        measureFromNanos = System.nanoTime() + warmUpNanos;
    }

    /**
     * Opens the measurement window at the wall-clock instant {@code startAt} (several generators open theirs
     * together), after waiting until one warm-up before it; when less than a warm-up is left, the warm-up is
     * shorter. Returns the instant the window opens.
     */
    public Instant startAt(Instant startAt) {
        openLogs();
        long untilStartNanos = Duration.between(Instant.now(), startAt).toNanos();
        long untilWarmUpNanos = untilStartNanos - warmUpNanos;
        if (untilWarmUpNanos > 0) {
            try {
                // a wall-clock appointment: nothing to synchronise with but the clock
                TimeUnit.NANOSECONDS.sleep(untilWarmUpNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        measureFromNanos = System.nanoTime() + Duration.between(Instant.now(), startAt).toNanos();
        return startAt;
    }

    /** Creates the log of every name recorded under: the run has started, and its folder is wanted now. */
    private synchronized void openLogs() {
        opened = true;
        names.forEach(logs::open);
        baselineNames.forEach(baselineLogs::open);
    }

    /** Where {@code scenario}'s interval log is written. */
    public Path hlogFile(String scenario) {
        return logs.file(scenario);
    }

    /** Where {@code scenario}'s baseline log is written (if it has a baseline pass). */
    public Path baselineHlogFile(String scenario) {
        return baselineLogs.file(scenario);
    }

    public Path resultsDirectory() {
        return resultsDirectory;
    }

    /** Writes the last interval of every log and closes them. */
    @Override
    public void close() {
        flusher.close();
        logs.close();
        baselineLogs.close();
    }

    /** A request, group or scenario name as a file name: runs of other characters become one hyphen. */
    public static String fileSafe(String scenario) {
        return scenario.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
