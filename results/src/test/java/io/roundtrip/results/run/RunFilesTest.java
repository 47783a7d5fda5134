package io.roundtrip.results.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.Presets;
import io.roundtrip.results.report.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run.json} reads back what the simulations write, and still reads what earlier versions wrote. */
class RunFilesTest {

    @Test
    void aPredictionWrittenByTheModelReadsBackEqual(@TempDir Path folder) {
        Prediction predicted = LatencyModel.predict(Presets.get("mobile"), RequestKind.builder().build());
        RunFiles.writeRun(folder, new RunFile("r1", "sim", "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z", "host",
                Map.of("java", "17"), new RunFile.Profile("mobile", Map.of("rtt", "100ms"), true, "proxy"),
                Map.of("users", 4), new RunFile.Generator(0, 1, null, "2026-12-01T10:01:00Z"),
                List.of(RunFile.Scenario.of("h1", "h1.hlog", Map.of("protocol", "HTTP/1.1"), "mobile", predicted)),
                Map.of("p50", 0.1), null));

        RunManifest read = RunManifest.read(folder);

        assertThat(read.scenarios().get(0).prediction()).contains(predicted);
        assertThat(read.scenarios().get(0).profile().rttMillis()).isEqualTo(100);
        assertThat(read.noiseFloorMillis()).containsEntry("p50", 0.1);
    }

    /** A {@code run.json} as the simulations wrote it before the schema had a type (trimmed to one scenario). */
    @Test
    void aRunJsonOfAnEarlierVersionStillReads(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("run.json"), """
                {
                  "run_id" : "protocol-comparison-20261201-100000",
                  "simulation" : "protocol-comparison",
                  "started_at" : "2026-12-01T10:00:00Z",
                  "ended_at" : "2026-12-01T10:00:12Z",
                  "host" : "loadgen",
                  "versions" : { "roundtrip" : "dev", "java" : "17.0.9" },
                  "profile" : { "name" : "cross-continent", "settings" : { "rtt" : "80ms", "mss" : 1460 },
                                "enforced" : true, "enforced_by" : "proxy" },
                  "parameters" : { "target" : "embedded origin", "users" : 4, "requests" : null },
                  "generator" : { "index" : 0, "count" : 1, "start_at" : null, "clock_at_summary" : "2026-12-01T10:00:12Z" },
                  "scenarios" : [ {
                    "name" : "h1-keepalive",
                    "hlog" : "h1-keepalive.hlog",
                    "request_kind" : { "protocol" : "H1", "size_bytes" : 1024, "h2_receive_window_bytes" : null },
                    "profile" : "cross-continent",
                    "prediction" : {
                      "phases" : [ { "name" : "request", "rtts" : 1.0, "ms" : 80.0 } ],
                      "mean_ms" : 80.0,
                      "percentiles_ms" : { "p50" : 80.0, "p90" : 80.0, "p99" : 80.0, "p999" : 80.0 },
                      "quantiles_ms" : [ [ 0.5, 80.0 ], [ 0.99, 80.0 ] ],
                      "analytic_ms" : 80.0,
                      "method" : "point"
                    }
                  } ],
                  "noise_floor_ms" : { "p50" : 0.2, "p99" : 0.9 }
                }
                """);

        RunManifest read = RunManifest.read(folder);

        RunManifest.Scenario scenario = read.scenarios().get(0);
        assertThat(scenario.requestKind()).containsEntry("size_bytes", "1024").containsEntry("protocol", "H1");
        assertThat(scenario.prediction().orElseThrow().percentilesMillis().p99()).isEqualTo(80.0);
        assertThat(scenario.prediction().orElseThrow().quantilesMillis()).hasSize(2);
        assertThat(read.profile().settings()).containsEntry("mss", "1460");
        assertThat(read.parameters()).containsEntry("users", 4);
        assertThat(read.generator()).isEmpty();
        assertThat(read.spanSeconds()).isEqualTo(12);
    }

    @Test
    void aQuantileOutsideZeroToOneIsOneLine(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("run.json"), """
                {"scenarios": [{"name": "a", "hlog": "a.hlog", "prediction": {"quantiles_ms": [[1.5, 3.0]]}}]}
                """);

        assertThatThrownBy(() -> RunManifest.read(folder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run.json: scenarios[0].prediction.quantiles_ms[0]").hasMessageContaining("bad quantile 1.5")
                .hasMessageNotContaining("\n");
    }
}
