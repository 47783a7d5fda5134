package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            CommandLine sub = cli.getSubcommands().get("proxy");
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("proxy",
                    "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:" + upstream.getLocalPort(),
                    "--rtt", "40ms", "--no-slow-start", "--api", "127.0.0.1:0", "--event-loops", "1"));
            Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
            Matcher m = listening.matcher("");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(m = listening.matcher(out.toString())).find() || !out.toString().contains("transport")) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20); // polling the command's printed output: it has no other signal
            }
            assertThat(out.toString()).contains("api on http://127.0.0.1:");
            int port = Integer.parseInt(m.group(1));
            firstByteMillis(port); // warm-up: the first connection of a JVM pays class loading
            // handshake (40) + round trip (40); median of three fresh connections
            double[] firstBytes = {firstByteMillis(port), firstByteMillis(port), firstByteMillis(port)};
            java.util.Arrays.sort(firstBytes);
            assertThat(firstBytes[1]).isBetween(80.0, 130.0);
            ((ProxyCommand) sub.getCommand()).stop.countDown();
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
        CommandLine sub = cli.getSubcommands().get("proxy");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("proxy",
                "--config", file.toString(), "--api", "127.0.0.1:0", "--event-loops", "1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.toString().contains("transport")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            assertThat(exit).isNotDone();
            Thread.sleep(20); // polling the command's printed output: it has no other signal
        }
        assertThat(out.toString()).contains("proxy db listening on 127.0.0.1:").contains("-> 127.0.0.1:5432");
        ((ProxyCommand) sub.getCommand()).stop.countDown();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
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
