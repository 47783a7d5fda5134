package io.roundtrip.origin;

import static io.roundtrip.origin.Clients.assertPattern;
import static io.roundtrip.origin.Clients.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and smuggling-shaped HTTP/1.1 over a raw socket. Each ends with one answer (the status the message
 * deserves) and a close: never a hang (the socket's read times out at {@link Clients#TIMEOUT}), never a second
 * answer to a request hidden in the first one's body ({@code GET /status/418} below), and the next client is served.
 */
class OriginHttp1HostileInputTest {

    /** What a request smuggled behind a mis-framed body would ask for: a 418 in the answer means it got through. */
    private static final String SMUGGLED = "GET /status/418 HTTP/1.1\r\nhost: x\r\n\r\n";

    private static Origin origin;

    @BeforeAll
    static void start() {
        origin = Origin.start(OriginConfig.builder().port(0).tlsPort(-1).build());
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    static Stream<Arguments> hostileRequests() {
        String post = "POST /echo HTTP/1.1\r\nhost: x\r\n";
        return Stream.of(
                // RFC 9112 section 6.1: both framings at once is refused (a front end may have used the other one)
                Arguments.of("content-length then chunked", 400,
                        post + "content-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("chunked then content-length", 400,
                        post + "transfer-encoding: chunked\r\ncontent-length: 41\r\n\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("chunked not last", 400,
                        post + "transfer-encoding: chunked, identity\r\n\r\n0\r\n\r\n" + SMUGGLED),
                // RFC 9112 section 6.3: differing Content-Length values are unrecoverable framing errors
                Arguments.of("two different content-lengths", 400,
                        post + "content-length: 0\r\ncontent-length: 41\r\n\r\n" + SMUGGLED),
                Arguments.of("a content-length list", 400,
                        post + "content-length: 0, 41\r\n\r\n" + SMUGGLED),
                Arguments.of("a negative content-length", 400, post + "content-length: -1\r\n\r\n" + SMUGGLED),
                Arguments.of("a content-length in hex", 400, post + "content-length: 0x29\r\n\r\n" + SMUGGLED),
                // chunk sizes that are not hex digits, overflow 64 bits, or are negative
                Arguments.of("a chunk size that is not hex", 400,
                        post + "transfer-encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("a chunk size past 2^64", 400,
                        post + "transfer-encoding: chunked\r\n\r\n1" + "0".repeat(17) + "\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("a negative chunk size", 400,
                        post + "transfer-encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("a chunk longer than its size", 400,
                        post + "transfer-encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n" + SMUGGLED),
                // bare LF: RFC 9112 section 2.2 lets a server refuse it; two parsers that disagree on it smuggle
                Arguments.of("bare LF line ends", 400, "GET /bytes/1 HTTP/1.1\nhost: x\n\n" + SMUGGLED),
                Arguments.of("a bare LF after a chunk size", 400,
                        post + "transfer-encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("whitespace before the colon", 400,
                        post + "transfer-encoding : chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
                // header floods: one huge header, a great many small ones (8 KiB header block by default)
                Arguments.of("one 64 KiB header", 431,
                        "GET /bytes/1 HTTP/1.1\r\nhost: x\r\nx-big: " + "a".repeat(64 << 10) + "\r\n\r\n"),
                Arguments.of("10,000 headers", 431,
                        "GET /bytes/1 HTTP/1.1\r\nhost: x\r\n" + "x-h: v\r\n".repeat(10_000) + "\r\n"),
                // RFC 9112 section 3: a request-target longer than the server will parse gets 414
                Arguments.of("a 64 KiB request line", 414,
                        "GET /bytes/1?" + "q".repeat(64 << 10) + " HTTP/1.1\r\nhost: x\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileRequests")
    void answeredOnceAndClosed(String what, int status, String request) throws Exception {
        String answer;
        try (Clients.Raw raw = new Clients.Raw(origin.httpUri())) {
            raw.send(request);
            answer = raw.readToClose();   // throws SocketTimeoutException if the origin neither answers nor closes
        }
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ").contains("connection: close");
        assertThat(answer.split("HTTP/1\\.1 ", -1)).as("exactly one response").hasSize(2);
        assertThat(answer).doesNotContain("418");
        HttpResponse<byte[]> next = get(Clients.http(origin, HttpClient.Version.HTTP_1_1),
                origin.httpUri().resolve("/bytes/10"));
        assertThat(next.statusCode()).isEqualTo(200);
        assertPattern(next.body(), 10);
    }
}
