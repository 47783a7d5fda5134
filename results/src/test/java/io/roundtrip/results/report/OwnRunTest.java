package io.roundtrip.results.report;

import static io.roundtrip.results.report.RunFolderFixture.latencies;
import static io.roundtrip.results.report.RunFolderFixture.prediction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run folder of a user's own Gatling simulation: one scenario per request name or group, with baselines. */
@Timeout(120)
class OwnRunTest {

    static final Map<String, Object> LOGIN = Map.of("protocol", "h1", "connection", "keepalive", "tls", "none",
            "size_bytes", 512, "request_bytes", 300, "server_time_ms", 5);
    static final Map<String, Object> SEARCH = Map.of("protocol", "h2", "connection", "fresh", "tls", "1.3",
            "size_bytes", 4096, "request_bytes", 200, "server_time_ms", 10);

    @TempDir
    Path tmp;

    /** {@code login} (kept-alive, 80 ms of network), {@code browse / search} (fresh TLS 1.3: 3 RTTs) and the group {@code browse}. */
    static Path ownRun(Path dir) throws IOException {
        return new RunFolderFixture(dir, "shop", "cross-continent", "80ms")
                .scenario("login", latencies(3000, 85, 2, 21), new long[0], LOGIN, prediction(86, 88, 91, 95, null, 0, 80))
                .with(Map.of("network_prediction_ms", 80.0, "baseline_p50_ms", 5.5, "baseline_hlog", "login.baseline.hlog",
                        "fresh_connection_share", 0.02))
                .scenario("browse / search", latencies(2000, 262, 3, 22), new long[0], SEARCH,
                        prediction(251, 253, 256, 260, null, 160, 80))
                .with(Map.of("network_prediction_ms", 240.0, "baseline_p50_ms", 11.0, "fresh_connection_share", 1.0))
                .scenario("browse", latencies(2000, 270, 3, 23), new long[0], Map.of(), null)
                .asGroup()
                .with(Map.of("baseline_p50_ms", 12.0))
                .write();
    }

    @Test
    void eachRequestNameHasItsNetworkCostAgainstTheModelAndAWhatIf() throws IOException {
        Path html = RunReport.write(List.of(ownRun(tmp.resolve("own"))), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        JsonNode own = summary.get("own_requests");

        assertThat(own).hasSize(3);
        JsonNode login = own.get(0);
        assertThat(login.get("name").asText()).isEqualTo("login");
        assertThat(login.get("in_words").asText()).isEqualTo("HTTP/1.1, kept-alive, 512 B");
        double measured = RunReportTest.scenario(summary, "login").at("/measured_ms/p50").asDouble();
        assertThat(login.get("network_cost_ms").asDouble()).isCloseTo(measured - 5.5, within(1e-9));
        assertThat(login.get("network_cost_ms").asDouble()).isCloseTo(80 + 2 * Math.log(2), within(0.5));
        assertThat(login.get("network_error_pct").asDouble())
                .isCloseTo(100 * (login.get("network_cost_ms").asDouble() - 80) / 80, within(1e-9));
        // The model on the same path: a fresh connection adds the TCP handshake, one round trip of 80 ms.
        JsonNode whatIf = login.get("what_if_network_p50_ms");
        assertThat(whatIf.get("h1_keepalive").asDouble()).isCloseTo(80, within(1.0));
        assertThat(whatIf.get("h1_fresh").asDouble() - whatIf.get("h1_keepalive").asDouble()).isCloseTo(80, within(1.0));

        JsonNode search = own.get(1);
        assertThat(search.get("in_words").asText()).isEqualTo("HTTP/2, fresh TLS 1.3, 4 KiB");
        assertThat(search.at("/what_if_network_p50_ms/h2_keepalive").asDouble()).isLessThan(
                search.at("/what_if_network_p50_ms/h2_fresh").asDouble() - 150);

        JsonNode group = own.get(2);
        assertThat(group.get("group").asBoolean()).isTrue();
        assertThat(group.get("in_words").asText()).isEqualTo("group");
        assertThat(group.get("network_prediction_ms").isNull()).isTrue();
        assertThat(group.get("what_if_network_p50_ms")).isEmpty();

        List<String> csv = Files.readAllLines(tmp.resolve("out/own-requests.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("name,request_kind,measured_p50_ms,baseline_p50_ms,network_cost_ms,");
        assertThat(csv.get(1)).startsWith("login,\"HTTP/1.1, kept-alive, 512 B\",");
        assertThat(tmp.resolve("out/what-if-strategies.csv")).exists();

        String page = Files.readString(html);
        assertThat(page).contains("<h2 id=\"own-requests\">Your requests</h2>").contains("browse / search")
                .contains("HTTP/2, fresh TLS 1.3, 4 KiB").doesNotContain("protocol=h2");
    }
}
