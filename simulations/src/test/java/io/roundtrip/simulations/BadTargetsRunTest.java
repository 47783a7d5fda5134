package io.roundtrip.simulations;

import io.roundtrip.gatling.RunStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures are measured and shown, and a target that does not answer stops the run at once. */
class BadTargetsRunTest {

    @Test
    void failedRequestsAreRecordedAsKoExactlyAsGatlingCountsThem(@TempDir Path work) throws Exception {
        GatlingRun run = GatlingRun.of(FailuresSimulation.class, work, Map.of("profile", "none", "warmup", "0s"))
                .succeeded();
        long gatlingAll = run.gatlingCounts().get(FailuresSimulation.NAME);
        Matcher failed = Pattern.compile("(?m)^" + FailuresSimulation.NAME
                + ": count of failed events is greater than or equal to 1\\.0 : true \\(actual : (\\d+)\\.0\\)$")
                .matcher(run.stdout());
        assertThat(failed.find()).as("Gatling's failed count in:%n%s", run.stdout()).isTrue();
        long gatlingKo = Long.parseLong(failed.group(1));

        ScenarioLatencies log = LatencyLogReader.read(run.runFolder().resolve(FailuresSimulation.NAME + ".hlog"));
        assertThat(gatlingAll).isEqualTo(10);
        assertThat(log.koCount()).isEqualTo(gatlingKo).isEqualTo(5);
        assertThat(log.okCount()).isEqualTo(gatlingAll - gatlingKo);
        assertThat(run.stdout()).containsPattern("(?m)^mixed +5 +5 \\|"); // the table shows requests and KOs
    }

    @Test
    void aTargetThatRefusesConnectionsStopsTheRunWithOneLine(@TempDir Path work) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        GatlingRun run = GatlingRun.of(ProtocolComparisonSimulation.class, work,
                Map.of("target", "http://127.0.0.1:" + closedPort));

        assertThat(run.exitCode()).isEqualTo(RunStart.BAD_INPUT);
        assertThat(run.roundtripLines()).singleElement().asString()
                .startsWith("roundtrip: bad -Dtarget=http://127.0.0.1:" + closedPort + ": cannot connect");
        assertThat(run.stdout() + run.stderr()).doesNotContain("\tat ");
    }
}
