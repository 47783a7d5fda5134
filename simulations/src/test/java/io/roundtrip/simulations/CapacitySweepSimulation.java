package io.roundtrip.simulations;

import io.roundtrip.gatling.GatlingClient;
import io.roundtrip.gatling.LatencyRecording;
import io.roundtrip.gatling.RunParameters;
import io.roundtrip.gatling.RunStart;
import io.roundtrip.gatling.RunSummary;
import io.roundtrip.gatling.ScenarioSpec;
import io.roundtrip.gatling.Testbed;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.units.Units;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The capacity sweep ({@code -Dgatling.simulationClass=io.roundtrip.simulations.CapacitySweepSimulation}): a closed
 * model stepped through {@code -Dconcurrency=1,2,4,8,16,32,64} users, each level lasting {@code -DlevelDuration}
 * (3 s), users looping HTTP/1.1 keep-alive requests. Each level's throughput and latency go to
 * {@code capacity-sweep.csv}, which the report fits with the Universal Scalability Law. The profile defaults to
 * {@code lan}: over a long path, a closed model's throughput is bounded by N / RTT long before the server is, and
 * the fit would only rediscover Little's law.
 */
public class CapacitySweepSimulation extends Simulation {

    private static final String NAME = "capacity-sweep";
    private static final String CSV = "capacity-sweep.csv";

    private final Instant startedAt = Instant.now();
    private final RunParameters parameters = RunStart.parametersOrExit(() -> RunParameters.fromSystemProperties("lan"));
    private final List<Integer> levels = RunStart.valueOrExit(() -> RunParameters.listProperty("concurrency",
            "1,2,4,8,16,32,64", CapacitySweepSimulation::concurrency));
    private final Duration levelDuration = RunStart.valueOrExit(
            () -> RunParameters.property("levelDuration", "3s", Units::parseDuration));
    private final Testbed testbed = RunStart.orExit(() -> Testbed.start(parameters, NAME));
    private final LatencyRecording recording = testbed.recording();
    private final List<ScenarioSpec> specs = new ArrayList<>();

    {
        String baseUrl = RunStart.valueOrExit(() -> testbed.pathsFor(parameters.profile()).plain()
                .orElseThrow(() -> new IllegalArgumentException("bad -Dtarget=" + parameters.target().orElseThrow()
                        + ": the capacity sweep drives plain HTTP/1.1, give an http:// target"))
                .baseUrl());
        HttpProtocolBuilder protocol = http.baseUrl(baseUrl).disableWarmUp().disableCaching();
        String path = "/bytes/" + parameters.sizeBytes();
        RequestKind kind = GatlingClient.request(Protocol.H1, Connection.KEEPALIVE, Tls.NONE, parameters.sizeBytes());

        // Warm-up first, at the highest level, unrecorded; then each level in turn. andThen returns a new builder,
        // so the chain is built from its last level back to its first.
        PopulationBuilder rest = null;
        for (int i = levels.size() - 1; i >= 0; i--) {
            String name = levelName(levels.get(i));
            specs.add(0, new ScenarioSpec(name, kind, parameters.profile()));
            PopulationBuilder level = scenario(name).during(levelDuration, false)
                    .on(recording.measured(name, requestName -> exec(http(requestName).get(path))))
                    .injectOpen(atOnceUsers(levels.get(i))).protocols(protocol);
            rest = rest == null ? level : level.andThen(rest);
        }
        int top = levels.get(levels.size() - 1);
        PopulationBuilder chain = scenario("warm-up").during(parameters.warmUp(), false)
                .on(exec(http("warm-up").get(path))).injectOpen(atOnceUsers(top)).protocols(protocol)
                .andThen(rest);
        setUp(chain);
    }

    private static String levelName(int users) {
        return "concurrency-" + users;
    }

    private static int concurrency(String text) {
        try {
            int users = Integer.parseInt(text);
            if (users < 1 || users > 1000) {
                throw new NumberFormatException();
            }
            return users;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of users from 1 to 1000");
        }
    }

    @Override
    public void before() {
        RunStart.openMeasuredWindow(parameters, recording);
    }

    @Override
    public void after() {
        testbed.close();
        writeSweep();
        RunSummary.summarise(NAME, parameters, parameters.profile(), recording, specs, startedAt)
                .ifPresent(folder -> RunSummary.report(List.of(folder), folder.resolve("report")));
    }

    /** Throughput is what each level completed over its duration; latency from its log. */
    private void writeSweep() {
        StringBuilder csv = new StringBuilder("concurrency,throughput_rps,p50_ms,p99_ms\n");
        for (int users : levels) {
            Path hlog = recording.hlogFile(levelName(users));
            if (!Files.exists(hlog)) {
                continue;
            }
            ScenarioLatencies level = LatencyLogReader.read(hlog);
            csv.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%.3f%n", users,
                    level.okCount() / (levelDuration.toNanos() / 1e9), level.okMillisAt(50), level.okMillisAt(99)));
        }
        try {
            Files.writeString(testbed.resultsDirectory().resolve(CSV), csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + CSV, e);
        }
    }
}
