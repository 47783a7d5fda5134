package io.roundtrip.gatling;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import io.roundtrip.results.run.RunFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Comparator;

/**
 * The end of a run of requests recorded per name: reads each name's log (and its baseline's), predicts each request
 * from the kind observed, prints the per-request table and writes {@code run.json}, one scenario entry per request
 * or group name, so that {@code bin/harness report} reads the folder like any other.
 *
 * <p>In {@code run.json} a request's prediction includes the baseline's p50 as server time, so the report compares
 * whole latencies; the table compares network costs (measured − baseline against the model with no server time).
 */
final class RequestSummary {

    private RequestSummary() {}

    /** What {@link #summarise} found: the table's rows and the run folder. */
    record Result(List<RequestTable.Row> rows, Path runFolder) {}

    static Result summarise(String runName, RunParameters parameters, ObservedRequests measured,
            RequestRecording.Baselines baselines, Tls tls, Path folder, Instant startedAt) {
        NetworkProfile profile = parameters.profile();
        List<RequestTable.Row> rows = new ArrayList<>();
        List<RunFile.Scenario> scenarios = new ArrayList<>();
        for (String name : inTableOrder(measured)) {
            if (baselines.isBaseline(name)) {
                continue; // shown in its requests' baseline column
            }
            Path hlog = measured.hlogFile(name);
            if (!Files.exists(hlog)) {
                continue;
            }
            ScenarioLatencies latencies = LatencyLogReader.read(hlog);
            Optional<Path> baselineHlog = baselines.logOf(name).filter(Files::exists);
            OptionalDouble baselineP50 = baselineHlog
                    .map(LatencyLogReader::read).filter(b -> b.okCount() > 0)
                    .map(b -> OptionalDouble.of(b.okMillisAt(50))).orElse(OptionalDouble.empty());
            Optional<RequestKind> kind = measured.shape(name).map(shape -> kindOf(shape, tls));
            Optional<Prediction> network = kind.map(k -> LatencyModel.predict(profile, k));
            rows.add(new RequestTable.Row(name, latencies.okCount() + latencies.koCount(), latencies.koCount(),
                    latencies.okMillisAt(50), latencies.okMillisAt(90), latencies.okMillisAt(99), baselineP50,
                    network.map(p -> OptionalDouble.of(p.percentilesMillis().p50())).orElse(OptionalDouble.empty()),
                    kind.map(RequestKind::inWords).orElse("group")));
            Optional<RequestKind> whole = kind.map(k -> k.toBuilder().serverTime(Duration.ofNanos(
                    (long) (baselineP50.orElse(0) * 1e6))).build());
            scenarios.add(new RunFile.Scenario(name, hlog.getFileName().toString(),
                    whole.map(w -> new ScenarioSpec(name, w, profile).requestKindJson()).orElse(null),
                    RunFile.ScenarioProfile.named(profile.name()),
                    whole.map(w -> LatencyModel.predict(profile, w)).orElse(null),
                    network.map(p -> p.percentilesMillis().p50()).orElse(null),
                    kind.flatMap(k -> measured.shape(name)).map(ObservedRequests.Shape::freshShare).orElse(null),
                    baselineHlog.filter(b -> baselineP50.isPresent()).map(b -> b.getFileName().toString())
                            .orElse(null),
                    baselineP50.isPresent() ? baselineP50.getAsDouble() : null));
        }
        Path runJson = RunSummary.writeRunJson(runName, parameters, profile, folder, scenarios, null, false,
                startedAt);
        return new Result(rows, runJson.getParent());
    }

    /**
     * Names in the order of their first request, the requests of a group together and the group's own row after
     * them: {@code home, browse / search, browse / item, browse, checkout}.
     */
    static List<String> inTableOrder(ObservedRequests measured) {
        List<String> names = measured.names();
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        for (String name : names) {
            firstSeen.putIfAbsent(groupOf(name), firstSeen.size());
        }
        List<String> ordered = new ArrayList<>(names);
        ordered.sort(Comparator.<String>comparingInt(name -> firstSeen.get(groupOf(name)))
                .thenComparing(name -> measured.shape(name).isEmpty()));
        return ordered;
    }

    /** A request's innermost group ({@code a / b} for {@code a / b / get}); a group or ungrouped request: itself. */
    private static String groupOf(String name) {
        int last = name.lastIndexOf(" / ");
        return last < 0 ? name : name.substring(0, last);
    }

    /** The request kind a name's requests had, in the majority: protocol, connection, sizes as observed. */
    static RequestKind kindOf(ObservedRequests.Shape shape, Tls tls) {
        Protocol protocol = shape.mostlyHttp2() ? Protocol.H2 : Protocol.H1;
        Connection connection = shape.mostCommonConnection();
        Tls requestTls = "https".equals(shape.scheme) ? (tls == Tls.NONE ? Tls.TLS_1_3 : tls) : Tls.NONE;
        return GatlingClient.request(protocol, connection, requestTls, shape.meanRequestBytes(),
                shape.meanResponseBytes());
    }
}
