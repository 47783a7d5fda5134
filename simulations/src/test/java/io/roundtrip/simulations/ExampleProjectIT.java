package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example project as a user runs it: {@code examples/shop} built with its own standalone pom (roundtrip-gatling
 * from the local repository, where this module's pre-integration-test phase installed the reactor's artifacts) and
 * {@code mvn gatling:test} against nginx, a server roundtrip did not write. Checks the run passes, that roundtrip
 * wrote one run folder with one latency log per request name, that those logs count exactly what Gatling counted,
 * and that each request's predicted network cost is within 10% of what was measured (measured − baseline).
 *
 * <p>Run alone: {@code mvn -B verify -pl simulations -am -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ExampleProjectIT}. Skipped when nginx is absent, unless {@code ROUNDTRIP_REQUIRE_NGINX=1} (CI). The
 * example's console and roundtrip's run folder stay in {@code simulations/target/example-project-it/}.
 */
class ExampleProjectIT {

    /** ShopSimulation's Gatling request names. */
    static final List<String> REQUESTS = List.of("login", "list items", "item", "static asset");

    private static final String RTT = "80ms";
    private static final long TIMEOUT_SECONDS = 150;

    /** A row of the statistics table in Gatling's index.html: id, name, then total, OK and KO counts. */
    private static final Pattern GATLING_ROW = Pattern.compile(
            "id=\"stats-table-([^\"]+)\" class=\"ellipsed-name\">([^<]*)</span>.*?"
                    + "<td class=\"value total col-2\">(\\d+)</td>\\s*"
                    + "<td class=\"value ok col-3\">(\\d+)</td>\\s*"
                    + "<td class=\"value ko col-4\">(\\d+)</td>",
            Pattern.DOTALL);

    @Test
    void theShopExampleRunsAgainstNginxAndLogsWhatGatlingCounted() throws Exception {
        Path example = NginxTarget.repositoryRoot().resolve("examples/shop");
        Path work = Path.of("target", "example-project-it").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        Path roundtripResults = work.resolve("roundtrip");
        Path gatlingResults = example.resolve("target/gatling");
        Set<Path> earlierReports = directories(gatlingResults);

        Result run;
        try (NginxTarget nginx = NginxTarget.startOrSkip()) {
            run = mvn(example, work, "gatling:test", "-Dtarget=" + nginx.baseUri(), "-Drtt=" + RTT,
                    "-Dusers=2", "-Dduration=6s", "-Droundtrip.results=" + roundtripResults);
        }
        assertThat(run.exitCode()).as("mvn gatling:test on examples/shop exited with %d; %s", run.exitCode(),
                run.tails()).isZero();

        // Gatling's own counts, from the report it wrote (Gatling 3.15 writes no stats.json: index.html's table).
        List<Path> newReports = directories(gatlingResults).stream().filter(d -> !earlierReports.contains(d))
                .filter(d -> d.getFileName().toString().startsWith("shopsimulation-")).toList();
        assertThat(newReports).as("Gatling's new report folder in %s", gatlingResults).hasSize(1);
        Map<String, long[]> gatling = gatlingCounts(newReports.get(0).resolve("index.html"));
        assertThat(gatling).as("Gatling's request names").containsOnlyKeys(REQUESTS);

        // roundtrip's run folder: one measured .hlog per request name (<name>.baseline.hlog are the baseline pass's).
        Path runFolder = onlyDirectory(roundtripResults);
        assertThat(runFolder.getFileName().toString()).startsWith("shop-");
        Map<String, ScenarioLatencies> logs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(runFolder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".hlog"))
                    .filter(f -> !f.getFileName().toString().endsWith(".baseline.hlog")).sorted().toList()) {
                ScenarioLatencies log = LatencyLogReader.read(file);
                assertThat(logs.put(log.scenario(), log)).as("a second .hlog for %s: %s", log.scenario(), file)
                        .isNull();
            }
        }
        assertThat(logs).as("the .hlog files of %s", runFolder).containsOnlyKeys(REQUESTS);

        for (String name : REQUESTS) {
            long[] counted = gatling.get(name);
            ScenarioLatencies log = logs.get(name);
            assertThat(new long[] {log.okCount() + log.koCount(), log.okCount(), log.koCount()})
                    .as("%s: roundtrip's count, OK and KO vs Gatling's", name).containsExactly(counted);
            assertThat(log.okCount()).as("%s: OK requests", name).isPositive();
            // Every request crossed the path at least once: one round trip is the least it can cost.
            assertThat(log.okMillisAt(50)).as("%s: p50 ms through a %s RTT path", name, RTT).isGreaterThanOrEqualTo(80);
        }

        // Each request predicted from the kind observed: the model's network cost within 10% of measured − baseline.
        JsonNode runJson = new ObjectMapper().readTree(runFolder.resolve("run.json").toFile());
        Map<String, String> table = new LinkedHashMap<>();
        for (JsonNode scenario : runJson.path("scenarios")) {
            String name = scenario.path("name").asText();
            double measured = logs.get(name).okMillisAt(50) - scenario.path("baseline_p50_ms").asDouble(Double.NaN);
            double predicted = scenario.path("network_prediction_ms").asDouble(Double.NaN);
            table.put(name, String.format(java.util.Locale.ROOT, "measured %.1f ms, predicted %.1f ms", measured,
                    predicted));
            assertThat(measured).as("%s: network cost, all: %s", name, table)
                    .isCloseTo(predicted, org.assertj.core.data.Percentage.withPercentage(10));
        }
        assertThat(table).containsOnlyKeys(REQUESTS);
    }

    /** Total, OK and KO by request name, from the statistics table of Gatling's HTML report (All Requests left out). */
    static Map<String, long[]> gatlingCounts(Path indexHtml) throws IOException {
        String html = Files.readString(indexHtml, StandardCharsets.UTF_8);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Matcher row = GATLING_ROW.matcher(html);
        while (row.find()) {
            if (row.group(1).equals("ROOT")) {
                continue;
            }
            String name = unescapeHtml(row.group(2));
            long[] previous = counts.put(name, new long[] {Long.parseLong(row.group(3)), Long.parseLong(row.group(4)),
                    Long.parseLong(row.group(5))});
            assertThat(previous).as("request name %s twice in %s", name, indexHtml).isNull();
        }
        assertThat(counts).as("request rows in %s (has Gatling's report layout changed?)", indexHtml).isNotEmpty();
        return counts;
    }

    /** The example's build, as a user runs it, with this build's Maven, local repository and offline setting. */
    private static Result mvn(Path project, Path work, String... arguments) throws IOException, InterruptedException {
        String mavenHome = System.getProperty("roundtrip.maven.home", "");
        Path mvn = Path.of(mavenHome, "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mavenHome.isEmpty() || !Files.isExecutable(mvn) ? "mvn"
                : mvn.toString(), "-B", "-q", "-f", project.resolve("pom.xml").toString()));
        if (Boolean.parseBoolean(System.getProperty("roundtrip.maven.offline", "false"))) {
            command.add("-o");
        }
        String localRepository = System.getProperty("roundtrip.maven.localRepository", "");
        if (!localRepository.isBlank() && !localRepository.contains("${")) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        command.addAll(List.of(arguments));
        Path out = work.resolve("mvn-stdout.txt");
        Path err = work.resolve("mvn-stderr.txt");
        Files.writeString(work.resolve("mvn-command.txt"), String.join(" ", command) + "\n");
        Process process = new ProcessBuilder(command).directory(project.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // Maven's forked Gatling JVM first
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("mvn gatling:test on " + project + " did not finish within " + TIMEOUT_SECONDS
                    + " s; its output: " + out + ", " + err);
        }
        return new Result(process.exitValue(), out, err);
    }

    record Result(int exitCode, Path stdout, Path stderr) {
        String tails() throws IOException {
            return "stdout (" + stdout + ") ends:\n" + tail(stdout) + "\nstderr (" + stderr + ") ends:\n" + tail(stderr);
        }

        private static String tail(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    private static String unescapeHtml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }

    private static Set<Path> directories(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return Set.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).collect(Collectors.toSet());
        }
    }

    private static Path onlyDirectory(Path parent) throws IOException {
        Set<Path> all = directories(parent);
        assertThat(all).as("run folders in %s", parent).hasSize(1);
        return all.iterator().next();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
