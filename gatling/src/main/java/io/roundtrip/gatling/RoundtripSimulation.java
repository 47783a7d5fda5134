package io.roundtrip.gatling;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.model.RequestKind.Tls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * the reason for {@code before()} and gives a stand-in until then.
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
