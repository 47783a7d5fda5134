package io.roundtrip.gatling;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.model.RequestKind.Tls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every request of the protocols it is installed on, recorded per Gatling request name (and group) into
 * {@code folder}, and, with a baseline, the same requests over a zero-latency path beside them; at the end, the
 * per-request table, {@code run.json} and the report of that folder. What {@link Roundtrip} gives a user's own
 * simulation, and what the built-in simulations add to their per-scenario recording.
 */
public final class RequestRecording implements AutoCloseable {

    /** What a population's baseline pass adds to its scenario's (and its steps') Gatling names. */
    public static final String BASELINE_SUFFIX = " (baseline)";

    private final Path folder;
    private final ObservedRequests measured;
    private final Optional<ObservedRequests> baseline;
    private final RequestObserver measuredObserver;
    private final Optional<RequestObserver> baselineObserver;
    private final Flusher flusher;
    private boolean closed;

    /**
     * @param folder       where the logs and {@code run.json} go
     * @param parameters   the run's parameters: the profile (for the window rule) and whether to keep a baseline
     */
    public RequestRecording(Path folder, RunParameters parameters, boolean withBaseline) {
        this.folder = folder;
        this.measured = new ObservedRequests(folder, "");
        this.baseline = withBaseline ? Optional.of(new ObservedRequests(folder, ".baseline")) : Optional.empty();
        RequestObserver.WindowRule window = RequestObserver.WindowRule.of(parameters.profile());
        this.measuredObserver = new RequestObserver(measured::record, window);
        this.baselineObserver = baseline.map(b -> new RequestObserver(b::record, window));
        this.flusher = new Flusher(() -> {
            measured.writeIntervals();
            baseline.ifPresent(ObservedRequests::writeIntervals);
        }, Flusher.EVERY_SECOND);
    }

    /** {@code protocol} with its requests recorded as measured through the path. */
    public HttpProtocolBuilder measured(HttpProtocolBuilder protocol) {
        return measuredObserver.install(protocol);
    }

    /** {@code protocol} with its requests recorded as the baseline (and silent in Gatling's own statistics). */
    public HttpProtocolBuilder baseline(HttpProtocolBuilder protocol) {
        return baselineObserver.orElseThrow(() -> new IllegalStateException("no baseline in this recording"))
                .install(protocol.silentUri(".*"));
    }

    public boolean hasBaseline() {
        return baseline.isPresent();
    }

    /** Writes the last intervals and closes the logs; requests sent and never answered are counted as failed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        flusher.close();
        measuredObserver.abandoned().forEach(measured::recordAbandoned);
        measured.close();
        baselineObserver.ifPresent(o -> o.abandoned().forEach(baseline.get()::recordAbandoned));
        baseline.ifPresent(ObservedRequests::close);
    }

    /**
     * Closes the recording, prints the per-request table, writes {@code run.json} and the report. Failures to
     * summarise are one printed line: a run whose traffic finished should still print what it can.
     *
     * @param baselines where a request's baseline was recorded: {@link #sameNameInBaseline()} or
     *                  {@link #renamedInMeasured(UnaryOperator)}
     */
    public void summarise(String runName, RunParameters parameters, Tls tls, Instant startedAt,
            Baselines baselines) {
        close();
        try {
            RequestSummary.Result summary = RequestSummary.summarise(runName, parameters, measured, baselines,
                    tls, folder, startedAt);
            System.out.println();
            System.out.println("roundtrip: " + runName + " against " + parameters.target().map(URI::toString)
                    .orElse("the embedded origin") + " over " + parameters.profile().describe()
                    + (baseline.isPresent() ? "; baseline: the same requests over a zero-latency path" : ""));
            System.out.print(RequestTable.render(summary.rows(), parameters.profile().rttMillis()));
            System.out.println("per-request latency logs and run.json: " + summary.runFolder());
            RunSummary.report(List.of(summary.runFolder()), summary.runFolder().resolve("report"));
        } catch (RuntimeException e) {
            System.out.println("roundtrip: could not summarise " + folder + ": " + e.getMessage());
        }
    }

    /** Where each request's baseline was recorded, and which recorded names are baselines themselves. */
    public interface Baselines {
        /** The log of {@code name}'s baseline, if it has one. */
        Optional<Path> logOf(String name);

        /** Whether {@code name} is itself some request's baseline, not a measured request. */
        boolean isBaseline(String name);
    }

    /** A request's baseline is the request of the same name in the baseline pass. */
    public Baselines sameNameInBaseline() {
        return new Baselines() {
            @Override
            public Optional<Path> logOf(String name) {
                return baseline.map(b -> b.hlogFile(name));
            }

            @Override
            public boolean isBaseline(String name) {
                return false;
            }
        };
    }

    /**
     * A request's baseline is another measured request, {@code baselineName.apply(name)}: the built-in simulations'
     * noise floor, which replays the same requests over a zero-latency path. A name that maps to itself is a
     * baseline.
     */
    public Baselines renamedInMeasured(UnaryOperator<String> baselineName) {
        return new Baselines() {
            @Override
            public Optional<Path> logOf(String name) {
                return isBaseline(name) ? Optional.empty() : Optional.of(measured.hlogFile(baselineName.apply(name)));
            }

            @Override
            public boolean isBaseline(String name) {
                return baselineName.apply(name).equals(name);
            }
        };
    }

    /**
     * A request's baseline is {@code baselineName.apply(name)} in the baseline pass: the built-in scenarios' baseline
     * passes, whose groups carry {@link #BASELINE_SUFFIX}. A name for which {@code isBaseline} holds is a baseline
     * itself (the noise floor's replays), shown in no row of its own.
     */
    public Baselines renamedInBaseline(UnaryOperator<String> baselineName, java.util.function.Predicate<String> isBaseline) {
        return new Baselines() {
            @Override
            public Optional<Path> logOf(String name) {
                return isBaseline(name) ? Optional.empty() : baseline.map(b -> b.hlogFile(baselineName.apply(name)));
            }

            @Override
            public boolean isBaseline(String name) {
                return isBaseline.test(name);
            }
        };
    }

    /** One line for each scenario whose failed share is above {@code maxKoFraction}; none when all is well. */
    public List<String> failureLines(double maxKoFraction) {
        return FailureLines.of(measured.failuresByScenario(), maxKoFraction);
    }
}
