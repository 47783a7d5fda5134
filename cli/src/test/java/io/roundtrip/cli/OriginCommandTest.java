package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code bin/harness origin} through the real command line: help, bad input, a real start. */
class OriginCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine cli = Harness.commandLine();

    OriginCommandTest() {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
    }

    private OriginCommand command() {
        return (OriginCommand) cli.getSubcommands().get("origin").getCommand();
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(cli.execute("origin", "--help")).isZero();
        assertThat(out.toString()).contains("--port", "--tls-port", "--bind", "--no-keepalive", "--tls-versions",
                "--cert", "--key", "--nagle", "--idle-timeout", "--max-body", "--max-header", "--io-threads",
                "--tls-provider", "--transport", "-1 = off", "/bytes/{n}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port abc|'abc' is not an int",
        "--port 70000|port must be -1 (off), 0 (ephemeral) or 1-65535",
        "--port -1 --tls-port -1|both listeners are disabled",
        "--tls-versions TLSv1.1|unsupported TLS version 'TLSv1.1'",
        "--max-body lots|bad size 'lots'",
        "--max-body 2GiB|max body must be between 0 and 1GiB",
        "--max-header 10|max header must be between 256B and 1MiB",
        "--idle-timeout soon|soon",
        "--transport pigeon|'pigeon' is not one of epoll, nio, auto",
        "--tls-provider wolfssl|'wolfssl' is not one of openssl, jdk, auto",
        "--cert only.pem|give both a certificate and its private key",
        "--cert /nope.pem --key /nope.key|certificate file not readable: /nope.pem",
        "--frobnicate|Unknown option: '--frobnicate'"})
    void badInputIsOneLineAndExitTwo(String args, String message) {
        String[] argv = ("origin " + args).split(" ");
        assertThat(cli.execute(argv)).isEqualTo(2);
        assertThat(err.toString()).contains(message).startsWith("harness origin: ");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void startsPrintsItsAddressesServesAndStopsWhenClosed() {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        command().onStarted = origin -> {
            try {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                        .sslContext(origin.certificate().trustingSslContext()).build();
                answer.set(client.send(HttpRequest.newBuilder(origin.httpsUri().resolve("/bytes/3")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                origin.close();
            }
        };
        int exit = cli.execute("origin", "--port", "0", "--tls-port", "0", "--tls-versions", "TLSv1.3",
                "--idle-timeout", "5s", "--max-body", "1MiB", "--transport", "nio", "--tls-provider", "jdk");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).matches("(?s)origin listening on http://127\\.0\\.0\\.1:\\d+ and "
                + "https://127\\.0\\.0\\.1:\\d+ \\(h2, http/1\\.1; TLSv1\\.3\\)\ntransport nio, TLS engine JDK, "
                + "self-signed certificate; stop with Ctrl-C\n");
        assertThat(answer.get().version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.get().body()).isEqualTo("ABC");
    }

    @Test
    void plainOnlyOriginSaysSo() {
        command().onStarted = Origin::close;
        assertThat(cli.execute("origin", "--port", "0", "--tls-port", "-1")).isZero();
        assertThat(out.toString()).startsWith("origin listening on http://127.0.0.1:").contains("(http/1.1, h2c)")
                .doesNotContain("https");
    }

    @Test
    void portInUseIsOneLineAndExitOne() {
        try (Origin first = Origin.start(OriginConfig.builder().port(0).tlsPort(-1).build())) {
            int exit = cli.execute("origin", "--port", String.valueOf(first.httpPort()), "--tls-port", "-1");
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("harness origin: cannot listen on 127.0.0.1:" + first.httpPort());
            assertThat(err.toString().strip().lines()).hasSize(1);
        }
    }
}
