package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity sweep end to end, short: its levels land in capacity-sweep.csv and the report fits the USL to them. */
class CapacitySweepRunTest {

    @Test
    void everyLevelFeedsTheUslFitInTheReport(@TempDir Path work) throws Exception {
        GatlingRun run = GatlingRun.of(CapacitySweepSimulation.class, work, Map.of(
                "concurrency", "1,2,3,4,6,8", "levelDuration", "1s", "warmup", "1s")).succeeded();
        Path folder = run.runFolder();
        List<String> csv = Files.readAllLines(folder.resolve("capacity-sweep.csv"));
        assertThat(csv.get(0)).isEqualTo("concurrency,throughput_rps,p50_ms,p99_ms");
        assertThat(csv.subList(1, csv.size())).hasSize(6).allSatisfy(row -> {
            String[] cells = row.split(",");
            assertThat(Double.parseDouble(cells[1])).as(row).isPositive();
        });

        JsonNode usl = new ObjectMapper().readTree(folder.resolve("report/summary.json").toFile())
                .path("capacity").path("usl").path(0);
        assertThat(usl.path("points").asInt()).isEqualTo(6);
        assertThat(usl.path("lambda").asDouble()).isPositive();
        assertThat(run.stdout()).contains("roundtrip report: file:");
    }
}
