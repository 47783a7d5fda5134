package io.roundtrip.results.report;

import static io.roundtrip.results.report.RunFolderFixture.latencies;
import static io.roundtrip.results.report.RunFolderFixture.prediction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Built-in scenarios with a baseline (issue 12, item 3): each one's {@code baseline_p50_ms} is its host cost, the
 * judgement is network against network (measured − host cost vs the model), and the comparison shows the host cost
 * beside it. The case is the issue's: 1 KiB on fresh connections at 10 ms RTT, measured ~31 ms against 20 ms
 * predicted, about 11 ms of it the client's, the origin's and the handshakes' own.
 */
@Timeout(120)
class HostCostTest {

    static final Map<String, Object> FRESH = Map.of("protocol", "h1", "connection", "fresh", "tls", "none",
            "size_bytes", 1024, "server_time_ms", 0);
    static final Map<String, Object> KEEPALIVE = Map.of("protocol", "h1", "connection", "keepalive", "tls", "none",
            "size_bytes", 1024, "server_time_ms", 0);

    @TempDir
    Path tmp;

    /** h1-fresh: ~31 ms measured, 20 ms predicted, with or without its host cost of 11 ms. */
    private Path run(String name, Map<String, Object> extra) throws IOException {
        RunFolderFixture run = new RunFolderFixture(tmp.resolve(name), name, "same-region", "10ms")
                .scenario("h1-fresh", latencies(1000, 30.5, 0.5, 41), new long[0], FRESH,
                        prediction(20, 20, 20, 20, null, 10, 10))
                .with(extra)
                .scenario("h1-keepalive", latencies(1000, 10.5, 0.3, 42), new long[0], KEEPALIVE,
                        prediction(10, 10, 10, 10, null, 0, 10));
        return run.write();
    }

    @Test
    void withABaselineTheScenarioIsJudgedNetworkAgainstNetwork() throws IOException {
        Path folder = run("with-baseline", Map.of("baseline_p50_ms", 11.0, "baseline_hlog", "h1-fresh.baseline.hlog"));
        Path html = RunReport.write(List.of(folder), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        JsonNode fresh = RunReportTest.scenario(summary, "h1-fresh");

        double measured = fresh.at("/measured_ms/p50").asDouble();
        assertThat(measured).isCloseTo(30.85, within(0.3));
        assertThat(fresh.get("host_cost_ms").asDouble()).isEqualTo(11.0);
        assertThat(fresh.get("judged").asText()).isEqualTo("network");
        assertThat(fresh.at("/network_ms/p50").asDouble()).isCloseTo(measured - 11.0, within(1e-9));
        // the error is the network's: (measured − host cost − predicted) / predicted
        assertThat(fresh.at("/error_pct/p50").asDouble()).isCloseTo(100 * (measured - 11.0 - 20) / 20, within(1e-9));
        assertThat(fresh.at("/error_rtts/p50").asDouble()).isCloseTo((measured - 11.0 - 20) / 10, within(1e-9));
        assertThat(fresh.get("verdict").asText()).isEqualTo(Verdict.WITHIN_TOLERANCE.label());
        // its baseline is a host cost, not one of the user's own requests
        assertThat(summary.get("own_requests")).isNullOrEmpty();

        JsonNode keepAlive = RunReportTest.scenario(summary, "h1-keepalive");
        assertThat(keepAlive.get("judged").asText()).isEqualTo("whole");
        assertThat(keepAlive.get("host_cost_ms").isNull()).isTrue();

        String page = Files.readString(html, StandardCharsets.UTF_8);
        String table = page.substring(page.indexOf("<table id=\"table-comparison\">"));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table).contains("<th>host cost<br><small>p50 ms</small></th>");
        String freshRow = table.substring(table.indexOf("h1-fresh<br>"));
        freshRow = freshRow.substring(0, freshRow.indexOf("</tr>"));
        assertThat(freshRow).contains(">11.00</td>").contains("net +");

        List<String> csv = Files.readAllLines(tmp.resolve("out/comparison.csv"));
        assertThat(csv.get(0)).endsWith(",host_cost_p50_ms,judged");
        assertThat(csv.stream().filter(l -> l.contains("h1-fresh")).findFirst().orElseThrow())
                .endsWith(",11.0,measured - host cost vs predicted");

        JsonNode agreement = finding(summary, "agreement");
        assertThat(agreement.get("text").asText())
                .contains("1 network against network, measured − host cost vs the model; the others measured latency");
    }

    @Test
    void withoutABaselineTheWholeLatencyIsJudgedAsBefore() throws IOException {
        Path folder = run("without-baseline", Map.of());
        Path html = RunReport.write(List.of(folder), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        JsonNode fresh = RunReportTest.scenario(summary, "h1-fresh");

        double measured = fresh.at("/measured_ms/p50").asDouble();
        assertThat(fresh.get("judged").asText()).isEqualTo("whole");
        assertThat(fresh.at("/error_pct/p50").asDouble()).isCloseTo(100 * (measured - 20) / 20, within(1e-9));
        assertThat(fresh.get("verdict").asText()).isEqualTo(Verdict.MODEL_OPTIMISTIC.label());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        String table = page.substring(page.indexOf("<table id=\"table-comparison\">"));
        assertThat(table.substring(0, table.indexOf("</table>"))).doesNotContain("host cost");
        assertThat(finding(summary, "agreement").get("text").asText()).contains("(measured latency vs the model)");
    }

    @Test
    void theWorstScenarioNamesItsHostCostAndNetworkInTheFinding() throws IOException {
        // host cost 5 ms: the network's part is ~26 ms against 20 predicted, still off — and the finding says so
        Path folder = run("off", Map.of("baseline_p50_ms", 5.0));
        RunReport.write(List.of(folder), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        assertThat(RunReportTest.scenario(summary, "h1-fresh").get("verdict").asText())
                .isEqualTo(Verdict.MODEL_OPTIMISTIC.label());
        JsonNode agreement = finding(summary, "agreement");
        assertThat(agreement.get("text").asText()).contains("h1-fresh is off").contains(" − host cost 5.00 ms = network ");
        for (JsonNode figure : agreement.get("figures")) {
            assertThat(summary.at(figure.get("source").asText()).asDouble())
                    .as(figure.get("name").asText()).isCloseTo(figure.get("value").asDouble(), within(1e-9));
        }
    }

    private static JsonNode finding(JsonNode summary, String topic) {
        for (JsonNode f : summary.get("findings")) {
            if (f.get("topic").asText().equals(topic)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + topic + " in " + summary.get("findings"));
    }
}
