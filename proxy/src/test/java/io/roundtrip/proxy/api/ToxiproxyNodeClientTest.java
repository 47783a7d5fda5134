package io.roundtrip.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.roundtrip.proxy.TestUpstream;
import io.roundtrip.testing.Required;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real toxiproxy-node-client (npm, 4.1.0, unchanged) against roundtrip's API: {@code checks.js} runs the
 * client's own README and test values and prints {@code ok NAME} / {@code not ok NAME: reason} per check. The client
 * is installed once under {@code target/node-client}. Without node and npm the test is skipped, unless
 * {@code ROUNDTRIP_REQUIRE_NODE=1}, which makes it fail instead.
 */
class ToxiproxyNodeClientTest {

    static final String CLIENT = "toxiproxy-node-client@4.1.0";
    /** The number of checks {@code checks.js} runs; a check that silently disappears fails the test. */
    static final int EXPECTED_CHECKS = 24;

    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @Test
    void theNodeClientDrivesTheApi() throws Exception {
        requireTools();
        Path prefix = Path.of(System.getProperty("basedir", "."), "target", "node-client").toAbsolutePath();
        install(prefix);
        Path script = Path.of(resource("/toxiproxy-node-client/checks.js"));

        try (TestUpstream echo = TestUpstream.echo();
                TestApi server = TestApi.start()) {
            String api = "http://127.0.0.1:" + server.port();
            Run run = run(List.of("node", script.toString(), api, Integer.toString(echo.address().getPort()),
                    prefix.toString()), RUN_TIMEOUT_SECONDS);
            List<String> checks = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (String line : run.output.split("\n")) {
                if (line.startsWith("ok ")) {
                    checks.add(line);
                } else if (line.startsWith("not ok ")) {
                    checks.add(line);
                    failed.add(line);
                }
            }
            assertThat(failed).as("failed checks; node's output:%n%s", run.output).isEmpty();
            assertThat(checks).as("checks run; node's output:%n%s", run.output).hasSize(EXPECTED_CHECKS);
            assertThat(run.exitCode).as("node's exit status; output:%n%s", run.output).isZero();
        }
    }

    /** Skips (one line) without node and npm, or fails when ROUNDTRIP_REQUIRE_NODE=1. */
    private static void requireTools() {
        for (String tool : List.of("node", "npm")) {
            String problem;
            try {
                Run version = run(List.of(tool, "--version"), 30);
                problem = version.exitCode == 0 ? null : tool + " --version exited " + version.exitCode;
            } catch (IOException e) {
                problem = tool + " not found: " + e.getMessage();
            }
            Required.orSkip(problem == null, "ROUNDTRIP_REQUIRE_NODE", problem);
        }
    }

    /** npm install, once per build directory. */
    private static void install(Path prefix) throws IOException {
        Path installed = prefix.resolve("node_modules/toxiproxy-node-client/package.json");
        if (Files.isRegularFile(installed)
                && Files.readString(installed).contains("\"version\": \"4.1.0\"")) {
            return;
        }
        Files.createDirectories(prefix);
        Run npm = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(), CLIENT),
                INSTALL_TIMEOUT_SECONDS);
        assertThat(npm.exitCode).as("npm install %s; output:%n%s", CLIENT, npm.output).isZero();
        assertThat(installed).as("installed client").isRegularFile();
    }

    private static String resource(String name) throws URISyntaxException {
        return ToxiproxyNodeClientTest.class.getResource(name).toURI().getPath();
    }

    private record Run(int exitCode, String output) {}

    /** Runs a command (stderr into stdout), killed after {@code timeoutSeconds}. */
    private static Run run(List<String> command, long timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; output so far:\n"
                        + output.getNow("(none)"));
            }
            return new Run(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read the output of " + command, e);
        }
    }
}
