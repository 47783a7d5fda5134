package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import io.roundtrip.results.report.RunReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three load generators as three processes on this machine ({@code -Dgenerator=I/3}, one {@code -DstartAt}), merged
 * into one report: each took its share of the load and opened its window at the same instant, and the merged
 * counts are the sums and the merged percentiles those of the union of the three logs.
 */
class GeneratorsRunTest {

    private static final int GENERATORS = 3;

    @Test
    void threeGeneratorsMergeIntoOneReportOfTheirUnion(@TempDir Path work) throws Exception {
        // late enough for three JVMs to start on two cores, each with its own origin and proxy, on a loaded CI machine
        // (a generator ready after the start stops with one line instead of measuring another window)
        Instant startAt = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(GENERATORS);
        List<CompletableFuture<GatlingRun>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < GENERATORS; i++) {
                int index = i;
                runs.add(CompletableFuture.supplyAsync(() -> run(work.resolve("g" + index), index, startAt), pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }

        List<Path> folders = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < GENERATORS; i++) {
            GatlingRun run = runs.get(i).join();
            assertThat(run.exitCode()).as("generator %d: %s", i, run.stderr()).isZero();
            Path folder = run.runFolder();
            folders.add(folder);
            JsonNode runJson = json.readTree(folder.resolve("run.json").toFile());
            JsonNode generator = runJson.path("generator");
            assertThat(runJson.path("parameters").path("users").asInt()).as("3 users shared by 3").isEqualTo(1);
            assertThat(runJson.path("parameters").path("fresh_per_second").asDouble()).as("6/s shared by 3")
                    .isEqualTo(2.0);
            assertThat(generator.path("index").asInt()).isEqualTo(i);
            assertThat(generator.path("count").asInt()).isEqualTo(GENERATORS);
            assertThat(generator.path("start_at").asText()).isEqualTo(startAt.toString());
            ScenarioLatencies keepAlive = LatencyLogReader.read(folder.resolve("h1-keepalive.hlog"));
            // one user each (3 users / 3): the window opened at startAt, not when this generator happened to start
            // (tens of seconds before it: the JVMs are up well ahead of the 60 s); 5 s for the first request's own
            // delay on a loaded machine (2.3 s measured in a CI run at load 5)
            assertThat(keepAlive.startEpochSeconds()).as("generator %d's first interval", i)
                    .isCloseTo(startAt.getEpochSecond(), within(5.0));
        }

        Path merged = RunReport.write(folders, work.resolve("merged")).getParent();
        JsonNode summary = json.readTree(merged.resolve(RunReport.SUMMARY).toFile());
        for (String scenario : List.of("h1-keepalive", "h1-fresh", "h2-fresh-tls")) {
            ScenarioLatencies union = null;
            for (Path folder : folders) {
                ScenarioLatencies one = LatencyLogReader.read(folder.resolve(scenario + ".hlog"));
                union = union == null ? one : union.mergedWith(one);
            }
            JsonNode row = scenarioRow(summary, scenario);
            assertThat(row.path("ok_count").asLong()).as(scenario + ": the sum of the generators' counts")
                    .isEqualTo(union.okCount());
            assertThat(row.path("measured_ms").path("p50").asDouble()).as(scenario + ": the union's p50")
                    .isCloseTo(union.okMillisAt(50), within(1e-6));
        }

        // a folder of another simulation is not a fourth generator
        GatlingRun other = GatlingRun.of(FailuresSimulation.class, work.resolve("other"), Map.of("profile", "none",
                "warmup", "0s"));
        List<Path> withOther = new ArrayList<>(folders);
        withOther.add(other.runFolder());
        assertThatThrownBy(() -> RunReport.write(withOther, work.resolve("refused")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a generator of the same run");
    }

    private static GatlingRun run(Path work, int index, Instant startAt) {
        try {
            return GatlingRun.of(ProtocolComparisonSimulation.class, work, Map.of(
                    "generator", index + "/" + GENERATORS, "startAt", startAt.toString(),
                    "profile", "none", "rtt", "20ms", "warmup", "1s", "duration", "3s",
                    "users", "3", "rate", "6", "resources", "4", "resourceSize", "1KiB"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode scenarioRow(JsonNode summary, String scenario) {
        for (JsonNode row : summary.path("scenarios")) {
            if (row.path("scenario").asText().equals(scenario)) {
                return row;
            }
        }
        throw new AssertionError("no " + scenario + " in summary.json");
    }
}
