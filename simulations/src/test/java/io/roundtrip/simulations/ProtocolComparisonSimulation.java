package io.roundtrip.simulations;

import io.roundtrip.gatling.GatlingClient;
import io.roundtrip.gatling.Replay;
import io.roundtrip.gatling.RequestRecording;
import io.roundtrip.gatling.RoundtripSimulation;
import io.roundtrip.gatling.Route;
import io.roundtrip.gatling.requests.ReplayRequest;
import io.roundtrip.gatling.LatencyRecording;
import io.roundtrip.gatling.RunSummary;
import io.roundtrip.gatling.ScenarioSpec;
import io.roundtrip.gatling.Testbed;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The default simulation ({@code mvn gatling:test}): what HTTP/1.1 vs HTTP/2, keep-alive vs fresh connections and
 * TLS 1.2 vs 1.3 cost on one network path. Every scenario runs at once for {@code -Dwarmup} plus
 * {@code -Dduration}; each one's latencies go to its own {@code .hlog}, and the model predicts each from the same
 * profile.
 *
 * <p>Fresh connections come from Gatling's open model, one request per virtual user: every virtual user has its
 * own connection pool and its own SSL context, so each request pays the TCP handshake and a full (never resumed)
 * TLS handshake. Keep-alive scenarios are closed: {@code -Dusers} users each loop on one persistent connection.
 */
public class ProtocolComparisonSimulation extends RoundtripSimulation {

    private static final Duration NOISE_FLOOR_PACE = Duration.ofMillis(10);

    private final LatencyRecording recording = testbed.recording();
    private final NetworkProfile profile = parameters.profile();
    /** The user's requests (or {@code GET /} on an external target); empty: the origin's {@code /bytes/N}. */
    private final List<ReplayRequest> replayed = Replay.requests(parameters);
    /** Every request also recorded per Gatling request name, in the run folder's {@code requests/}. */
    private final RequestRecording perRequest = new RequestRecording(
            testbed.resultsDirectory().resolve("requests"), parameters, baselineOn());

    private final Duration runFor = parameters.warmUp().plus(parameters.duration());
    private final String smallPath = "/bytes/" + parameters.sizeBytes();

    public ProtocolComparisonSimulation() {
        super("protocol-comparison");
        Replay.describe(parameters).ifPresent(System.out::println);
        List<PopulationBuilder> populations = new ArrayList<>();
        testbed.plain().ifPresent(plain -> {
            populations.add(keepAlive("h1-keepalive", kind(Protocol.H1, Connection.KEEPALIVE, Tls.NONE), plain,
                    this::base));
            populations.add(fresh("h1-fresh", kind(Protocol.H1, Connection.FRESH, Tls.NONE), plain, this::base));
            if (testbed.tls().isEmpty() && Replay.isPage(parameters)) {
                // a HAR's page against a plain-HTTP target: HTTP/1.1 only (Gatling speaks HTTP/2 over TLS)
                populations.add(pageLoad("page-h1", Protocol.H1, Tls.NONE, plain,
                        pass -> base(pass).maxConnectionsPerHost(6)));
            }
        });
        testbed.tls().ifPresent(tls -> {
            populations.add(fresh("h1-fresh-tls", kind(Protocol.H1, Connection.FRESH, Tls.TLS_1_3), tls, this::base));
            populations.add(keepAlive("h2-keepalive", kind(Protocol.H2, Connection.KEEPALIVE, Tls.TLS_1_3), tls,
                    pass -> base(pass).enableHttp2()));
            populations.add(fresh("h2-fresh-tls", kind(Protocol.H2, Connection.FRESH, Tls.TLS_1_3), tls,
                    pass -> base(pass).enableHttp2()));
            if (replayed.isEmpty() || Replay.isPage(parameters)) {
                populations.add(pageLoad("page-h1", Protocol.H1, Tls.TLS_1_3, tls,
                        pass -> base(pass).maxConnectionsPerHost(6)));
                populations.add(pageLoad("page-h2", Protocol.H2, Tls.TLS_1_3, tls, pass -> base(pass).enableHttp2()));
            }
        });
        testbed.tls12().ifPresent(tls12 -> populations.add(
                fresh("h1-fresh-tls12", kind(Protocol.H1, Connection.FRESH, Tls.TLS_1_2), tls12, this::base)));
        testbed.tls13().ifPresent(tls13 -> populations.add(
                fresh("h1-fresh-tls13", kind(Protocol.H1, Connection.FRESH, Tls.TLS_1_3), tls13, this::base)));
        populations.add(noiseFloor());

        // Every scenario must have produced measured requests (Gatling prints each count it checked), and no request
        // may fail more often than -DmaxKo: a run against a target that answers 404 must not pass.
        List<Assertion> assertions = new ArrayList<>();
        for (ScenarioSpec spec : specs()) {
            assertions.add(details(spec.name()).allRequests().count().gte(1L));
        }
        assertions.add(forAll().failedRequests().percent().lte(parameters.maxKoFraction() * 100));
        setUp(populations).assertions(assertions);
    }

    /**
     * Closed model: each user loops on its own persistent connection for the whole run. The loop does not exit
     * mid-iteration ({@code exitASAP = false}): Gatling would count the last request but skip its recording.
     */
    private PopulationBuilder keepAlive(String name, RequestKind kind, Route route,
            Function<Pass, HttpProtocolBuilder> protocol) {
        measure(spec(name, kind));
        // an iteration through the path: the model's p50 per request (the baseline pass keeps the same pace)
        Duration iteration = Duration.ofNanos(Math.round(LatencyModel.predict(profile, kind).percentilesMillis().p50()
                * 1e6 * Math.max(1, replayed.size())));
        return withBaseline(pass -> scenario(pass.scenarioName(name)).during(pass.runFor(), false)
                .on(pass.paced(requests(pass, name, pass.route(route), false), iteration))
                .injectOpen(atOnceUsers(parameters.users())).protocols(protocol.apply(pass)));
    }

    /** Open model, one request per virtual user: every request pays its own TCP (and TLS) handshake. */
    private PopulationBuilder fresh(String name, RequestKind kind, Route route,
            Function<Pass, HttpProtocolBuilder> protocol) {
        measure(spec(name, kind));
        return withBaseline(pass -> scenario(pass.scenarioName(name)).exec(requests(pass, name, pass.route(route), true))
                .injectOpen(constantUsersPerSec(parameters.freshPerSecond()).during(pass.runFor()))
                .protocols(protocol.apply(pass)));
    }

    /**
     * A browser-like page load on a fresh connection, timed as one Gatling group: the document, then its resources
     * fetched concurrently — over HTTP/1.1 on up to six connections, over HTTP/2 multiplexed on one.
     */
    private PopulationBuilder pageLoad(String name, Protocol protocolVersion, Tls tls, Route measuredRoute,
            Function<Pass, HttpProtocolBuilder> protocol) {
        RequestKind kind = GatlingClient.pageLoad(protocolVersion, tls, parameters.resources(),
                parameters.resourceSizeBytes());
        measure(spec(name, kind));
        return withBaseline(pass -> pageLoad(pass, name, pass.route(measuredRoute), protocol.apply(pass)));
    }

    private PopulationBuilder pageLoad(Pass pass, String name, Route route, HttpProtocolBuilder protocol) {
        HttpRequestActionBuilder document;
        HttpRequestActionBuilder[] resources;
        if (replayed.isEmpty()) {
            String size = "size=" + parameters.resourceSizeBytes();
            resources = IntStream.range(0, parameters.resources())
                    .mapToObj(i -> http(name + " resource").get(route.url("/res/" + i + "?" + size)))
                    .toArray(HttpRequestActionBuilder[]::new);
            document = http(name + " document").get(route.url("/page?resources=" + parameters.resources() + "&"
                    + size));
        } else {
            // A HAR's page: its first request is the document, the rest its resources, fetched as a browser would.
            resources = replayed.stream().skip(1).map(r -> Replay.gatlingRequest(r.name(), r, route))
                    .toArray(HttpRequestActionBuilder[]::new);
            document = Replay.gatlingRequest(replayed.get(0).name(), replayed.get(0), route);
        }
        ChainBuilder page = pass.recorded(recording, name, name, requestName -> group(requestName).on(
                exec(document.resources(resources))));
        return scenario(pass.scenarioName(name)).exec(page)
                .injectOpen(constantUsersPerSec(Math.max(1, parameters.freshPerSecond() / 2)).during(pass.runFor()))
                .protocols(protocol);
    }

    /**
     * HTTP/1.1 keep-alive through the proxy with nothing injected: the harness's own cost. Paced at one request per
     * 10 ms on one connection, so that measuring the harness does not load the machine the other scenarios share.
     */
    private PopulationBuilder noiseFloor() {
        String name = RunSummary.NOISE_FLOOR;
        measure(new ScenarioSpec(name, kind(Protocol.H1, Connection.KEEPALIVE, Tls.NONE), NetworkProfile.DEFAULT,
                replayed.isEmpty()));
        HttpProtocolBuilder protocol = base(measuredPass());
        return scenario(name).during(runFor, false)
                .on(pace(NOISE_FLOOR_PACE).exec(requests(measuredPass(), name, testbed.noiseFloor(), false)))
                .injectOpen(atOnceUsers(1)).protocols(protocol);
    }

    /**
     * What one virtual user of scenario {@code name} requests, each request recorded in the scenario's log: the
     * origin's {@code /bytes/N} under the scenario's own name; or the replayed requests, each under its own name in a
     * group named after the scenario — all of them in turn, or, for {@code oneEach} (fresh connections), the next one
     * round robin.
     */
    private ChainBuilder requests(Pass pass, String name, Route route, boolean oneEach) {
        if (replayed.isEmpty()) {
            return pass.recorded(recording, name, name,
                    requestName -> exec(http(requestName).get(route.url(smallPath))));
        }
        List<ChainBuilder> steps = replayed.stream()
                .map(request -> pass.recorded(recording, name, name, groupName -> group(groupName).on(
                        exec(Replay.gatlingRequest(request.name(), request, route)))))
                .toList();
        return oneEach && steps.size() > 1 ? exec(roundRobinSwitch().on(steps)) : exec(steps);
    }

    /** {@code h1-keepalive / GET /api/items} replayed over the zero-latency path: {@code noise-floor / GET /api/items}. */
    private static String inNoiseFloor(String request) {
        int group = request.indexOf(" / ");
        return RunSummary.NOISE_FLOOR + (group < 0 ? "" : request.substring(group));
    }

    /** {@code h1-keepalive / GET /api/items} in its scenario's baseline pass: {@code h1-keepalive (baseline) / GET /api/items}. */
    private static String inBaselinePass(String request) {
        int group = request.indexOf(" / ");
        return group < 0 ? request + RequestRecording.BASELINE_SUFFIX
                : request.substring(0, group) + RequestRecording.BASELINE_SUFFIX + request.substring(group);
    }

    /** A scenario's spec: predicted as one kind, unless it replays mixed requests (each predicted on its own). */
    private ScenarioSpec spec(String name, RequestKind kind) {
        return new ScenarioSpec(name, kind, profile, replayed.isEmpty());
    }

    private RequestKind kind(Protocol protocol, Connection connection, Tls tls) {
        return GatlingClient.request(protocol, connection, tls, parameters.sizeBytes());
    }

    private HttpProtocolBuilder base(Pass pass) {
        // No warm-up request to gatling.io: load and fault traffic goes to 127.0.0.1 only.
        // Every request is also recorded per Gatling request name; the baseline pass's as the baseline, silent.
        HttpProtocolBuilder protocol = http.disableWarmUp().disableCaching();
        return aliased(pass.isBaseline() ? perRequest.baseline(protocol) : perRequest.measured(protocol));
    }

    /** The scenarios' table and report; with replayed requests, each against its own replay in the noise floor. */
    @Override
    protected void finish(Instant runStartedAt) {
        super.finish(runStartedAt);
        if (replayed.isEmpty()) {
            perRequest.close(); // each request is its scenario: the table above says it all
        } else {
            // Each replayed request against its own replay over a zero-latency path: its scenario's baseline pass,
            // or, without one, the noise floor.
            perRequest.summarise("protocol-comparison requests", parameters, targetTls(), runStartedAt,
                    perRequest.hasBaseline()
                            ? perRequest.renamedInBaseline(ProtocolComparisonSimulation::inBaselinePass,
                                    request -> inNoiseFloor(request).equals(request))
                            : perRequest.renamedInMeasured(ProtocolComparisonSimulation::inNoiseFloor));
        }
        perRequest.failureLines(parameters.maxKoFraction()).forEach(System.err::println);
    }
}
