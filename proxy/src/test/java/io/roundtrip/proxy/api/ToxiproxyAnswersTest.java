package io.roundtrip.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.proxy.Addresses;
import io.roundtrip.proxy.TestUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What toxiproxy answers, roundtrip answers: an upstream as it was given (never resolved until a client connects),
 * a listen address as given until it binds and the bound address from then on; values toxiproxy accepts are
 * accepted. (The same through real clients: {@link ToxiproxyClientTest}, {@link ToxiproxyNodeClientTest}.)
 */
class ToxiproxyAnswersTest {

    @RegisterExtension
    final RunningApi api = new RunningApi();
    private TestUpstream echo;

    @BeforeEach
    void start() throws IOException {
        echo = TestUpstream.echo();
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
    }

    @Test
    void anUpstreamIsAnsweredAsGivenAndResolvedOnlyToConnect() throws Exception {
        HttpResponse<String> r = api.send("POST", "/proxies", "{\"name\":\"redis\",\"listen\":\"localhost:0\","
                + "\"upstream\":\"localhost:6379\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).contains("\"upstream\":\"localhost:6379\"").containsPattern("\"listen\":\"127\\.0\\.0\\.1:[1-9]");
        assertThat(api.send("GET", "/proxies/redis", "").body()).contains("\"upstream\":\"localhost:6379\"");
        // a name that does not resolve (yet) is accepted, as toxiproxy dials it only when a client connects
        assertThat(api.send("POST", "/proxies/redis", "{\"upstream\":\"somehost:12345\"}").body())
                .contains("\"upstream\":\"somehost:12345\"");
        assertThat(api.send("POST", "/proxies", "{\"name\":\"any\",\"upstream\":\":6379\"}").body())
                .contains("\"upstream\":\":6379\"");

        HttpResponse<String> e = api.send("POST", "/proxies", "{\"name\":\"echo\",\"listen\":\"localhost:0\","
                + "\"upstream\":\"localhost:" + echo.address().getPort() + "\"}");
        assertThat(e.body()).contains("\"upstream\":\"localhost:" + echo.address().getPort() + "\"");
        assertThat(roundTrip(api.proxy().listener("echo").address().getPort(), 100)).isLessThan(5_000);
    }

    @Test
    void aListenAddressIsAnsweredAsGivenUntilItBindsThenAsBound() throws Exception {
        int port = freePort();
        HttpResponse<String> created = api.send("POST", "/proxies", "{\"name\":\"down\",\"listen\":\"localhost:" + port
                + "\",\"upstream\":\"redis:6379\",\"enabled\":false}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"listen\":\"localhost:" + port + "\"")
                .contains("\"upstream\":\"redis:6379\"").contains("\"enabled\":false");
        HttpResponse<String> enabled = api.send("POST", "/proxies/down", "{\"enabled\":true}");
        assertThat(enabled.body()).contains("\"listen\":\"127.0.0.1:" + port + "\"").contains("\"enabled\":true");
        // disabled again, it keeps the bound address (as toxiproxy, whose proxy.Listen is overwritten on start)
        assertThat(api.send("POST", "/proxies/down", "{\"enabled\":false}").body())
                .contains("\"listen\":\"127.0.0.1:" + port + "\"");
        // sending back what was shown, or the name it came from, is no change
        assertThat(api.send("POST", "/proxies/down", "{\"enabled\":true,\"listen\":\"localhost:" + port + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(api.proxy().listener("down").address().getPort()).isEqualTo(port);
    }

    @Test
    void aSlicerVariationAtOrAboveTheAverageIsAcceptedEchoedAndClamped() throws Exception {
        api.send("POST", "/proxies", "{\"name\":\"echo\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:"
                + echo.address().getPort() + "\"}");
        HttpResponse<String> same = api.send("POST", "/proxies/echo/toxics", "{\"type\":\"slicer\",\"stream\":\"upstream\","
                + "\"attributes\":{\"average_size\":100,\"size_variation\":100,\"delay\":10000}}");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.body()).contains("\"size_variation\":100").contains("\"average_size\":100");
        // 1000 bytes in pieces of 1..199 bytes (at least 6), 10 ms apart, all delivered
        assertThat(roundTrip(api.proxy().listener("echo").address().getPort(), 1000)).isGreaterThanOrEqualTo(45);

        HttpResponse<String> above = api.send("POST", "/proxies/echo/toxics", "{\"name\":\"s2\",\"type\":\"slicer\","
                + "\"attributes\":{\"average_size\":10,\"size_variation\":50}}");
        assertThat(above.statusCode()).isEqualTo(200);
        assertThat(above.body()).contains("\"size_variation\":50");
        // an average of 0 never ends in toxiproxy: still refused
        assertThat(api.send("POST", "/proxies/echo/toxics", "{\"name\":\"s3\",\"type\":\"slicer\","
                + "\"attributes\":{\"average_size\":0,\"size_variation\":5}}").statusCode()).isEqualTo(400);
    }

    @Test
    void durationsToxiproxyAcceptsAreAcceptedAndANegativeOneIsNoDelay() throws Exception {
        api.send("POST", "/proxies", "{\"name\":\"echo\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:"
                + echo.address().getPort() + "\"}");
        int port = api.proxy().listener("echo").address().getPort();
        HttpResponse<String> negative = api.send("POST", "/proxies/echo/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":-5000,\"jitter\":-1}}");
        assertThat(negative.statusCode()).isEqualTo(200);
        assertThat(negative.body()).contains("\"latency\":-5000").contains("\"jitter\":-1");
        roundTrip(port, 10); // warm-up
        assertThat(roundTrip(port, 10)).isLessThan(1_000);
        // longer than an hour, as toxiproxy allows; slow_close, timeout, reset_peer and the slicer's delay alike
        for (String toxic : new String[] {"{\"type\":\"slow_close\",\"attributes\":{\"delay\":7200000}}",
                "{\"type\":\"timeout\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":-1}}",
                "{\"type\":\"reset_peer\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":7200000}}",
                "{\"type\":\"slicer\",\"name\":\"sl\",\"attributes\":{\"average_size\":10,\"delay\":-3}}"}) {
            HttpResponse<String> r = api.send("POST", "/proxies/echo/toxics", toxic);
            assertThat(r.statusCode()).as(toxic).isEqualTo(200);
        }
        assertThat(api.send("GET", "/proxies/echo/toxics", "").body()).contains("\"delay\":7200000")
                .contains("\"timeout\":-1").contains("\"timeout\":7200000").contains("\"delay\":-3");
    }

    /** Sends {@code size} bytes through the proxy's echo and returns the milliseconds until all came back. */
    private static long roundTrip(int port, int size) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 'x');
            long start = System.nanoTime();
            s.getOutputStream().write(payload);
            InputStream in = s.getInputStream();
            byte[] back = in.readNBytes(size);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(back).isEqualTo(payload);
            return millis;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
