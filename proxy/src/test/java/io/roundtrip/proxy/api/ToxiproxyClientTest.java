package io.roundtrip.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import io.roundtrip.proxy.TestClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real toxiproxy Java client, unchanged, against roundtrip's API. */
class ToxiproxyClientTest {

    @RegisterExtension
    final RunningApi api = new RunningApi();
    private ToxiproxyClient client;
    private ServerSocket echo;

    @BeforeEach
    void start() throws IOException {
        client = new ToxiproxyClient("127.0.0.1", api.port());
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    new Thread(() -> {
                        try (s) {
                            InputStream in = s.getInputStream();
                            OutputStream out = s.getOutputStream();
                            byte[] buf = new byte[4096];
                            int n;
                            while ((n = in.read(buf)) >= 0) {
                                out.write(buf, 0, n);
                            }
                        } catch (IOException ignored) {
                            // peer gone
                        }
                    }).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
    }

    @Test
    void drivesProxiesAndToxicsThroughTheRealClient() throws Exception {
        assertThat(client.version()).isNotBlank();
        Proxy p = client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:" + echo.getLocalPort());
        assertThat(p.getListen()).startsWith("127.0.0.1:").doesNotEndWith(":0");
        assertThat(p.isEnabled()).isTrue();
        int port = Integer.parseInt(p.getListen().substring(p.getListen().lastIndexOf(':') + 1));
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo");
        assertThat(client.getProxy("echo").getUpstream()).endsWith(":" + echo.getLocalPort());
        assertThat(client.getProxyOrNull("nope")).isNull();

        rttNanos(port); // warm-up: the first connection pays class loading
        // never early (each of three round trips); the fastest short of the next wrong answer (the latency twice,
        // or still there once removed)
        assertThat(fastestRttMillis(port, 60.0)).isLessThan(60.0);
        Latency latency = p.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 60);
        assertDelayed(port, 60.0, 100.0); // short of the update's 100
        latency.setLatency(100);
        assertThat(((Latency) p.toxics().get("slow")).getLatency()).isEqualTo(100);
        assertDelayed(port, 100.0, 200.0);
        latency.setToxicity(0f);
        assertThat(p.toxics().getAll()).hasSize(1);
        latency.remove();
        assertThat(p.toxics().getAll()).isEmpty();
        assertThat(fastestRttMillis(port, 60.0)).isLessThan(60.0);

        p.toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 100);
        p.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 10);
        p.toxics().slicer("sl", ToxicDirection.UPSTREAM, 100, 5);
        p.toxics().limitData("ld", ToxicDirection.UPSTREAM, 1_000_000);
        p.toxics().timeout("to", ToxicDirection.UPSTREAM, 100_000);
        p.toxics().resetPeer("rp", ToxicDirection.UPSTREAM, 100_000);
        assertThat(p.toxics().getAll()).hasSize(6);
        IOException duplicate = assertThrows(IOException.class,
                () -> p.toxics().latency("bw", ToxicDirection.DOWNSTREAM, 5));
        assertThat(duplicate.getMessage()).contains("409");

        p.disable();
        assertThat(client.getProxy("echo").isEnabled()).isFalse();
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
        p.enable();
        client.reset();
        assertThat(client.getProxy("echo").toxics().getAll()).isEmpty();
        assertThat(fastestRttMillis(port, 60.0)).isLessThan(60.0);

        p.delete();
        assertThat(client.getProxies()).isEmpty();
    }

    /** Every round trip at least {@code atLeast} ms, the fastest under {@code fastestUnder}. */
    private static void assertDelayed(int port, double atLeast, double fastestUnder) throws Exception {
        long[] r = rtts(port, fastestUnder);
        for (long nanos : r) {
            assertThat(nanos / 1e6).as("never early").isGreaterThanOrEqualTo(atLeast);
        }
        assertThat(TestClients.minMillis(r)).as("the fastest of %s ns", Arrays.toString(r)).isLessThan(fastestUnder);
    }

    private static double fastestRttMillis(int port, double fastestUnder) throws Exception {
        return TestClients.minMillis(rtts(port, fastestUnder));
    }

    /**
     * Three fresh-connection round trips, more while none is under {@code fastestUnder} ms (load only ever adds to
     * a round trip: see {@link TestClients#samplesUntilFastestUnder}).
     */
    private static long[] rtts(int port, double fastestUnder) throws Exception {
        return TestClients.samplesUntilFastestUnder(3, fastestUnder, () -> rttNanos(port));
    }

    private static long rttNanos(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(5000);
            byte[] ping = new byte[16];
            Arrays.fill(ping, (byte) 1);
            long start = System.nanoTime();
            s.getOutputStream().write(ping);
            int got = 0;
            while (got < ping.length) {
                int n = s.getInputStream().read(new byte[16], 0, ping.length - got);
                if (n < 0) {
                    throw new IOException("EOF");
                }
                got += n;
            }
            return System.nanoTime() - start;
        }
    }
}
