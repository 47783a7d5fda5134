package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.roundtrip.testing.Required;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The origin against the tools people will point at it: curl (HTTP/1.1, h2 over TLS, h2c both ways, TLS 1.3 only)
 * and openssl s_client (TLS 1.2, TLS 1.3). Skipped where the tool is not installed; .ci/run installs both.
 */
class OriginCurlTest {

    private static Origin origin;
    private static Origin tls12Only;
    private static Path caFile;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).build());
        tls12Only = Origin.start(OriginConfig.builder().port(-1).tlsPort(0).tlsVersions(Set.of("TLSv1.2")).build());
        caFile = dir.resolve("origin.pem");
        Files.writeString(caFile, pem(origin) + pem(tls12Only));
    }

    @AfterAll
    static void stop() {
        origin.close();
        tls12Only.close();
    }

    private static String pem(Origin o) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(o.certificate().certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    record Run(int exit, String out) {}

    private static Run run(String... command) throws IOException, InterruptedException {
        assumeTrue(Required.onPath(command[0]).isPresent(), command[0] + " is not installed");
        // Output goes to a file so that the timeout holds even if the tool hangs without closing its stdout.
        Path output = Files.createTempFile("origin-tool", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command[0] + " did not finish within 20 s");
            }
            return new Run(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Run curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "--cacert",
                caFile.toString(), "-w", "\n%{http_code} %{http_version}"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static String expectedBody(int n) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append(PatternBody.ALPHABET.charAt(i % 64));
        }
        return body.toString();
    }

    @Test
    void curlHttp2OverTls() throws Exception {
        Run run = curl("--http2", origin.httpsUri() + "/bytes/1000");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).isEqualTo(expectedBody(1000) + "\n200 2");
    }

    @Test
    void curlHttp11OverTlsAndPlain() throws Exception {
        assertThat(curl("--http1.1", origin.httpsUri() + "/status/418").out()).endsWith("\n418 1.1");
        assertThat(curl("--http1.1", origin.httpUri() + "/bytes/64").out()).isEqualTo(expectedBody(64) + "\n200 1.1");
    }

    @Test
    void curlH2cByPriorKnowledgeAndByUpgrade() throws Exception {
        assertThat(curl("--http2-prior-knowledge", origin.httpUri() + "/bytes/100000").out())
                .isEqualTo(expectedBody(100000) + "\n200 2");
        assertThat(curl("--http2", origin.httpUri() + "/bytes/10").out()).isEqualTo(expectedBody(10) + "\n200 2");
        for (int i = 0; i < 5; i++) {   // an answer larger than curl's 32 KiB buffer behind the 101
            assertThat(curl("--http2", origin.httpUri() + "/bytes/100KiB").out())
                    .isEqualTo(expectedBody(100 * 1024) + "\n200 2");
        }
    }

    @Test
    void curlTls13OnlyWorksAgainstTheDefaultAndFailsAgainstTls12Only() throws Exception {
        Run ok = curl("-v", "--tlsv1.3", "--tls-max", "1.3", origin.httpsUri() + "/bytes/5");
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("TLSv1.3").endsWith(expectedBody(5) + "\n200 2");
        Run refused = curl("--tlsv1.3", "--tls-max", "1.3", tls12Only.httpsUri() + "/bytes/5");
        assertThat(refused.exit()).isEqualTo(35);   // CURLE_SSL_CONNECT_ERROR
        Run tls12 = curl("-v", "--tlsv1.2", "--tls-max", "1.2", tls12Only.httpsUri() + "/bytes/5");
        assertThat(tls12.out()).contains("TLSv1.2").endsWith(expectedBody(5) + "\n200 2");
    }

    @Test
    void opensslNegotiatesTls12AndTls13WithAlpnH2() throws Exception {
        String target = "127.0.0.1:" + origin.httpsPort();
        Run tls12 = run("openssl", "s_client", "-connect", target, "-tls1_2", "-alpn", "h2,http/1.1",
                "-CAfile", caFile.toString());
        assertThat(tls12.out()).contains("New, TLSv1.2", "ALPN protocol: h2", "Verify return code: 0 (ok)");
        Run tls13 = run("openssl", "s_client", "-connect", target, "-tls1_3", "-alpn", "http/1.1",
                "-CAfile", caFile.toString());
        assertThat(tls13.out()).contains("New, TLSv1.3", "ALPN protocol: http/1.1", "Verify return code: 0 (ok)");
    }
}
