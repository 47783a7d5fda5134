package io.roundtrip.origin;

import static io.roundtrip.origin.Clients.assertPattern;
import static io.roundtrip.origin.Clients.get;
import static io.roundtrip.origin.Clients.getText;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint over HTTP/1.1 with the JDK's HttpClient, and every bad input over a raw socket. */
class OriginHttp1Test {

    private static Origin origin;
    private static HttpClient client;
    private static URI base;

    @BeforeAll
    static void start() {
        origin = Origin.start(OriginConfig.builder().port(0).tlsPort(-1).maxBodyBytes(64 * 1024)
                .maxHeaderBytes(4096).build());
        client = Clients.http(origin, HttpClient.Version.HTTP_1_1);
        base = origin.httpUri();
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    private static void assertStillServes() throws Exception {
        HttpResponse<byte[]> response = get(client, base.resolve("/bytes/10"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertPattern(response.body(), 10);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "1000,1000", "64KiB,65536", "65537,65537", "1MiB,1048576", "3MiB,3145728"})
    void bytesReturnsExactlyNPatternBytes(String size, long expected) throws Exception {
        HttpResponse<byte[]> response = get(client, base.resolve("/bytes/" + size));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(expected);
        assertPattern(response.body(), expected);
    }

    /** A GET the origin cannot serve: its status, one line saying why, and the connection's next request served. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        # sizes that are not sizes, or over the 1 GiB cap
        /bytes/lots                  | 400 | Bad Request
        /bytes/-5                    | 400 | Bad Request
        /bytes/2GiB                  | 400 | Bad Request
        /bytes/1.5GiB                | 400 | Bad Request
        /bytes/1025MiB               | 400 | Bad Request
        # a delay over the one-minute cap, or unreadable
        /delay/2h                    | 400 | Bad Request
        /delay/soon                  | 400 | Bad Request
        # statuses outside 200-599, or not a number
        /status/99                   | 400 | Bad Request
        /status/600                  | 400 | Bad Request
        /status/abc                  | 400 | Bad Request
        /status/100                  | 400 | Bad Request
        # a negative resource count, a resource size over the cap, a resource index that is not a number
        /page?resources=-1           | 400 | Bad Request
        /page?resources=10&size=2GiB | 400 | Bad Request
        /res/x?size=1                | 400 | Bad Request
        # no such endpoint
        /                            | 404 | Not Found
        /nothing                     | 404 | Not Found
        /bytes                       | 404 | Not Found
        /bytes/                      | 404 | Not Found
        /bytes/1/2                   | 404 | Not Found
        /stats/x                     | 404 | Not Found
        """)
    void badGetIsAnsweredWithWhyAndTheServerGoesOn(String path, int status, String reason) throws Exception {
        HttpResponse<String> response = getText(client, base.resolve(path));
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).startsWith(status + " " + reason + ": ");
        assertStillServes();
    }

    @Test
    void delayWaitsAtLeastTheDuration() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = getText(client, base.resolve("/delay/150ms"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("delayed 150ms\n");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest
    @CsvSource({"200", "201", "204", "301", "404", "418", "500", "503"})
    void statusAnswersThatStatus(int code) throws Exception {
        HttpResponse<String> response = getText(client, base.resolve("/status/" + code));
        assertThat(response.statusCode()).isEqualTo(code);
        if (code == 204) {
            assertThat(response.body()).isEmpty();
        } else {
            assertThat(response.body()).startsWith(code + " ");
        }
    }

    @Test
    void echoReturnsTheBody() throws Exception {
        String body = "hello origin ".repeat(1000);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/echo"))
                .header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void echoOverTheBodyCapIs413AndTheServerGoesOn() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024 + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertStillServes();
    }

    @Test
    void wrongMethodIs405() throws Exception {
        HttpResponse<String> response = getText(client, base.resolve("/echo"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void pageLinksItsResourcesAndTheyLoad() throws Exception {
        HttpResponse<String> page = getText(client, base.resolve("/page?resources=3&size=2KiB"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<img src=\"/res/0?size=2048\"", "<img src=\"/res/2?size=2048\"")
                .doesNotContain("/res/3");
        HttpResponse<byte[]> resource = get(client, base.resolve("/res/2?size=2048"));
        assertThat(resource.statusCode()).isEqualTo(200);
        assertPattern(resource.body(), 2048);
        assertPattern(get(client, base.resolve("/res/7")).body(), 1024);
    }

    @Test
    void statsIsJson() throws Exception {
        HttpResponse<String> response = getText(client, base.resolve("/stats"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"connections\":{\"opened\":")
                .contains("\"requests\":{\"total\":", "\"HTTP/1.1\":", "\"h2_streams\":0", "\"bytes\":{\"in\":");
    }

    /** Requests the HTTP/1.x decoder refuses, written raw, and the status line each gets. */
    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                refused("malformed request line", "THIS IS NOT HTTP\r\n\r\n", "400 Bad Request"),
                refused("header block over 4 KiB",
                        "GET /bytes/1 HTTP/1.1\r\nhost: x\r\nx-big: " + "a".repeat(5000) + "\r\n\r\n",
                        "431 Request Header Fields Too Large"),
                refused("request line over 8 KiB",
                        "GET /bytes/1?pad=" + "p".repeat(9000) + " HTTP/1.1\r\nhost: x\r\n\r\n",
                        "414 Request-URI Too Long"),
                refused("not HTTP/1.x", "GET /bytes/1 HTTP/3.0\r\nhost: x\r\n\r\n",
                        "505 HTTP Version Not Supported"));
    }

    private static Arguments refused(String name, String request, String status) {
        return Arguments.of(Named.of(name, request), status);
    }

    /**
     * A refused request is answered with its status and the connection closed (the decoder discards the rest); it
     * counts as rejected, never as a request of some protocol, and the server goes on.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void refusedRequestGetsItsStatusAndTheConnectionCloses(String request, String status) throws Exception {
        OriginStats.Snapshot before = origin.stats();
        try (Clients.Raw raw = new Clients.Raw(base)) {
            String answer = raw.send(request).readToClose();
            assertThat(answer).startsWith("HTTP/1.1 " + status + "\r\n").contains("connection: close");
        }
        assertThat(origin.stats().requestsRejected()).isEqualTo(before.requestsRejected() + 1);
        assertThat(origin.stats().requestsByProtocol()).isEqualTo(before.requestsByProtocol());
        assertStillServes();
    }

    @Test
    void oversizedHeaderFromTheJdkClientIs431() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/bytes/1"))
                .header("x-big", "b".repeat(5000)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(431);
        assertStillServes();
    }

    @Test
    void pipelinedResponsesKeepRequestOrderEvenWhenTheFirstIsDelayed() throws Exception {
        try (Clients.Raw raw = new Clients.Raw(base)) {
            String answer = raw.send("GET /delay/100ms HTTP/1.1\r\nhost: x\r\n\r\n"
                    + "GET /bytes/5 HTTP/1.1\r\nhost: x\r\n\r\n"
                    + "GET /status/404 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").readToClose();
            int delayed = answer.indexOf("delayed 100ms");
            int bytes = answer.indexOf("ABCDE");
            int notFound = answer.indexOf("HTTP/1.1 404");
            assertThat(delayed).isPositive();
            assertThat(bytes).isGreaterThan(delayed);
            assertThat(notFound).isGreaterThan(bytes);
        }
    }

    @Test
    void http10GetsItsAnswerAndTheConnectionCloses() throws Exception {
        try (Clients.Raw raw = new Clients.Raw(base)) {
            String answer = raw.send("GET /bytes/3 HTTP/1.0\r\n\r\n").readToClose();
            assertThat(answer).startsWith("HTTP/1.0 200 OK\r\n").endsWith("\r\n\r\nABC");
        }
    }

    @Test
    void listenerOffMeansNoUri() {
        assertThat(origin.httpsPort()).isEqualTo(-1);
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(origin::httpsUri)
                .withMessageContaining("port -1");
        assertThat(origin.config().tlsVersions()).isEqualTo(Set.of("TLSv1.2", "TLSv1.3"));
    }
}
