package io.roundtrip.gatling;

import static io.gatling.javaapi.core.CoreDsl.forAll;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.model.RequestKind.Tls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a Gatling user's own simulation through roundtrip's path: the proxy enforcing a network profile in front of
 * the user's target ({@code -Dtarget=https://staging.example:8443}, or the embedded origin without it), every
 * request recorded per request name and group, each predicted by the model from what was observed, and at the end a
 * per-request table, a run folder and the report.
 *
 * <pre>{@code
 * public class ShopSimulation extends Simulation {
 *     private final Roundtrip roundtrip = Roundtrip.plan("shop");
 *     private final ScenarioBuilder shop = scenario("shop")
 *             .exec(http("login").post("/api/login").body(StringBody("{...}")).asJson())
 *             .exec(http("list items").get("/api/items"));
 *     {
 *         setUp(roundtrip.populations(http.acceptHeader("application/json"),
 *                 shop.injectOpen(constantUsersPerSec(2).during(30))))
 *                 .assertions(roundtrip.assertions());
 *     }
 *     @Override public void before() { roundtrip.before(); }
 *     @Override public void after() { roundtrip.after(); }
 * }
 * }</pre>
 *
 * <p>The protocol handed to {@link #populations} is the user's own, without a base URL: roundtrip points it at the
 * proxy (SNI and {@code Host} keep the target's name through Gatling's {@code hostNameAliases}) and installs its
 * request observer through the protocol's {@code sign} and {@code transformResponse} hooks, so no request needs
 * wrapping. With a baseline (on by default for an external target, {@code -Dbaseline=off} to skip), each population
 * first runs as is through a zero-latency path, silent in Gatling's report: what the server and the loopback take,
 * subtracted from the measured latency to give the path's own cost. Before both, for {@code -Dwarmup} (default 2 s),
 * the same client warms up against an embedded origin of roundtrip's own (TLS handshakes, HTTP/2, the JIT), silent
 * and unrecorded, and never sent to the target: a cold JVM's first TLS handshakes take a hundred milliseconds, which
 * would otherwise land in the baseline.
 *
 * <p>Like the built-in simulations ({@link RoundtripSimulation}), building the simulation starts nothing and never
 * exits: {@link #plan} reads the parameters and plans the path (the ports its URLs name are reserved, see
 * {@link Testbed#plannedBaseUrl}); {@link #before()} stops a run with bad input or an unreachable target in one line,
 * then starts the warm-up's origin and the path.
 *
 * <p>System properties are those of the built-in simulations: {@code -Dprofile}, every profile key ({@code -Drtt},
 * {@code -Dloss}, ...), {@code -Dtarget}, {@code -Dproxy=none}, {@code -Dbaseline}, {@code -DmaxKo} (default 1%),
 * {@code -Droundtrip.results}. A bad value stops the run before any traffic with one line.
 */
public final class Roundtrip {

    private static final String BASELINE_SUFFIX = RequestRecording.BASELINE_SUFFIX;

    private final String runName;
    private final HeldBadInput badInput = new HeldBadInput();
    private final RunParameters parameters;
    private final Testbed testbed;
    private final RequestRecording recording;
    private final Optional<ClientWarmUp> warmUp;
    private Tls tls = Tls.NONE;
    private Instant startedAt = Instant.now();

    private Roundtrip(String runName) {
        this.runName = runName;
        this.parameters = badInput.read(RunParameters::fromSystemProperties,
                () -> RunParameters.defaults(RunParameters.DEFAULT_PROFILE));
        this.testbed = Testbed.plan(parameters, runName);
        this.warmUp = parameters.warmUp().isZero() ? Optional.empty()
                : Optional.of(ClientWarmUp.plan(parameters.warmUp()));
        this.recording = new RequestRecording(testbed.resultsDirectory(), parameters, parameters.baselineOn());
    }

    /**
     * Reads the run's system properties and plans the path: the proxy that will enforce the profile in front of
     * {@code -Dtarget} (or of the embedded origin). Nothing starts and nothing exits until {@link #before()}.
     *
     * @param runName names the run folder, {@code <runName>-<timestamp>}
     */
    public static Roundtrip plan(String runName) {
        return new Roundtrip(runName);
    }

    /**
     * The populations to hand to {@code setUp}: each through the path with {@code protocol} pointed at it, and, with
     * a baseline, each preceded by the same population through the zero-latency path.
     *
     * @param protocol    the user's HTTP protocol, without a base URL; its own {@code sign} and
     *                    {@code transformResponse} are replaced by roundtrip's
     * @param populations the user's populations, without protocols of their own
     */
    public List<PopulationBuilder> populations(HttpProtocolBuilder protocol, PopulationBuilder... populations) {
        Route target = testbed.plain().or(testbed::tls).orElseThrow();
        HttpProtocolBuilder throughPath = recording.measured(pointedAt(protocol, target));
        List<PopulationBuilder> passes = new ArrayList<>();
        for (PopulationBuilder population : populations) {
            PopulationBuilder measuredPass = population.protocols(throughPath);
            if (!recording.hasBaseline()) {
                passes.add(measuredPass);
                continue;
            }
            HttpProtocolBuilder zeroLatency = recording.baseline(pointedAt(protocol, testbed.noiseFloor()));
            passes.add(renamed(population, BASELINE_SUFFIX).protocols(zeroLatency).andThen(measuredPass));
        }
        return warmUp.map(w -> List.of(w.population(protocol).andThen(passes))).orElse(passes);
    }

    /** Gatling's assertions for the run: every request's and group's failures at most {@code -DmaxKo}. */
    public List<Assertion> assertions() {
        return List.of(forAll().failedRequests().percent().lte(parameters.maxKoFraction() * 100));
    }

    /**
     * Call from the simulation's {@code before()}: stops the run on bad input or an unreachable target (one line,
     * exit {@value RunStart#BAD_INPUT}), then starts the warm-up's origin and the path; the run's start, as
     * {@code run.json} states it.
     */
    public void before() {
        badInput.exitIfHeld();
        RunStart.parametersOrExit(() -> parameters);
        tls = RunStart.targetTlsOrExit(parameters);
        warmUp.ifPresent(w -> RunStart.orExit(() -> {
            w.start();
            return w;
        }));
        RunStart.orExit(() -> {
            testbed.start();
            return testbed;
        });
        startedAt = Instant.now();
    }

    /**
     * Call from the simulation's {@code after()}: stops the path, prints the per-request table and each scenario
     * whose failures exceed {@code -DmaxKo} (one line, with the first error), writes the run folder and the report.
     */
    public void after() {
        testbed.close();
        warmUp.ifPresent(ClientWarmUp::close);
        recording.summarise(runName, parameters, tls, startedAt, recording.sameNameInBaseline());
        recording.failureLines(parameters.maxKoFraction()).forEach(System.err::println);
    }

    /** The user's protocol aimed at {@code endpoint}, Gatling's warm-up request (to gatling.io) off. */
    private HttpProtocolBuilder pointedAt(HttpProtocolBuilder protocol, Route endpoint) {
        String baseUrl = badInput.read(() -> testbed.plannedBaseUrl(endpoint), () -> "http://127.0.0.1:9");
        HttpProtocolBuilder aimed = protocol.baseUrl(baseUrl).disableWarmUp();
        return testbed.hostAliases().isEmpty() ? aimed : aimed.hostNameAliases(testbed.hostAliases());
    }

    /**
     * The same population under another scenario name (Gatling requires scenario names to be unique), without the
     * populations chained after it: those run once, after the measured pass.
     */
    private static PopulationBuilder renamed(PopulationBuilder population, String suffix) {
        io.gatling.core.structure.PopulationBuilder p = population.asScala();
        io.gatling.core.structure.ScenarioBuilder s = p.scenarioBuilder();
        return new PopulationBuilder(p.copy(new io.gatling.core.structure.ScenarioBuilder(s.name() + suffix,
                s.actionBuilders()), p.injectionProfile(), p.scenarioProtocols(), p.scenarioThrottleSteps(),
                p.pauseType(), scala.collection.immutable.List$.MODULE$.empty(), p.shard()));
    }
}
