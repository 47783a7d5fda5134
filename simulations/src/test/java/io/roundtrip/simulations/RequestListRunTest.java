package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.gatling.LatencyRecording;
import io.roundtrip.gatling.RunStart;
import io.roundtrip.gatling.RunSummary;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in scenarios against a target roundtrip did not write (nginx), replaying the user's request list: the
 * requests are the user's, never the origin's {@code /bytes/N}; each is recorded per name exactly as Gatling counts
 * it, with its own prediction; a malformed list stops the run before any traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestListRunTest {

    private static final List<String> REQUESTS = List.of("GET /api/items", "POST /api/login", "GET /static/app.js");

    private NginxTarget nginx;
    private GatlingRun run;

    @BeforeAll
    void replayAgainstNginx(@TempDir Path work) throws Exception {
        nginx = NginxTarget.startOrSkip();
        Path list = work.resolve("requests.txt");
        Files.writeString(work.resolve("login.json"), "{\"user\":\"ada\",\"password\":\"secret\"}");
        Files.writeString(list, """
                # the example's API, by hand
                GET /api/items
                    Accept: application/json
                POST /api/login < login.json
                    Content-Type: application/json
                GET /static/app.js
                """, StandardCharsets.UTF_8);
        run = GatlingRun.of(ProtocolComparisonSimulation.class, work.resolve("run"), Map.of(
                "target", nginx.baseUri().toString(), "requests", list.toString(),
                "profile", "none", "rtt", "20ms", "warmup", "1s", "duration", "3s", "users", "2", "rate", "6"))
                .succeeded();
    }

    @AfterAll
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void everyReplayedRequestIsRecordedPerNameAsGatlingCountsIt() throws Exception {
        Path requests = run.runFolder().resolve("requests");
        for (String scenario : List.of("h1-keepalive", "h1-fresh", RunSummary.NOISE_FLOOR)) {
            long inScenario = 0;
            for (String request : REQUESTS) {
                Path hlog = requests.resolve(LatencyRecording.fileSafe(scenario + " / " + request) + ".hlog");
                ScenarioLatencies log = LatencyLogReader.read(hlog);
                assertThat(log.koCount()).as(hlog.toString()).isZero();
                assertThat(log.okCount()).as(hlog.toString()).isPositive();
                inScenario += log.okCount();
            }
            // the scenario's own nanosecond log counts the same requests, which Gatling counted in its group
            ScenarioLatencies scenarioLog = LatencyLogReader.read(run.runFolder().resolve(scenario + ".hlog"));
            assertThat(scenarioLog.okCount()).as(scenario).isEqualTo(inScenario)
                    .isEqualTo(run.gatlingCounts().get(scenario));
        }
        assertThat(requests.resolve("run.json")).exists();
        assertThat(run.stdout()).contains("h1-keepalive / POST /api/login")
                .doesNotContain("/bytes/").doesNotContain("page-h1");
    }

    @Test
    void aHarIsReplayedAsOnePageLoadOfItsOwnOrigin(@TempDir Path work) throws Exception {
        Path har = work.resolve("page.har");
        Files.writeString(har, """
                {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                 "entries": [
                  {"request": {"method": "GET", "url": "https://shop.example.com/", "httpVersion": "h2",
                   "headers": [{"name": ":authority", "value": "shop.example.com"}, {"name": "cookie", "value": "a=1"}]}},
                  {"request": {"method": "GET", "url": "https://cdn.example.net/lib.js", "headers": []}},
                  {"request": {"method": "GET", "url": "https://shop.example.com/static/app.js", "headers": []}},
                  {"request": {"method": "GET", "url": "https://shop.example.com/api/items", "headers": []}}]}}
                """, StandardCharsets.UTF_8);
        GatlingRun page = GatlingRun.of(ProtocolComparisonSimulation.class, work.resolve("run"), Map.of(
                "target", nginx.baseUri().toString(), "requests", har.toString(),
                "profile", "none", "rtt", "20ms", "warmup", "1s", "duration", "2s", "users", "1", "rate", "4"))
                .succeeded();

        assertThat(page.stdout()).contains("roundtrip: replaying 3 requests (a page load from https://shop.example.com;"
                + " 1 to other origins left out)");
        Path requests = page.runFolder().resolve("requests");
        long pages = LatencyLogReader.read(page.runFolder().resolve("page-h1.hlog")).okCount();
        assertThat(pages).isPositive().isEqualTo(page.gatlingCounts().get("page-h1"));
        for (String request : List.of("GET /", "GET /static/app.js", "GET /api/items")) {
            ScenarioLatencies log = LatencyLogReader.read(
                    requests.resolve(LatencyRecording.fileSafe("page-h1 / " + request) + ".hlog"));
            assertThat(log.okCount()).as(request + ": once per page load").isEqualTo(pages);
        }
    }

    @Test
    void withoutARequestListTheScenariosRequestTheRootOfTheTarget(@TempDir Path work) throws Exception {
        GatlingRun root = GatlingRun.of(ProtocolComparisonSimulation.class, work.resolve("run"), Map.of(
                "target", nginx.baseUri().toString(),
                "profile", "none", "rtt", "10ms", "warmup", "1s", "duration", "2s", "users", "1", "rate", "4"));

        assertThat(root.exitCode()).as("stdout:%n%s%nstderr:%n%s", root.stdout(), root.stderr()).isZero();
        assertThat(root.stdout()).contains("h1-keepalive / GET / ", "h1-fresh / GET / ").doesNotContain("/bytes/");
    }

    @Test
    void aRunWhoseRequestsFailEndsNonZeroWithOneLineNamingTheFirstError(@TempDir Path work) throws Exception {
        Path list = work.resolve("origin-paths.txt");
        Files.writeString(list, "GET /bytes/1024\n"); // the embedded origin's path: nginx answers 404
        GatlingRun failing = GatlingRun.of(ProtocolComparisonSimulation.class, work.resolve("run"), Map.of(
                "target", nginx.baseUri().toString(), "requests", list.toString(),
                "profile", "none", "rtt", "5ms", "warmup", "0s", "duration", "2s", "users", "1", "rate", "2"));

        assertThat(failing.exitCode()).as("stdout:%n%s", failing.stdout()).isNotZero();
        assertThat(failing.stderr().lines().filter(l -> l.startsWith("roundtrip: scenario h1-keepalive:")))
                .singleElement().asString()
                .matches("roundtrip: scenario h1-keepalive: (\\d+) of \\1 requests failed \\(100\\.0%, above"
                        + " -DmaxKo=1\\.0%\\); first: 404 on GET /bytes/1024");
    }

    @Test
    void aMalformedRequestListStopsTheRunBeforeAnyTraffic(@TempDir Path work) throws Exception {
        Path list = work.resolve("bad.txt");
        Files.writeString(list, "GET /api/items\nFETCH /nothing\n");
        GatlingRun bad = GatlingRun.of(ProtocolComparisonSimulation.class, work.resolve("run"), Map.of(
                "target", nginx.baseUri().toString(), "requests", list.toString()));

        assertThat(bad.exitCode()).isEqualTo(RunStart.BAD_INPUT);
        assertThat(bad.roundtripLines()).singleElement().asString()
                .startsWith("roundtrip: bad -Drequests=" + list + ": bad.txt line 2: ");
        assertThat(bad.stdout() + bad.stderr()).doesNotContain("\tat ");
        assertThat(Files.exists(work.resolve("run/roundtrip"))).as("no run folder: nothing was sent").isFalse();
    }
}
