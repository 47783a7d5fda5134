package io.roundtrip.origin;

import io.roundtrip.model.units.Units;
import static io.roundtrip.origin.Clients.assertPattern;
import static io.roundtrip.origin.Clients.get;
import static io.roundtrip.origin.Clients.getText;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTP/2: over TLS with ALPN (JDK HttpClient), h2c by Upgrade (JDK HttpClient), h2c by prior knowledge (Netty). */
class OriginHttp2Test {

    private static Origin origin;
    private static HttpClient h2;
    private static URI tls;
    private static URI plain;

    @BeforeAll
    static void start() {
        origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).maxBodyBytes(64 * 1024).build());
        h2 = Clients.http(origin, HttpClient.Version.HTTP_2);
        tls = origin.httpsUri();
        plain = origin.httpUri();
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @ParameterizedTest
    @CsvSource({"0", "100", "64KiB", "1MiB"})
    void bytesOverH2WithAlpn(String size) throws Exception {
        HttpResponse<byte[]> response = get(h2, tls.resolve("/bytes/" + size));
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertPattern(response.body(), Units.parseBytes(size));
    }

    @Test
    void everyEndpointOverH2() throws Exception {
        assertThat(getText(h2, tls.resolve("/delay/20ms")).body()).isEqualTo("delayed 20ms\n");
        assertThat(getText(h2, tls.resolve("/status/503")).statusCode()).isEqualTo(503);
        assertThat(getText(h2, tls.resolve("/status/204")).statusCode()).isEqualTo(204);
        assertThat(getText(h2, tls.resolve("/page?resources=2&size=10")).body()).contains("/res/1?size=10");
        assertPattern(get(h2, tls.resolve("/res/1?size=10")).body(), 10);
        assertThat(getText(h2, tls.resolve("/nope")).statusCode()).isEqualTo(404);
        assertThat(getText(h2, tls.resolve("/bytes/huge")).statusCode()).isEqualTo(400);
        HttpResponse<String> echo = h2.send(HttpRequest.newBuilder(tls.resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("over h2")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(echo.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(echo.body()).isEqualTo("over h2");
        HttpResponse<String> tooBig = h2.send(HttpRequest.newBuilder(tls.resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024 + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        HttpResponse<String> stats = getText(h2, tls.resolve("/stats"));
        assertThat(stats.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(stats.body()).contains("\"h2\":");
    }

    @Test
    void concurrentStreamsOnOneConnectionDoNotWaitForTheSlowOne() throws Exception {
        HttpClient client = Clients.http(origin, HttpClient.Version.HTTP_2);
        get(client, tls.resolve("/bytes/1"));   // one connection, then every request below multiplexes on it
        long before = origin.stats().connectionsOpened();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(tls.resolve("/delay/3s")).build(), HttpResponse.BodyHandlers.ofString());
        List<HttpResponse<byte[]>> fast = IntStream.range(0, 20)
                .mapToObj(i -> client.sendAsync(HttpRequest.newBuilder(tls.resolve("/bytes/" + (i * 100))).build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .toList().stream().map(CompletableFuture::join).toList();
        assertThat(slow).isNotDone();
        for (int i = 0; i < fast.size(); i++) {
            assertPattern(fast.get(i).body(), i * 100L);
        }
        assertThat(slow.join().body()).isEqualTo("delayed 3000ms\n");
        assertThat(origin.stats().connectionsOpened()).isEqualTo(before);
    }

    @Test
    void oversizedHeaderListIs431OnThatStreamAndTheConnectionGoesOn() throws Exception {
        HttpClient client = Clients.http(origin, HttpClient.Version.HTTP_2);
        assertThat(get(client, tls.resolve("/bytes/1")).version()).isEqualTo(HttpClient.Version.HTTP_2);
        long connections = origin.stats().connectionsOpened();
        HttpResponse<String> tooBig = client.send(HttpRequest.newBuilder(tls.resolve("/bytes/1"))
                .header("x-big", "b".repeat(9000)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(tooBig.statusCode()).isEqualTo(431);
        assertPattern(get(client, tls.resolve("/bytes/7")).body(), 7);
        assertThat(origin.stats().connectionsOpened()).isEqualTo(connections);
    }

    @Test
    void http11OverTlsWhenTheClientOffersOnlyHttp11() throws Exception {
        HttpResponse<byte[]> response = get(Clients.http(origin, HttpClient.Version.HTTP_1_1),
                tls.resolve("/bytes/64KiB"));
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertPattern(response.body(), 65536);
    }

    @Test
    void h2cByUpgrade() throws Exception {
        long before = origin.stats().requests("h2c");
        // A large answer to the upgraded request itself: clients fail if it arrives glued to the 101 (see
        // ConnectionState.holdUntilClientPreface), so try it on several fresh connections.
        for (int i = 0; i < 10; i++) {
            HttpClient client = Clients.http(origin, HttpClient.Version.HTTP_2);
            HttpResponse<byte[]> first = get(client, plain.resolve("/bytes/300KiB"));
            assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertPattern(first.body(), 300 * 1024);
            HttpResponse<String> second = getText(client, plain.resolve("/status/201"));
            assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(second.statusCode()).isEqualTo(201);
        }
        assertThat(origin.stats().requests("h2c")).isEqualTo(before + 20);
    }

    @Test
    void h2cByPriorKnowledge() throws Exception {
        long before = origin.stats().requests("h2c");
        try (NettyH2cClient client = new NettyH2cClient(plain)) {
            NettyH2cClient.Response bytes = client.get("/bytes/200000");
            assertThat(bytes.status()).isEqualTo(200);
            assertPattern(bytes.body(), 200000);
            assertThat(client.get("/status/418").status()).isEqualTo(418);
            assertThat(client.get("/nothing/here").status()).isEqualTo(404);
            NettyH2cClient.Response echo = client.post("/echo", "prior knowledge");
            assertThat(new String(echo.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("prior knowledge");
        }
        assertThat(origin.stats().requests("h2c")).isEqualTo(before + 4);
    }
}
