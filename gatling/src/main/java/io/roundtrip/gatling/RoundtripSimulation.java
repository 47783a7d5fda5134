package io.roundtrip.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.model.RequestKind.Tls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lifecycle every built-in simulation shares. Building the simulation reads its parameters and plans the
 * {@link Testbed}, nothing more: no server starts and nothing exits while Gatling constructs it. {@link #before()}
 * stops a run with bad input (one {@code roundtrip: ...} line, exit {@value RunStart#BAD_INPUT}) or a target that
 * does not answer, then starts the testbed and opens the measured window; {@link #after()} stops the testbed, prints
 * the measured-vs-predicted table, writes {@code run.json} and builds the report.
 *
 * <p>A subclass builds its scenarios in its initializer on {@link #testbed}'s routes, declaring each measured one
 * with {@link #measure(ScenarioSpec)}; a bad value of its own parameters is read with {@link #parameter}, which holds
 * the reason for {@code before()} and gives a stand-in until then. A scenario built {@link #withBaseline} runs, unless
 * {@code -Dbaseline=off}, a short baseline pass through a zero-latency path after its measured pass: its p50 is the
 * scenario's host cost ({@code baseline_p50_ms} in {@code run.json}), and the report judges the network's part,
 * measured − host cost, against the model.
 */
public abstract class RoundtripSimulation extends Simulation {

    /** The run's parameters; the defaults, while {@link #before()} has a bad one to report. */
    protected final RunParameters parameters;
    /** What the run stands on, planned; started by {@link #before()}. */
    protected final Testbed testbed;
    private final String runName;
    private final List<ScenarioSpec> specs = new ArrayList<>();
    private final HeldBadInput badInput = new HeldBadInput();
    private Tls targetTls = Tls.NONE;
    private Instant startedAt = Instant.now();

    /** A simulation naming its run folders {@code <runName>-<timestamp>}, on {@code -Dprofile} (default cross-continent). */
    protected RoundtripSimulation(String runName) {
        this(runName, RunParameters.DEFAULT_PROFILE);
    }

    /** As {@link #RoundtripSimulation(String)}, with a profile of its own when {@code -Dprofile} is not given. */
    protected RoundtripSimulation(String runName, String defaultProfile) {
        this.runName = runName;
        this.parameters = parameter(() -> RunParameters.fromSystemProperties(defaultProfile),
                () -> RunParameters.defaults(defaultProfile));
        this.testbed = Testbed.plan(parameters, runName);
    }

    /**
     * A parameter read by {@code read}; when it is bad ({@link IllegalArgumentException}), its one-line reason is
     * kept for {@link #before()} to stop the run with, and {@code standIn} is returned so the simulation can still be
     * built (it never runs).
     */
    protected final <T> T parameter(Supplier<T> read, Supplier<T> standIn) {
        return badInput.read(read, standIn);
    }

    /** Declares a measured scenario: its log is summarised and predicted at the end of the run. */
    protected final ScenarioSpec measure(ScenarioSpec spec) {
        specs.add(spec);
        return spec;
    }

    /** The scenarios declared so far, in order. */
    protected final List<ScenarioSpec> specs() {
        return List.copyOf(specs);
    }

    /**
     * One pass of a scenario: the measured one, through the run's path for {@code -Dwarmup} plus {@code -Dduration};
     * or, after it, its baseline, the same requests through a zero-latency path ({@link Testbed#zeroLatency}) for
     * {@link RunParameters#baselineDuration()}, recorded into the scenario's baseline log: what the host itself costs
     * (client, server, crypto) for that request kind.
     *
     * <p>After, not before: Roundtrip's baseline runs first behind a client warm-up of its own; here the measured
     * pass's warm-up is the only one, and a baseline on a cold JVM measured the JIT (default run, baseline first with
     * 1 s of warm-up: h1-keepalive 43 ms, h1-fresh 254 ms, page-h1 965 ms over zero latency; after: 1.2, 5.5 and
     * 40 ms).
     */
    public final class Pass {

        private final boolean baseline;

        private Pass(boolean baseline) {
            this.baseline = baseline;
        }

        /** Whether this is the baseline pass. */
        public boolean isBaseline() {
            return baseline;
        }

        /** The Gatling scenario name: {@code name}, or {@code name (baseline)} (Gatling wants them unique). */
        public String scenarioName(String name) {
            return baseline ? name + RequestRecording.BASELINE_SUFFIX : name;
        }

        /** How long the pass's users run (closed model) or arrive (open model). */
        public Duration runFor() {
            return baseline ? parameters.baselineDuration() : parameters.warmUp().plus(parameters.duration());
        }

        /** {@code route}, or its zero-latency twin for the baseline. */
        public Route route(Route route) {
            return baseline ? testbed.zeroLatency(route) : route;
        }

        /**
         * {@code step} recorded into {@code recording}: as measured under {@code logName}, or into its baseline log
         * (see {@link LatencyRecording#measured(String, String, Function)} and {@link LatencyRecording#baseline}).
         */
        public ChainBuilder recorded(LatencyRecording recording, String logName, String gatlingName,
                Function<Function<Session, String>, ChainBuilder> step) {
            return baseline ? recording.baseline(logName, gatlingName, step)
                    : recording.measured(logName, gatlingName, step);
        }

        /**
         * A closed-model loop's {@code body}, paced in the baseline pass to one iteration per
         * {@code measuredIteration} (what an iteration takes through the path, e.g. the model's p50): on a
         * zero-latency path an unpaced loop spins as fast as the CPU allows, loading the host far more than the
         * measured pass does, and the baseline would measure that load, not the host's cost per request.
         */
        public ChainBuilder paced(ChainBuilder body, Duration measuredIteration) {
            return baseline && !measuredIteration.isZero() && !measuredIteration.isNegative()
                    ? io.gatling.javaapi.core.CoreDsl.pace(measuredIteration).exec(body) : body;
        }

        /** {@code protocol}, its requests silent in Gatling's report for the baseline (as a user's baseline is). */
        public HttpProtocolBuilder protocol(HttpProtocolBuilder protocol) {
            return baseline ? protocol.silentUri(".*") : protocol;
        }
    }

    /** The measured pass, for a scenario with no baseline of its own (the noise floor is zero-latency already). */
    protected final Pass measuredPass() {
        return new Pass(false);
    }

    /** Whether the built-in scenarios run a baseline pass first ({@code -Dbaseline}, default on). */
    protected final boolean baselineOn() {
        return parameters.builtInBaselineOn();
    }

    /**
     * A scenario's population as {@code pass} builds it: the measured pass, then, with a baseline
     * ({@link #baselineOn()}), its baseline pass through the zero-latency path; without, the measured pass alone.
     */
    protected final PopulationBuilder withBaseline(Function<Pass, PopulationBuilder> pass) {
        PopulationBuilder measured = pass.apply(new Pass(false));
        return baselineOn() ? measured.andThen(pass.apply(new Pass(true))) : measured;
    }

    /** {@code protocol} with the host aliases the testbed needs (an external target's name on the proxy). */
    protected final HttpProtocolBuilder aliased(HttpProtocolBuilder protocol) {
        return testbed.hostAliases().isEmpty() ? protocol : protocol.hostNameAliases(testbed.hostAliases());
    }

    /** The TLS version the target negotiated with Gatling's offer; known from {@link #before()} on. */
    protected final Tls targetTls() {
        return targetTls;
    }

    /** The run's run-folder name prefix. */
    protected final String runName() {
        return runName;
    }

    /**
     * Stops the run on bad input or an unreachable target (one line, exit {@value RunStart#BAD_INPUT}), then starts
     * the testbed and {@link #opened() opens} the measured window.
     */
    @Override
    public final void before() {
        badInput.exitIfHeld();
        RunStart.parametersOrExit(() -> parameters);
        targetTls = RunStart.targetTlsOrExit(parameters);
        RunStart.orExit(() -> {
            testbed.start();
            return testbed;
        });
        startedAt = Instant.now();
        opened();
    }

    /** Opens the measured window of the testbed's recording; a simulation with recordings of its own opens those. */
    protected void opened() {
        RunStart.openMeasuredWindow(parameters, testbed.recording());
    }

    /** Stops the testbed (the last intervals written), then {@link #finish(Instant) finishes} the run. */
    @Override
    public final void after() {
        testbed.close();
        finish(startedAt);
    }

    /**
     * Prints the measured-vs-predicted table of the declared scenarios, writes {@code run.json} and builds the
     * report. A simulation that writes more (a sweep's CSV, per-request tables) adds it around this.
     */
    protected void finish(Instant runStartedAt) {
        RunSummary.summarise(runName, parameters, parameters.profile(), testbed.recording(), specs, runStartedAt)
                .ifPresent(folder -> RunSummary.report(List.of(folder), folder.resolve("report")));
    }
}
