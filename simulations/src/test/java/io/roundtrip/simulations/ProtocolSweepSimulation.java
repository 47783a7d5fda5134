package io.roundtrip.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.gatling.GatlingClient;
import io.roundtrip.gatling.LatencyRecording;
import io.roundtrip.gatling.RoundtripSimulation;
import io.roundtrip.gatling.Route;
import io.roundtrip.gatling.RunParameters;
import io.roundtrip.gatling.RunSummary;
import io.roundtrip.gatling.ScenarioSpec;
import io.roundtrip.gatling.Testbed;
import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.units.Units;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The protocol sweep ({@code -Dgatling.simulationClass=io.roundtrip.simulations.ProtocolSweepSimulation}): the same
 * four request kinds — HTTP/1.1 keep-alive, HTTP/1.1 fresh, HTTP/1.1 fresh over TLS, HTTP/2 fresh over TLS — over
 * several round-trip times at once ({@code -Drtts=10ms,50ms,100ms,200ms}; the rest of the path from
 * {@code -Dprofile} and the profile properties). Each RTT gets its own proxy listeners and its own run folder, and
 * one report over all of them draws latency against RTT, measured points beside model lines.
 */
public class ProtocolSweepSimulation extends RoundtripSimulation {

    private static final String NAME = "protocol-sweep";

    private final List<Duration> rtts = parameter(
            () -> RunParameters.listProperty("rtts", "10ms,50ms,100ms,200ms", Units::parseDuration),
            () -> List.of(Duration.ofMillis(10)));
    private final List<Leg> legs = new ArrayList<>();

    /** One RTT of the sweep: its profile, its run folder's recording and the scenarios measured over it. */
    private record Leg(NetworkProfile profile, LatencyRecording recording, List<ScenarioSpec> specs) {}

    public ProtocolSweepSimulation() {
        super(NAME);
        List<PopulationBuilder> populations = new ArrayList<>();
        for (Duration rtt : rtts) {
            String label = "rtt-" + Units.formatDuration(rtt);
            NetworkProfile profile = parameters.profile().toBuilder().name(label).rtt(rtt).build();
            Leg leg = new Leg(profile, new LatencyRecording(testbed.resultsDirectory().resolve(label),
                    parameters.warmUp(), Duration.ofSeconds(1)), new ArrayList<>());
            legs.add(leg);
            Testbed.Paths paths = testbed.pathsFor(profile);
            paths.plain().ifPresent(plain -> {
                populations.add(keepAlive(leg, "h1-keepalive", kind(Protocol.H1, Connection.KEEPALIVE, Tls.NONE),
                        plain, this::base));
                populations.add(fresh(leg, "h1-fresh", kind(Protocol.H1, Connection.FRESH, Tls.NONE), plain,
                        this::base));
            });
            paths.tls().ifPresent(tls -> {
                populations.add(fresh(leg, "h1-fresh-tls", kind(Protocol.H1, Connection.FRESH, Tls.TLS_1_3), tls,
                        this::base));
                populations.add(fresh(leg, "h2-fresh-tls", kind(Protocol.H2, Connection.FRESH, Tls.TLS_1_3), tls,
                        pass -> base(pass).enableHttp2()));
            });
        }
        setUp(populations);
    }

    /** Each scenario, with a baseline, is followed by its baseline pass over the zero-latency path (one per leg). */
    private PopulationBuilder keepAlive(Leg leg, String name, RequestKind kind, Route route,
            Function<Pass, HttpProtocolBuilder> protocol) {
        leg.specs().add(new ScenarioSpec(name, kind, leg.profile()));
        Duration iteration = Duration.ofNanos(Math.round(
                LatencyModel.predict(leg.profile(), kind).percentilesMillis().p50() * 1e6));
        return withBaseline(pass -> scenario(pass.scenarioName(gatlingName(leg, name))).during(pass.runFor(), false)
                .on(pass.paced(measured(pass, leg, name, pass.route(route)), iteration))
                .injectOpen(atOnceUsers(parameters.users())).protocols(protocol.apply(pass)));
    }

    private PopulationBuilder fresh(Leg leg, String name, RequestKind kind, Route route,
            Function<Pass, HttpProtocolBuilder> protocol) {
        leg.specs().add(new ScenarioSpec(name, kind, leg.profile()));
        return withBaseline(pass -> scenario(pass.scenarioName(gatlingName(leg, name)))
                .exec(measured(pass, leg, name, pass.route(route)))
                .injectOpen(constantUsersPerSec(parameters.freshPerSecond()).during(pass.runFor()))
                .protocols(protocol.apply(pass)));
    }

    private ChainBuilder measured(Pass pass, Leg leg, String name, Route route) {
        return pass.recorded(leg.recording(), name, gatlingName(leg, name),
                requestName -> exec(http(requestName).get(route.url("/bytes/" + parameters.sizeBytes()))));
    }

    private static String gatlingName(Leg leg, String name) {
        return name + " @ " + leg.profile().name();
    }

    private RequestKind kind(Protocol protocol, Connection connection, Tls tls) {
        return GatlingClient.request(protocol, connection, tls, parameters.sizeBytes());
    }

    private HttpProtocolBuilder base(Pass pass) {
        return aliased(pass.protocol(http.disableWarmUp().disableCaching()));
    }

    /** Each leg has its own recording: all of them open their windows now. */
    @Override
    protected void opened() {
        legs.forEach(leg -> leg.recording().start());
    }

    /** One run folder per leg, then one report over all of them. */
    @Override
    protected void finish(Instant runStartedAt) {
        legs.forEach(leg -> leg.recording().close());
        List<Path> folders = legs.stream()
                .map(leg -> RunSummary.summarise(NAME, parameters, leg.profile(), leg.recording(), leg.specs(),
                        runStartedAt))
                .flatMap(Optional::stream)
                .toList();
        if (!folders.isEmpty()) {
            RunSummary.report(folders, testbed.resultsDirectory().resolve("report"));
        }
    }
}
