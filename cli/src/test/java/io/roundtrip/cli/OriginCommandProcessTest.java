package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code harness origin} as its own process: prints its addresses, serves, and stops cleanly on SIGTERM. */
class OriginCommandProcessTest {

    private static final Pattern LISTENING =
            Pattern.compile("origin listening on (http://127\\.0\\.0\\.1:\\d+) and (https://127\\.0\\.0\\.1:\\d+) .*");

    @Test
    void servesUntilSigtermThenExitsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Harness.class.getName(), "origin", "--port", "0", "--tls-port", "0")
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            Matcher listening = LISTENING.matcher(first == null ? "" : first);
            assertThat(listening.matches()).as(first).isTrue();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create(listening.group(1) + "/bytes/6")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("ABCDEF");

            process.toHandle().destroy();   // SIGTERM (Process.destroy would also close our ends of its pipes)
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);   // 128 + SIGTERM, after the shutdown hook ran
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(stderr).doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
    }
}
