package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.model.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int harness(String... args) {
        CommandLine cli = Harness.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theIssuesExamplePrintsATable() {
        assertThat(harness("model", "--rtt", "56ms", "--protocol", "h1", "--connection", "fresh", "--tls", "none",
                "--size", "65535", "--server-time", "40ms")).isZero();
        String table = out.toString();
        assertThat(table).contains("tcp_handshake           1.00        56.00")
                .contains("transfer                2.50       140.00")
                .contains("total                   4.00       264.00")
                .contains("mean 264.00 ms").contains("(exact)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        assertThat(harness("model", "--profile", "cross-continent", "--jitter", "normal:5ms", "--protocol", "h2",
                "--tls", "1.3", "--size", "64KiB", "--samples", "20000", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<String> names = new ArrayList<>();
        for (JsonNode phase : json.get("phases")) {
            names.add(phase.get("name").asText());
            assertThat(phase.get("rtts").isNumber()).isTrue();
            assertThat(phase.get("ms").isNumber()).isTrue();
        }
        assertThat(names).containsExactlyElementsOf(Phase.NAMES);
        assertThat(json.get("mean_ms").asDouble()).isCloseTo(400, withPercentage(5));
        JsonNode p = json.get("percentiles_ms");
        assertThat(p.get("p50").asDouble()).isLessThanOrEqualTo(p.get("p90").asDouble());
        assertThat(p.get("p90").asDouble()).isLessThanOrEqualTo(p.get("p99").asDouble());
        assertThat(p.get("p99").asDouble()).isLessThanOrEqualTo(p.get("p999").asDouble());
        assertThat(json.get("method").asText()).startsWith("monte-carlo (20000 samples");
        assertThat(json.get("profile").get("rtt").asText()).isEqualTo("80ms");
    }

    @Test
    void pageLoadsQueueOnSixConnections() throws Exception {
        assertThat(harness("model", "--rtt", "100ms", "--resources", "12", "--resource-size", "10kB", "--json"))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        // Two resources per connection: the second waits for the first (0.5 + 0.5 RTT).
        assertThat(json.get("phases").get(7).get("ms").asDouble()).isEqualTo(100.0);
        assertThat(json.get("mean_ms").asDouble()).isEqualTo(300.0);
    }

    @Test
    void badFlagsAreOneLineAndExitTwo() {
        String[][] bad = {
            {"model", "--rtt", "fast"},
            {"model", "--protocol", "h3"},
            {"model", "--connection", "sometimes"},
            {"model", "--tls", "1.1"},
            {"model", "--dns", "maybe"},
            {"model", "--size", "lots"},
            {"model", "--server-time", "soon"},
            {"model", "--resources", "-1"},
            {"model", "--loss", "120%"},
            {"model", "--profile", "mars"},
            {"model", "--samples", "0"},
            {"model", "--frobnicate"},
        };
        for (String[] args : bad) {
            err.getBuffer().setLength(0);
            assertThat(harness(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args)).startsWith("harness model: ").hasLineCount(1);
        }
    }

    @Test
    void helpNamesTheRequestFlagsAndTheProfileFlags() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            assertThat(harness("model", "--help")).isZero();
        } finally {
            System.setErr(original);
        }
        assertThat(warnings.toString()).as("picocli format warnings (an unescaped %)").doesNotContain("WARN");
        assertThat(out.toString()).contains("--protocol", "--connection", "--tls", "--dns", "--size", "--server-time",
                "--resources", "--resource-size", "--json", "--answers", "--profile", "--rtt", "--jitter", "--loss");
    }

    @Test
    void measuredClientBehaviourFlags() throws Exception {
        assertThat(harness("model", "--profile", "cross-continent", "--protocol", "h2", "--tls", "1.3",
                "--resources", "12", "--resource-size", "8KiB", "--document-size", "1KiB", "--h2-waits-for-settings",
                "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("mean_ms").asDouble()).isCloseTo(560, withPercentage(0.1));
        assertThat(json.get("quantiles_ms")).hasSize(101);
        assertThat(json.get("quantiles_ms").get(50).get(0).asDouble()).isEqualTo(0.5);
        assertThat(json.get("quantiles_ms").get(50).get(1).asDouble()).isCloseTo(560, withPercentage(0.1));
        assertThat(json.get("request").asText()).contains("document 1024 B first").contains("waits for SETTINGS");

        out.getBuffer().setLength(0);
        assertThat(harness("model", "--profile", "cross-continent", "--protocol", "h1", "--tls", "1.3",
                "--resources", "12", "--resource-size", "8KiB", "--document-size", "1KiB")).isZero();
        assertThat(out.toString()).contains("total                   7.00       560.00");

        assertThat(harness("model", "--document-size", "lots")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void h2ReceiveWindowFlag() throws Exception {
        assertThat(harness("model", "--profile", "cross-continent", "--protocol", "h2", "--tls", "1.3",
                "--resources", "12", "--resource-size", "8KiB", "--document-size", "571", "--h2-waits-for-settings",
                "--h2-receive-window", "65535", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("mean_ms").asDouble()).isCloseTo(640, withPercentage(0.1));
        assertThat(json.get("request").asText()).contains("receive window 65535 B");

        out.getBuffer().setLength(0);
        assertThat(harness("model", "--profile", "cross-continent", "--protocol", "h2", "--tls", "1.3",
                "--resources", "12", "--resource-size", "8KiB", "--document-size", "571", "--h2-waits-for-settings",
                "--h2-receive-window", "unbounded", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("mean_ms").asDouble())
                .isCloseTo(560, withPercentage(0.1));

        assertThat(harness("model", "--h2-receive-window", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("RFC 9113");
    }
}
