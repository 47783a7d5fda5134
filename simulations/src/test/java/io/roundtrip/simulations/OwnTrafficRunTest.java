package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.gatling.LatencyRecording;
import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own simulation through {@link io.roundtrip.gatling.Roundtrip}, against the embedded origin at 80 ms RTT
 * with a baseline pass: every request is recorded per name exactly as Gatling counts it, each is predicted from the
 * kind observed, and a run whose requests fail ends non-zero with one line that says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnTrafficRunTest {

    private static final double RTT_MILLIS = 80;

    private GatlingRun run;

    @BeforeAll
    void runUserSimulation(@TempDir Path work) throws Exception {
        run = GatlingRun.of(OwnTrafficSimulation.class, work, Map.of(
                "profile", "none", "rtt", (long) RTT_MILLIS + "ms", "baseline", "on",
                "usersPerSecond", "4", "seconds", "3")).succeeded();
    }

    @Test
    void everyRequestNameIsRecordedExactlyAsGatlingCountsIt() throws Exception {
        Map<String, Long> gatling = run.gatlingCounts();
        assertThat(gatling).as("Gatling's count lines in:%n%s", run.stdout())
                .containsOnlyKeys("home", OwnTrafficSimulation.GROUP + " / search",
                        OwnTrafficSimulation.GROUP + " / item", "echo");
        Path folder = run.runFolder();
        for (Map.Entry<String, Long> request : gatling.entrySet()) {
            String name = LatencyRecording.fileSafe(request.getKey()); // browse / search -> browse-search
            ScenarioLatencies log = LatencyLogReader.read(folder.resolve(name + ".hlog"));
            assertThat(log.okCount() + log.koCount()).as(name).isEqualTo(request.getValue());
            ScenarioLatencies baseline = LatencyLogReader.read(folder.resolve(name + ".baseline.hlog"));
            assertThat(baseline.okCount()).as(name + " baseline pass").isEqualTo(request.getValue());
        }
        ScenarioLatencies group = LatencyLogReader.read(folder.resolve(OwnTrafficSimulation.GROUP + ".hlog"));
        assertThat(group.okCount()).as("one visit of the group per user").isEqualTo(gatling.get("home"));
    }

    @Test
    void eachRequestsNetworkCostIsPredictedWithinTenPercent() throws Exception {
        JsonNode runJson = new ObjectMapper().readTree(run.runFolder().resolve("run.json").toFile());
        int predicted = 0;
        for (JsonNode scenario : runJson.path("scenarios")) {
            if (!scenario.has("network_prediction_ms")) {
                continue; // a group: no request kind of its own
            }
            predicted++;
            String name = scenario.path("name").asText();
            double measured = LatencyLogReader.read(run.runFolder().resolve(scenario.path("hlog").asText()))
                    .okMillisAt(50) - scenario.path("baseline_p50_ms").asDouble();
            double model = scenario.path("network_prediction_ms").asDouble();
            assertThat(measured).as("%s: measured network cost %.1f ms vs predicted %.1f ms", name, measured, model)
                    .isCloseTo(model, org.assertj.core.data.Percentage.withPercentage(10));
        }
        assertThat(predicted).isEqualTo(OwnTrafficSimulation.REQUESTS.size());
        // home opens the connection (2 RTT); item (20,000 B) outgrows the initial window on a reused one (2 RTT)
        assertThat(run.stdout()).containsPattern("(?m)^home .*\\| HTTP/1\\.1, fresh TCP, ")
                .containsPattern("(?m)^browse / item .*\\| HTTP/1\\.1, reused at the initial window, ");
    }

    @Test
    void anExternalTlsTargetOverHttp2IsObservedAsSuchAndPredicted(@TempDir Path work) throws Exception {
        try (Origin target = Origin.start(OriginConfig.builder().port(-1).tlsPort(0).build())) {
            GatlingRun tls = GatlingRun.of(OwnTrafficSimulation.class, work, Map.of(
                    "target", target.httpsUri().toString(), "h2", "true",
                    "profile", "none", "rtt", (long) RTT_MILLIS + "ms", "usersPerSecond", "4", "seconds", "3"))
                    .succeeded();
            // TLS negotiated with the target (probed), HTTP/2 by ALPN (observed): the first request pays TCP, TLS
            // 1.3 and the client's wait for the server's SETTINGS; the next ones share the connection
            assertThat(tls.stdout()).containsPattern("(?m)^home .*\\| HTTP/2, fresh TLS 1\\.3, ")
                    .containsPattern("(?m)^echo .*\\| HTTP/2, (kept-alive|reused at the initial window), ");
            JsonNode runJson = new ObjectMapper().readTree(tls.runFolder().resolve("run.json").toFile());
            for (JsonNode scenario : runJson.path("scenarios")) {
                if (scenario.has("network_prediction_ms")) {
                    double measured = LatencyLogReader.read(tls.runFolder().resolve(scenario.path("hlog").asText()))
                            .okMillisAt(50) - scenario.path("baseline_p50_ms").asDouble();
                    assertThat(measured).as("%s over h2/TLS", scenario.path("name").asText())
                            .isCloseTo(scenario.path("network_prediction_ms").asDouble(),
                                    org.assertj.core.data.Percentage.withPercentage(10));
                }
            }
        }
    }

    @Test
    void aRunThatIsAllKoEndsNonZeroWithOneLineNamingTheFirstError(@TempDir Path work) throws Exception {
        GatlingRun broken = GatlingRun.of(OwnTrafficSimulation.class, work, Map.of(
                "profile", "none", "rtt", "5ms", "baseline", "off", "broken", "true",
                "usersPerSecond", "4", "seconds", "1"));

        assertThat(broken.exitCode()).as("stdout:%n%s", broken.stdout()).isNotZero();
        assertThat(broken.roundtripLines()).singleElement().asString()
                .matches("roundtrip: scenario user: (\\d+) of \\1 requests failed \\(100\\.0%, above -DmaxKo=1\\.0%\\);"
                        + " first: 404 on (GET|POST) /missing/.*");
    }
}
