package io.roundtrip.simulations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulation run the way {@code mvn gatling:test} runs it: Gatling's own main class in a JVM of its own, with
 * the run's parameters as system properties. Tests read its exit status, its console and its results folders.
 */
record GatlingRun(int exitCode, String stdout, String stderr, Path roundtripResults) {

    private static final long TIMEOUT_SECONDS = 180;
    private static final Pattern COUNT = Pattern.compile(
            "(?m)^(.+): count of all events is greater than or equal to 1\\.0 : (?:true|false) \\(actual : (\\d+)\\.0\\)$");

    /** Runs {@code simulation} with {@code properties} ({@code -Dname=value} each), no Gatling HTML report. */
    static GatlingRun of(Class<?> simulation, Path workDirectory, Map<String, String> properties)
            throws IOException, InterruptedException {
        Files.createDirectories(workDirectory);
        Path roundtripResults = workDirectory.resolve("roundtrip");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Gatling's plugin passes the same: its log writer reaches into java.lang.String.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Xmx1g",
                "-cp", System.getProperty("java.class.path"),
                "-Droundtrip.results=" + roundtripResults));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("io.gatling.app.Gatling", "-s", simulation.getName(),
                "-rf", workDirectory.resolve("gatling").toString(), "-nr"));
        Path out = workDirectory.resolve("stdout.txt");
        Path err = workDirectory.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("simulation did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new GatlingRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), roundtripResults);
    }

    /** This run, once it is known to have exited 0: otherwise an {@link AssertionError} showing its console. */
    GatlingRun succeeded() {
        if (exitCode != 0) {
            throw new AssertionError("Gatling exited with " + exitCode + "; stdout:\n" + stdout
                    + "\nstderr:\n" + stderr);
        }
        return this;
    }

    /** roundtrip's own lines on stderr, each starting {@code roundtrip:} (a bad input's one-line error). */
    List<String> roundtripLines() {
        return stderr.lines().filter(line -> line.startsWith("roundtrip:")).toList();
    }

    /** The request counts Gatling itself reported, by request (or group) name, from its assertion lines. */
    Map<String, Long> gatlingCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = COUNT.matcher(stdout);
        while (m.find()) {
            counts.put(m.group(1).trim(), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    /** The one run folder roundtrip wrote. */
    Path runFolder() throws IOException {
        try (var folders = Files.list(roundtripResults)) {
            List<Path> all = folders.filter(Files::isDirectory).toList();
            if (all.size() != 1) {
                throw new AssertionError("expected one run folder in " + roundtripResults + ", found " + all);
            }
            return all.get(0);
        }
    }
}
