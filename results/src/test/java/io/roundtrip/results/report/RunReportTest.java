package io.roundtrip.results.report;

import io.roundtrip.model.Percentiles;
import static io.roundtrip.results.report.RunFolderFixture.exponentialQuantile;
import static io.roundtrip.results.report.RunFolderFixture.exponentialQuantiles;
import static io.roundtrip.results.report.RunFolderFixture.latencies;
import static io.roundtrip.results.report.RunFolderFixture.nearestRankMillis;
import static io.roundtrip.results.report.RunFolderFixture.prediction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.MalformedLogException;
import io.roundtrip.results.ScenarioLatencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RunReportTest {

    // as the simulations write them: the HTTP/2-only settings differ between h1 and h2 (Gatling's 65,535-byte window)
    static final Map<String, Object> H1_KEEPALIVE = Map.of("protocol", "h1", "connection", "keepalive", "tls", "none",
            "size_bytes", 1024, "resources", 0, "h2_waits_for_settings", false);
    static final Map<String, Object> H2_KEEPALIVE = Map.of("protocol", "h2", "connection", "keepalive", "tls", "none",
            "size_bytes", 1024, "resources", 0, "h2_waits_for_settings", true, "h2_receive_window_bytes", 65535);
    static final Map<String, Object> H1_FRESH = Map.of("protocol", "h1", "connection", "fresh", "tls", "none",
            "size_bytes", 1024, "resources", 0, "h2_waits_for_settings", false);

    @TempDir
    Path tmp;

    /** A canned cross-continent run: h1 keep-alive as modelled, h2 keep-alive, h1 fresh much slower than modelled. */
    static Path cannedRun(Path dir, String runId, long seed) throws IOException {
        long[] h1 = latencies(4000, 80, 5, seed);
        long[] h2 = latencies(3000, 82, 6, seed + 1);
        long[] fresh = latencies(2000, 240, 10, seed + 2);
        return new RunFolderFixture(dir, runId, "cross-continent", "80ms")
                .scenario("h1-keepalive", h1, new long[] {5_000_000_000L, 5_000_000_000L}, H1_KEEPALIVE,
                        prediction(exponentialQuantile(80, 5, 0.5), exponentialQuantile(80, 5, 0.9),
                                exponentialQuantile(80, 5, 0.99), exponentialQuantile(80, 5, 0.999),
                                exponentialQuantiles(80, 5), 0, 80))
                .scenario("h2-keepalive", h2, new long[0], H2_KEEPALIVE, null)
                .scenario("h1-fresh", fresh, new long[0], H1_FRESH,
                        prediction(160, 161, 162, 163, null, 80, 80))
                .write();
    }

    static JsonNode scenario(JsonNode summary, String name) {
        for (JsonNode s : summary.get("scenarios")) {
            if (s.get("scenario").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no scenario " + name + " in " + summary);
    }

    @Test
    void reportNumbersEqualPercentilesRecomputedFromTheRawLatencies() throws IOException {
        Path run = cannedRun(tmp.resolve("run-a"), "a", 1);
        Path html = RunReport.write(List.of(run), tmp.resolve("out"));

        assertThat(html).isEqualTo(tmp.resolve("out/report.html").toAbsolutePath());
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        long[] raw = latencies(4000, 80, 5, 1);
        JsonNode h1 = scenario(summary, "h1-keepalive");
        assertThat(h1.get("ok_count").asLong()).isEqualTo(4000);
        assertThat(h1.get("ko_count").asLong()).isEqualTo(2);
        for (String key : Percentiles.KEYS) {
            double expected = nearestRankMillis(raw, Percentiles.fractionOf(key));
            // HdrHistogram keeps 3 significant digits: a reported value is within 0.1% of the raw one.
            assertThat(h1.get("measured_ms").get(key).asDouble()).as(key).isCloseTo(expected, withinPercentage(0.1));
        }
        assertThat(h1.get("verdict").asText()).isEqualTo("within tolerance");
        assertThat(h1.get("ks_distance").asDouble()).isLessThan(0.05);
        assertThat(h1.get("error_rtts").get("p50").asDouble())
                .isCloseTo((h1.get("measured_ms").get("p50").asDouble() - h1.get("predicted_ms").get("p50").asDouble()) / 80,
                        within(1e-9));

        JsonNode fresh = scenario(summary, "h1-fresh");
        assertThat(fresh.get("verdict").asText()).isEqualTo("model optimistic");
        assertThat(fresh.get("likely_reason").asText()).isEqualTo("connect/TLS slower than modelled (≈ 1 round trip more): check handshake emulation");
        assertThat(fresh.get("ks_distance").isNull()).isTrue();
        assertThat(fresh.get("ks_source").asText()).contains("no quantile function");

        JsonNode h2 = scenario(summary, "h2-keepalive");
        assertThat(h2.get("verdict").asText()).isEqualTo("measured only");
        assertThat(h2.get("predicted_ms").get("p50").isNull()).isTrue();

        // h1 vs h2 and keep-alive vs fresh are paired by request_kind
        assertThat(summary.get("protocol_comparisons").get("h1-vs-h2")).hasSize(1);
        assertThat(summary.get("protocol_comparisons").get("keepalive-vs-fresh")).hasSize(1);
        assertThat(summary.get("protocol_comparisons").get("tls12-vs-tls13")).isEmpty();

        // what if: every scenario's measured throughput on each preset, through the model
        JsonNode whatIf = summary.get("capacity").get("what_if");
        assertThat(whatIf).hasSize(3 * WhatIf.PROFILES.size());
        for (JsonNode w : whatIf) {
            assertThat(w.get("busy_connections").asDouble()).isCloseTo(
                    w.get("throughput_rps").asDouble() * w.get("predicted_mean_ms").asDouble() / 1000, withinPercentage(0.01));
            assertThat(w.get("pool_size_1pct_wait").asDouble()).isGreaterThan(w.get("busy_connections").asDouble());
        }
        JsonNode keepaliveOcean = whatIf.get(2);
        assertThat(keepaliveOcean.get("scenario").asText()).isEqualTo("h1-keepalive");
        assertThat(keepaliveOcean.get("profile").asText()).isEqualTo("cross-ocean");
        assertThat(keepaliveOcean.get("predicted_mean_ms").asDouble()).isGreaterThanOrEqualTo(150);
        assertThat(tmp.resolve("out/capacity-what-if.csv")).exists();

        // the CSV carries the same numbers
        List<String> csv = Files.readAllLines(tmp.resolve("out/comparison.csv"));
        assertThat(csv.get(0)).startsWith("profile,rtt_ms,scenario,ok_count,ko_count,p50_measured_ms,p50_predicted_ms");
        assertThat(csv.get(1)).startsWith("cross-continent,80.0,h1-keepalive,4000.0,2.0,"
                + h1.get("measured_ms").get("p50").asDouble() + ",");
        assertThat(tmp.resolve("out/protocol-h1-vs-h2.csv")).exists();
        assertThat(tmp.resolve("out/protocol-keepalive-vs-fresh.csv")).exists();
        assertThat(tmp.resolve("out/capacity-little.csv")).exists();
        assertThat(tmp.resolve("out/runs.csv")).exists();

        // the merged log reads back with the same counts
        ScenarioLatencies merged = LatencyLogReader.read(tmp.resolve("out/h1-keepalive.hlog"));
        assertThat(merged.scenario()).isEqualTo("h1-keepalive");
        assertThat(merged.okCount()).isEqualTo(4000);
        assertThat(merged.koCount()).isEqualTo(2);
        assertThat(merged.okMillisAt(99)).isEqualTo(h1.get("measured_ms").get("p99").asDouble());
        // ... and keeps the wall-clock time of the recording (HdrHistogram's reader stamps intervals absolutely)
        double now = System.currentTimeMillis() / 1000.0;
        assertThat(merged.startEpochSeconds()).isBetween(now - 600, now);
        assertThat(merged.endEpochSeconds()).isBetween(merged.startEpochSeconds(), now);
    }

    @Test
    void htmlIsSelfContainedWithInlineCharts() throws IOException {
        Path html = RunReport.write(List.of(cannedRun(tmp.resolve("run-a"), "a", 1)), tmp.resolve("out"));
        String page = Files.readString(html);
        assertThat(page).contains("<figure class=\"chart\" id=\"chart-percentiles-cross-continent-1-kib-responses\">")
                .contains("<img src=\"data:image/png;base64,").contains("h1-keepalive").contains("model optimistic");
        // One inline script (the layout check), nothing loaded: no script source, no fetch, no link.
        assertThat(page.split("<script", -1)).hasSize(2);
        assertThat(page).contains("<script>(function").doesNotContain("fetch(").doesNotContain("XMLHttpRequest")
                .doesNotContain("<link").doesNotContain("src=\"http")
                .doesNotContain("href=\"http").doesNotContain("url(http").doesNotContain("@import");
    }

    @Test
    void twoRunFoldersMergeToTheUnion() throws IOException {
        Path a = cannedRun(tmp.resolve("gen-1"), "gen-1", 1);
        Path b = cannedRun(tmp.resolve("gen-2"), "gen-2", 100);
        RunReport.write(List.of(a, b), tmp.resolve("out"));
        JsonNode h1 = scenario(new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile()), "h1-keepalive");

        long[] union = LongStream.concat(LongStream.of(latencies(4000, 80, 5, 1)), LongStream.of(latencies(4000, 80, 5, 100)))
                .toArray();
        assertThat(h1.get("ok_count").asLong()).isEqualTo(8000);
        assertThat(h1.get("ko_count").asLong()).isEqualTo(4);
        assertThat(h1.get("run_ids")).hasSize(2);
        for (String key : Percentiles.KEYS) {
            assertThat(h1.get("measured_ms").get(key).asDouble()).as(key)
                    .isCloseTo(nearestRankMillis(union, Percentiles.fractionOf(key)), withinPercentage(0.1));
        }
        assertThat(LatencyLogReader.read(tmp.resolve("out/h1-keepalive.hlog")).okCount()).isEqualTo(8000);
    }

    @Test
    void profilesWithDifferentRttsGetTheLatencyVsRttChart() throws IOException {
        Path near = new RunFolderFixture(tmp.resolve("near"), "near", "lan", "1ms")
                .scenario("h1-keepalive", latencies(500, 1, 0.1, 3), new long[0], H1_KEEPALIVE,
                        prediction(1.07, 1.23, 1.46, 1.69, null, 0, 1))
                .write();
        Path far = cannedRun(tmp.resolve("far"), "far", 4);
        Path html = RunReport.write(List.of(near, far), tmp.resolve("out"));
        String page = Files.readString(html);
        assertThat(page).contains("id=\"chart-latency-vs-rtt\"").contains("id=\"chart-percentiles-lan\"");
        assertThat(tmp.resolve("out/lan/h1-keepalive.hlog")).exists();
        assertThat(tmp.resolve("out/cross-continent/h1-keepalive.hlog")).exists();
    }

    @Test
    void aScenarioOnAnotherProfileIsReportedApartFromTheRunsProfile() throws IOException {
        Path run = new RunFolderFixture(tmp.resolve("run"), "a", "cross-continent", "80ms")
                .scenario("h1-keepalive", latencies(1000, 80, 5, 9), new long[0], H1_KEEPALIVE,
                        prediction(83.5, 91.5, 103, 114.5, null, 0, 80))
                .scenario("noise-floor", latencies(1000, 0.4, 0.1, 10), new long[0], H1_KEEPALIVE,
                        prediction(0.1, 0.1, 0.1, 0.1, null, 0, 0.1))
                .noiseFloor(0.4, 0.8)
                .write();
        // as the simulations write it: the noise-floor scenario names its own profile
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(run.resolve("run.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("scenarios").get(0)).put("profile", "cross-continent");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("scenarios").get(1)).put("profile", "custom");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("profile")).put("enforced", true);
        json.writeValue(run.resolve("run.json").toFile(), root);

        RunReport.write(List.of(run), tmp.resolve("out"));
        JsonNode summary = json.readTree(tmp.resolve("out/summary.json").toFile());
        JsonNode noise = scenario(summary, "noise-floor");
        assertThat(noise.get("profile").asText()).isEqualTo("custom");
        assertThat(noise.get("rtt_ms").isNull()).isTrue();
        assertThat(noise.get("error_rtts").get("p50").isNull()).isTrue();
        assertThat(scenario(summary, "h1-keepalive").get("rtt_ms").asDouble()).isEqualTo(80);
        assertThat(tmp.resolve("out/custom/noise-floor.hlog")).exists();
        assertThat(tmp.resolve("out/cross-continent/h1-keepalive.hlog")).exists();
        // the noise floor widens the tolerance: 0.4 ms measured over 0.1 ms predicted is within max(1 ms, 0.4 ms)
        assertThat(noise.get("verdict").asText()).isEqualTo("within tolerance");
    }

    @Test
    void theKsDistanceOfAPointPredictionIsKeptInTheSummaryButNotShown() throws IOException {
        double[][] point = {{0.01, 80}, {0.5, 80}, {0.99, 80}};
        Path run = new RunFolderFixture(tmp.resolve("run"), "a", "cross-continent", "80ms")
                .scenario("h1-keepalive", latencies(2000, 80, 5, 12), new long[0], H1_KEEPALIVE,
                        prediction(80, 80, 80, 80, point, 0, 80))
                .write();
        Path html = RunReport.write(List.of(run), tmp.resolve("out"));
        JsonNode h1 = scenario(new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile()), "h1-keepalive");

        assertThat(h1.get("point_prediction").asBoolean()).isTrue();
        assertThat(h1.get("ks_distance").asDouble()).isGreaterThan(0.99);
        assertThat(h1.get("ks_source").asText()).startsWith("point prediction");
        String page = Files.readString(html);
        String row = page.substring(page.indexOf("<table id=\"table-comparison\">"), page.indexOf("</table>",
                page.indexOf("<table id=\"table-comparison\">")));
        assertThat(row).contains("title=\"point prediction: 1 by construction, read the verdict\">–</td>")
                .doesNotContain("1.000").doesNotContain("quantile function");
    }

    @Test
    void aScenarioWithoutSuccessfulRequestsIsReportedAsNoData() throws IOException {
        Path run = new RunFolderFixture(tmp.resolve("run"), "a", "cross-continent", "80ms")
                .scenario("h1-keepalive", latencies(500, 80, 5, 11), new long[0], H1_KEEPALIVE,
                        prediction(83.5, 91.5, 103, 114.5, null, 0, 80))
                .scenario("h2-keepalive", new long[0], new long[] {30_000_000_000L}, H2_KEEPALIVE,
                        prediction(83.5, 91.5, 103, 114.5, null, 0, 80))
                .scenario("h1-fresh", new long[0], new long[0], H1_FRESH, null)
                .write();
        Path html = RunReport.write(List.of(run), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        assertThat(scenario(summary, "h2-keepalive").get("verdict").asText()).isEqualTo("no data");
        assertThat(scenario(summary, "h2-keepalive").get("ko_count").asLong()).isEqualTo(1);
        assertThat(scenario(summary, "h1-fresh").get("verdict").asText()).isEqualTo("no data");
        assertThat(scenario(summary, "h1-fresh").get("measured_ms").get("p50").isNull()).isTrue();
        assertThat(summary.get("protocol_comparisons").get("h1-vs-h2").get(0).get("faster_p50").asText()).isEqualTo("n/a");
        assertThat(Files.readString(html)).contains("no data");
    }

    @Test
    void aConcurrencySweepGetsAUslFit() throws IOException {
        Path run = cannedRun(tmp.resolve("run"), "sweep", 5);
        StringBuilder csv = new StringBuilder("concurrency,throughput_rps,p50_ms,p99_ms\n");
        double[][] cisco = {{1, 955.16}, {2, 1878.91}, {3, 2688.01}, {4, 3548.68}, {5, 4315.54}, {6, 5130.43},
            {7, 5931.37}, {8, 6531.08}, {9, 7219.8}, {10, 7867.61}, {11, 8278.71}, {12, 8646.7}, {13, 9047.84},
            {14, 9426.55}, {15, 9645.37}, {16, 9897.24}, {17, 10097.6}, {18, 10240.5}, {19, 10532.39},
            {20, 10798.52}, {21, 11151.43}, {22, 11518.63}, {23, 11806}, {24, 12089.37}, {25, 12075.41},
            {26, 12177.29}, {27, 12211.41}, {28, 12158.93}, {29, 12155.27}, {30, 12118.04}, {31, 12140.4},
            {32, 12074.39}};
        for (double[] row : cisco) {
            csv.append((int) row[0]).append(',').append(row[1]).append(",1.0,2.0\n");
        }
        Files.writeString(run.resolve("capacity-sweep.csv"), csv);
        Path html = RunReport.write(run);
        assertThat(html).isEqualTo(run.resolve("report/report.html").toAbsolutePath());
        JsonNode usl = new ObjectMapper().readTree(run.resolve("report/summary.json").toFile())
                .get("capacity").get("usl").get(0);
        assertThat(usl.get("sigma").asDouble()).isCloseTo(0.02671591, withinPercentage(0.02));
        assertThat(usl.get("n_max").asDouble()).isEqualTo(35);
        assertThat(Files.readString(html)).contains("id=\"chart-usl-sweep\"");
        assertThat(run.resolve("report/capacity-usl.csv")).exists();

        // rebuilding replaces the earlier report
        assertThat(RunReport.write(run)).exists();
    }

    @Test
    void aTruncatedLogIsAOneLineErrorAndNoReport() throws IOException {
        Path run = cannedRun(tmp.resolve("run"), "a", 1);
        Path log = run.resolve("h2-keepalive.hlog");
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        assertThatThrownBy(() -> RunReport.write(List.of(run), tmp.resolve("out")))
                .isInstanceOf(MalformedLogException.class)
                .hasMessageContaining("h2-keepalive.hlog: truncated")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertNothingWritten();
    }

    @Test
    void aMissingRunJsonIsAOneLineErrorAndNoReport() throws IOException {
        Path run = cannedRun(tmp.resolve("run"), "a", 1);
        Files.delete(run.resolve("run.json"));
        assertThatThrownBy(() -> RunReport.write(List.of(run), tmp.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(run + " is not a run folder: no run.json");
        assertNothingWritten();
    }

    @Test
    void aSweepOfThreePointsIsAOneLineErrorAndNoReport() throws IOException {
        Path run = cannedRun(tmp.resolve("run"), "a", 1);
        Files.writeString(run.resolve("capacity-sweep.csv"), "concurrency,throughput_rps\n1,100\n2,190\n4,350\n");
        assertThatThrownBy(() -> RunReport.write(List.of(run), tmp.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity-sweep.csv: a USL fit needs at least 6 (concurrency, throughput) points, got 3");
        assertNothingWritten();
    }

    @Test
    void aMissingLogOrAMismatchedScenarioIsAnError() throws IOException {
        Path run = cannedRun(tmp.resolve("run"), "a", 1);
        Files.move(run.resolve("h1-fresh.hlog"), run.resolve("other.hlog"));
        assertThatThrownBy(() -> RunReport.write(List.of(run), tmp.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scenario 'h1-fresh' names h1-fresh.hlog, which is missing");
        Files.copy(run.resolve("h1-keepalive.hlog"), run.resolve("h1-fresh.hlog"));
        assertThatThrownBy(() -> RunReport.write(List.of(run), tmp.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("records scenario 'h1-keepalive' but run.json calls it 'h1-fresh'");
        assertNothingWritten();
    }

    @Test
    void refusesToReplaceAFolderThatIsNotAReport() throws IOException {
        Path run = cannedRun(tmp.resolve("run"), "a", 1);
        Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(tmp.resolve("precious/notes.txt"), "keep me");
        assertThatThrownBy(() -> RunReport.write(List.of(run), tmp.resolve("precious")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a roundtrip report");
        assertThat(tmp.resolve("precious/notes.txt")).hasContent("keep me");
        assertThatThrownBy(() -> RunReport.write(List.of(run), tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would replace run folder");
    }

    private void assertNothingWritten() throws IOException {
        assertThat(tmp.resolve("out")).doesNotExist();
        try (Stream<Path> entries = Files.list(tmp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".partial-"));
        }
    }
}
