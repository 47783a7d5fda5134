package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.proxy.ProxyServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ProxyCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "--listen 127.0.0.1:0",
        "--listen 127.0.0.1:0 --upstream nowhere",
        "--listen 127.0.0.1:99999 --upstream 127.0.0.1:80",
        "--listen 127.0.0.1:0 --upstream 127.0.0.1:0",
        "--listen 127.0.0.1:0 --upstream 127.0.0.1:80 --rtt fast",
        "--listen 127.0.0.1:0 --upstream 127.0.0.1:80 --profile atlantis",
        "--listen 127.0.0.1:0 --upstream 127.0.0.1:80 --loss 150%",
        "--listen 127.0.0.1:0 --upstream 127.0.0.1:80 --event-loops 0",
        "--bogus",
    })
    void badInputIsOneLineAndExit2(String args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Harness.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute(("proxy " + args).split(" "));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("Exception").isNotEmpty();
    }

    @Test
    void helpExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine cli = Harness.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("proxy", "--help")).isZero();
        assertThat(out.toString()).contains("--listen").contains("--rtt").contains("--no-handshake").contains("--api");
    }

    @Test
    void proxiesThroughTheProfileAndStopsWhenAsked() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try (Socket s = upstream.accept()) {
                        InputStream in = s.getInputStream();
                        OutputStream o = s.getOutputStream();
                        int b;
                        while ((b = in.read()) >= 0) {
                            o.write(b);
                        }
                    } catch (Exception e) {
                        if (upstream.isClosed()) {
                            return;
                        }
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            StringWriter out = new StringWriter();
            CommandLine cli = Harness.commandLine();
            cli.setOut(new PrintWriter(out, true));
            ProxyCommand command = (ProxyCommand) cli.getSubcommands().get("proxy").getCommand();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("proxy",
                    "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:" + upstream.getLocalPort(),
                    "--rtt", "40ms", "--no-slow-start", "--api", "127.0.0.1:0", "--event-loops", "1"));
            try {
                ProxyCommand.Running running = command.started.get(10, TimeUnit.SECONDS);
                ProxyServer proxy = running.proxy();
                int port = proxy.listener("proxy").address().getPort();
                assertThat(out.toString()).contains("listening on 127.0.0.1:" + port).contains("transport")
                        .contains("api on http://127.0.0.1:" + running.api().address().getPort());
                firstByteMillis(port); // warm-up: the first connection of a JVM pays class loading
                // handshake (40) + round trip (40); median of three fresh connections
                double[] firstBytes = {firstByteMillis(port), firstByteMillis(port), firstByteMillis(port)};
                java.util.Arrays.sort(firstBytes);
                assertThat(firstBytes[1]).isBetween(80.0, 130.0);
            } finally {
                command.stop.countDown(); // even when an assertion failed: never leave the proxy running
            }
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void createsTheProxiesOfAPopulateFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("proxies.json");
        java.nio.file.Files.writeString(file, "[{\"name\": \"db\", \"listen\": \"127.0.0.1:0\", "
                + "\"upstream\": \"127.0.0.1:5432\", \"toxics\": [{\"type\": \"latency\", "
                + "\"attributes\": {\"latency\": 20}}]}]");
        StringWriter out = new StringWriter();
        CommandLine cli = Harness.commandLine();
        cli.setOut(new PrintWriter(out, true));
        ProxyCommand command = (ProxyCommand) cli.getSubcommands().get("proxy").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("proxy",
                "--config", file.toString(), "--api", "127.0.0.1:0", "--event-loops", "1"));
        try {
            ProxyServer proxy = command.started.get(10, TimeUnit.SECONDS).proxy();
            assertThat(proxy.listener("db").upstream().getPort()).isEqualTo(5432);
            assertThat(out.toString()).contains("proxy db listening on 127.0.0.1:").contains("-> 127.0.0.1:5432");
        } finally {
            command.stop.countDown(); // even when an assertion failed: never leave the proxy running
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void theStartedSignalFailsWhenTheCommandFailsBeforeStarting() {
        CommandLine cli = Harness.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.setOut(new PrintWriter(new StringWriter()));
        ProxyCommand command = (ProxyCommand) cli.getSubcommands().get("proxy").getCommand();
        assertThat(cli.execute("proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:0")).isEqualTo(2);
        assertThat(command.started).isCompletedExceptionally();
    }

    @Test
    void aBadPopulateFileIsOneLineAndExit2(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("proxies.json");
        java.nio.file.Files.writeString(file, "[{\"name\": \"db\"}]");
        StringWriter err = new StringWriter();
        CommandLine cli = Harness.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("proxy", "--config", file.toString(), "--api", "127.0.0.1:0")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("missing upstream").doesNotContain("\n");
    }

    private static double firstByteMillis(int port) throws Exception {
        {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5000);
                long start = System.nanoTime();
                s.getOutputStream().write('x');
                assertThat(s.getInputStream().read()).isEqualTo('x');
                return (System.nanoTime() - start) / 1e6;
            }
        }
    }
}
