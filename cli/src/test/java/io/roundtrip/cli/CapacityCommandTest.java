package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CapacityCommandTest {

    /** Schwartz's Cisco benchmark, as published in codahale/usl4j. */
    static final String CISCO_CSV = "concurrency,throughput\n"
            + "1,955.16\n2,1878.91\n3,2688.01\n4,3548.68\n5,4315.54\n6,5130.43\n7,5931.37\n8,6531.08\n9,7219.8\n"
            + "10,7867.61\n11,8278.71\n12,8646.7\n13,9047.84\n14,9426.55\n15,9645.37\n16,9897.24\n17,10097.6\n"
            + "18,10240.5\n19,10532.39\n20,10798.52\n21,11151.43\n22,11518.63\n23,11806\n24,12089.37\n"
            + "25,12075.41\n26,12177.29\n27,12211.41\n28,12158.93\n29,12155.27\n30,12118.04\n31,12140.4\n32,12074.39\n";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Harness.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void uslFitOfTheCiscoSweepAsJson() throws IOException {
        Path csv = Files.writeString(dir.resolve("cisco.csv"), CISCO_CSV);
        Run run = run("capacity", "--usl", csv.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("sigma").asDouble()).isCloseTo(0.02671591, withinPercentage(0.02));
        assertThat(json.get("kappa").asDouble()).isCloseTo(7.690945e-4, withinPercentage(0.02));
        assertThat(json.get("lambda").asDouble()).isCloseTo(995.6486, withinPercentage(0.02));
        assertThat(json.get("n_max").isIntegralNumber()).isTrue();
        assertThat(json.get("n_max").asLong()).isEqualTo(35);
        assertThat(json.get("x_max").asDouble()).isCloseTo(12341, withinPercentage(0.02));
    }

    @Test
    void uslFitReadsHeaderlessCsvAndSpeaksPlainly() throws IOException {
        Path csv = Files.writeString(dir.resolve("cisco.csv"), CISCO_CSV.substring(CISCO_CSV.indexOf('\n') + 1));
        Run run = run("capacity", "--usl", csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("sigma  = 0.0267159").contains("N_max = 35").contains("X_max = 12341.7 req/s");
    }

    @Test
    void threePointsAreOneClearLineAndExit2() throws IOException {
        Path csv = Files.writeString(dir.resolve("short.csv"), "concurrency,throughput\n1,100\n2,190\n4,350\n");
        Run run = run("capacity", "--usl", csv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n")
                .contains("a USL fit needs at least 6 (concurrency, throughput) points, got 3");
    }

    @Test
    void badCsvCellNamesItsLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "1,100\n2,lots\n");
        Run run = run("capacity", "--usl", csv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("line 2").contains("'lots' is not a number");
    }

    @Test
    void littleAndErlangAsJson() throws IOException {
        Run run = run("capacity", "--rate", "2000/s", "--latency", "170ms", "--wait-probability", "1%", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("busy_connections").asDouble()).isCloseTo(340, within(1e-9));
        assertThat(json.get("pool_size").asInt()).isEqualTo(386);
        assertThat(json.get("wait_probability").asDouble()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void aZeroRateIsOneClearLineAndExit2() {
        Run run = run("capacity", "--rate", "0/s", "--latency", "10ms");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").contains("a rate must be above zero");
    }

    @Test
    void littleAndErlangInSentences() {
        Run run = run("capacity", "--rate", "2000/s", "--latency", "170ms", "--wait-probability", "1%");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("2000 req/s x 170ms = 340 busy connections")
                .contains("a pool of 386 connections keeps P(wait) <= 1%");
    }

    @Test
    void whatIfTakesTheLatencyFromTheModel() throws IOException {
        Run run = run("capacity", "--rate", "2000/s", "--profile", "cross-ocean", "--protocol", "h2",
                "--connection", "keepalive", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("profile").asText()).isEqualTo("cross-ocean");
        // a keep-alive request of 1000 bytes on a 150 ms path: one round trip
        assertThat(json.get("predicted_mean_ms").asDouble()).isCloseTo(150, within(1.0));
        assertThat(json.get("busy_connections").asDouble())
                .isCloseTo(2 * json.get("predicted_mean_ms").asDouble(), within(1e-6));
        assertThat(json.get("pool_size").asInt()).isGreaterThan(300);

        Run both = run("capacity", "--rate", "2000/s", "--profile", "cross-ocean", "--latency", "170ms");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("one of --latency or --profile");
        Run unknown = run("capacity", "--rate", "2000/s", "--profile", "moon");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("bad profile 'moon': no such preset or file");

        // any profile flag asks the model; the request flags default as in `harness model` (a fresh connection)
        Run flags = run("capacity", "--rate", "100/s", "--rtt", "100ms", "--handshake", "off", "--json");
        assertThat(flags.exit()).as(flags.err()).isZero();
        JsonNode fresh = new ObjectMapper().readTree(flags.out());
        assertThat(fresh.get("predicted_mean_ms").asDouble()).isCloseTo(100, within(1.0));
        assertThat(fresh.get("request_kind").asText()).contains("fresh");
    }

    @Test
    void missingQuestionOrBadRateIsOneLineExit2() {
        Run none = run("capacity");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip()).doesNotContain("\n").contains("--usl");
        Run bad = run("capacity", "--rate", "fast", "--latency", "170ms");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad request rate 'fast'");
    }
}
