package io.roundtrip.simulations;

import io.roundtrip.gatling.RunStart;
import io.roundtrip.gatling.RunSummary;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default simulation end to end, short: embedded origin, proxy at 50 ms RTT, Gatling in its own JVM. What it
 * checks is what a user relies on: the logs count what Gatling counted, a fresh connection costs at least one
 * more round trip than a kept-alive one, HTTP/2 loads a page of small resources faster than HTTP/1.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolComparisonRunTest {

    private static final double RTT_MILLIS = 50;

    private GatlingRun run;

    @BeforeAll
    void runShortSimulation(@TempDir Path work) throws Exception {
        run = GatlingRun.of(ProtocolComparisonSimulation.class, work, Map.of(
                "profile", "none",
                "rtt", (long) RTT_MILLIS + "ms",
                "warmup", "1s",
                "duration", "4s",
                "users", "2",
                "rate", "4",
                "resources", "12",
                "resourceSize", "1KiB")).succeeded();
    }

    @Test
    void everyScenarioLogCountsExactlyTheRequestsGatlingReported() throws Exception {
        Map<String, Long> gatling = run.gatlingCounts();
        assertThat(gatling).as("Gatling's assertion lines in:%n%s", run.stdout())
                .containsKeys("h1-keepalive", "h1-fresh", "h1-fresh-tls", "h2-keepalive", "h2-fresh-tls",
                        "h1-fresh-tls12", "h1-fresh-tls13", "page-h1", "page-h2", RunSummary.NOISE_FLOOR);
        Path folder = run.runFolder();
        for (Map.Entry<String, Long> scenario : gatling.entrySet()) {
            ScenarioLatencies log = LatencyLogReader.read(folder.resolve(scenario.getKey() + ".hlog"));
            assertThat(log.scenario()).isEqualTo(scenario.getKey());
            assertThat(log.okCount() + log.koCount()).as(scenario.getKey()).isEqualTo(scenario.getValue());
        }
        assertThat(folder.resolve("run.json")).exists();
    }

    @Test
    void aFreshConnectionCostsAtLeastOneMoreRoundTripThanKeepAlive() throws Exception {
        double fresh = p50Millis("h1-fresh");
        double keepAlive = p50Millis("h1-keepalive");
        assertThat(fresh - keepAlive).as("h1 fresh p50 %.2f ms - keep-alive p50 %.2f ms", fresh, keepAlive)
                .isGreaterThanOrEqualTo(RTT_MILLIS);
    }

    @Test
    void http2LoadsThePageFasterThanHttp1() throws Exception {
        double h1 = p50Millis("page-h1");
        double h2 = p50Millis("page-h2");
        assertThat(h2).as("page p50: h2 %.2f ms vs h1 %.2f ms", h2, h1).isLessThan(h1);
    }

    @Test
    void theRunPrintsTheSummaryAndWhereTheReportsAre() {
        assertThat(run.stdout())
                .contains("measured", "predicted", "noise floor")
                .containsPattern("(?m)^h1-fresh-tls12 +\\d+")
                .contains("roundtrip report: file:");
    }

    @Test
    void aBadParameterStopsTheRunAtOnceWithOneLine(@TempDir Path badWork) throws Exception {
        GatlingRun bad = GatlingRun.of(ProtocolComparisonSimulation.class, badWork, Map.of("rtt", "fast"));

        assertThat(bad.exitCode()).isEqualTo(RunStart.BAD_INPUT);
        assertThat(bad.roundtripLines()).singleElement().asString().startsWith("roundtrip: bad -Drtt=fast: ");
        assertThat(bad.stdout() + bad.stderr()).doesNotContain("Exception", "\tat ");
        assertThat(Files.exists(badWork.resolve("roundtrip"))).as("no results folder for a run that never started")
                .isFalse();
    }

    private double p50Millis(String scenario) throws Exception {
        return LatencyLogReader.read(run.runFolder().resolve(scenario + ".hlog")).okMillisAt(50);
    }
}
