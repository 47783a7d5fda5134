package io.roundtrip.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import io.roundtrip.results.run.CsvFiles;
import io.roundtrip.results.run.SweepRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A capacity sweep: a closed model stepped through concurrency levels, each lasting {@code levelDuration}, users
 * looping HTTP/1.1 keep-alive requests of {@code sizeBytes}; first a warm-up at the highest level, unrecorded. Each
 * level's throughput (what it completed over its duration) and latency go to {@value SweepRow#FILE_NAME}, which the
 * report fits with the Universal Scalability Law.
 *
 * @param levels        users per level, in the order run
 * @param levelDuration how long each level lasts
 */
public record CapacitySweep(List<Integer> levels, Duration levelDuration) {

    /** Most users a level may have. */
    public static final int MAX_USERS = 1000;

    public CapacitySweep {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one level");
        }
    }

    /** {@code -Dconcurrency} and {@code -DlevelDuration}, defaults 1,2,4,8,16,32,64 users and 3 s. */
    public static CapacitySweep fromSystemProperties() {
        return new CapacitySweep(
                RunParameters.listProperty("concurrency", "1,2,4,8,16,32,64", CapacitySweep::users),
                RunParameters.property("levelDuration", "3s", io.roundtrip.model.units.Units::parseDuration));
    }

    /** A level's users: a whole number from 1 to {@value #MAX_USERS}. */
    static int users(String text) {
        try {
            int users = Integer.parseInt(text);
            if (users < 1 || users > MAX_USERS) {
                throw new NumberFormatException();
            }
            return users;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of users from 1 to " + MAX_USERS);
        }
    }

    /** A level's scenario and log name. */
    public static String levelName(int users) {
        return "concurrency-" + users;
    }

    /** What every level requests. */
    public static RequestKind kind(RunParameters parameters) {
        return GatlingClient.request(Protocol.H1, Connection.KEEPALIVE, Tls.NONE, parameters.sizeBytes());
    }

    /**
     * The sweep as one chain of populations on {@code route}: the warm-up, then each level in turn, each level's
     * requests recorded in {@code recording} under its {@link #levelName}. Returns the chain's first population.
     */
    public PopulationBuilder chain(RunParameters parameters, Route route, HttpProtocolBuilder protocol,
            LatencyRecording recording) {
        String path = "/bytes/" + parameters.sizeBytes();
        // andThen returns a new builder, so the chain is built from its last level back to its first
        PopulationBuilder rest = null;
        for (int i = levels.size() - 1; i >= 0; i--) {
            String name = levelName(levels.get(i));
            PopulationBuilder level = scenario(name).during(levelDuration, false)
                    .on(recording.measured(name, requestName -> exec(http(requestName).get(route.url(path)))))
                    .injectOpen(atOnceUsers(levels.get(i))).protocols(protocol);
            rest = rest == null ? level : level.andThen(rest);
        }
        int top = levels.get(levels.size() - 1);
        return scenario("warm-up").during(parameters.warmUp(), false)
                .on(exec(http("warm-up").get(route.url(path)))).injectOpen(atOnceUsers(top)).protocols(protocol)
                .andThen(rest);
    }

    /** One scenario spec per level, in order, for the run's summary. */
    public List<ScenarioSpec> specs(RunParameters parameters) {
        return levels.stream().map(users -> new ScenarioSpec(levelName(users), kind(parameters),
                parameters.profile())).toList();
    }

    /** Writes {@value SweepRow#FILE_NAME} into the recording's folder from each level's log; returns the file. */
    public Path write(LatencyRecording recording) {
        List<SweepRow> rows = new ArrayList<>();
        for (int users : levels) {
            Path hlog = recording.hlogFile(levelName(users));
            if (!Files.exists(hlog)) {
                continue;
            }
            ScenarioLatencies level = LatencyLogReader.read(hlog);
            rows.add(new SweepRow(users, level.okCount() / (levelDuration.toNanos() / 1e9), level.okMillisAt(50),
                    level.okMillisAt(99)));
        }
        return CsvFiles.writeSweep(recording.resultsDirectory(), rows);
    }
}
