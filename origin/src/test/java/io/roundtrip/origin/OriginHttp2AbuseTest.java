package io.roundtrip.origin;

import static io.roundtrip.origin.Clients.assertPattern;
import static io.roundtrip.origin.Clients.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/2 abuse from a peer that writes raw frames (h2c by prior knowledge and h2 over TLS): rapid reset, ping and
 * settings floods from a peer that does not read, CONTINUATION floods, empty DATA frames. Each must end the
 * connection with the GOAWAY the limit in {@link HttpPipelines} names, after a bounded amount of work, and leave the
 * origin serving a well-behaved client. Each also fails with its limit off (checked by turning each off once).
 */
class OriginHttp2AbuseTest {

    /** How long the origin gets to close an abusive connection: generous for a loaded 2-core machine. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** A receive buffer this small makes a non-reading peer back the origin's writes up quickly. */
    private static final int SMALL_RECEIVE_BUFFER_BYTES = 4096;

    private static Origin origin;

    @BeforeAll
    static void start() {
        origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).build());
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    /** After every attack: a well-behaved h2 client (TLS) and an h2c one still get their answers. */
    @AfterEach
    void originStillServes() throws Exception {
        HttpResponse<byte[]> response = get(Clients.http(origin, HttpClient.Version.HTTP_2),
                origin.httpsUri().resolve("/bytes/1000"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertPattern(response.body(), 1000);
        try (NettyH2cClient h2c = new NettyH2cClient(origin.httpUri())) {
            NettyH2cClient.Response plain = h2c.get("/bytes/10");
            assertThat(plain.status()).isEqualTo(200);
            assertPattern(plain.body(), 10);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void rapidResetEndsWithEnhanceYourCalmAfterBoundedWork(boolean tls) throws Exception {
        int pairs = 5 * HttpPipelines.H2_MAX_RST_FRAMES_PER_WINDOW;
        OriginStats.Snapshot before = origin.stats();
        try (RawHttp2 peer = RawHttp2.connect(origin, tls, 0)) {
            byte[] request = peer.requestBlock("GET", "/bytes/64KiB");
            try {
                for (int i = 0; i < pairs; i++) {
                    int stream = 2 * i + 1;
                    peer.frame(RawHttp2.HEADERS, RawHttp2.END_STREAM | RawHttp2.END_HEADERS, stream, request)
                            .rst(stream, RawHttp2.CANCEL);
                    if (i % 50 == 49) {
                        peer.flush();
                    }
                }
            } catch (IOException closedMidAttack) {
                // the origin hung up while we were still resetting: what the limit is for
            }
            RawHttp2.Seen seen = peer.readToClose(CLOSE_WAIT);
            assertThat(seen.goAwayError()).as("GOAWAY error code").isEqualTo(RawHttp2.ENHANCE_YOUR_CALM);
            assertThat(seen.closed()).as("connection closed by the origin").isTrue();
        }
        OriginStats.Snapshot after = origin.stats();
        // The streams the origin opened (its work and memory) stop near the limit, far short of what was sent.
        assertThat(after.h2Streams() - before.h2Streams())
                .isLessThanOrEqualTo(HttpPipelines.H2_MAX_RST_FRAMES_PER_WINDOW + 1L).isLessThan(pairs);
        assertThat(after.h2GoAwaysSent("ENHANCE_YOUR_CALM") - before.h2GoAwaysSent("ENHANCE_YOUR_CALM"))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void pingFloodFromAPeerThatDoesNotReadIsCutOff(boolean tls) throws Exception {
        assertControlFrameFloodIsCutOff(tls, peer -> peer.ping(42));
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void settingsFloodFromAPeerThatDoesNotReadIsCutOff(boolean tls) throws Exception {
        assertControlFrameFloodIsCutOff(tls, peer -> peer.frame(RawHttp2.SETTINGS, 0, 0, new byte[0]));
    }

    /**
     * Floods control frames that each need an answer (PING or SETTINGS acknowledgement) without reading the answers
     * (CVE-2019-9512, CVE-2019-9515): the answers queue at the origin until the queued-control-frame limit ends the
     * connection. Sends up to 100 times the limit (17 MB, more than the kernel buffers on both ends can hold: up to
     * 4 MiB for the origin's send buffer); with the limit off the origin would queue every answer.
     */
    private static void assertControlFrameFloodIsCutOff(boolean tls, java.util.function.Consumer<RawHttp2> oneFrame)
            throws Exception {
        int cap = 100 * HttpPipelines.H2_MAX_QUEUED_CONTROL_FRAMES;
        OriginStats.Snapshot before = origin.stats();
        int sent = 0;
        try (RawHttp2 peer = RawHttp2.connect(origin, tls, SMALL_RECEIVE_BUFFER_BYTES)) {
            try {
                while (sent < cap) {
                    for (int i = 0; i < 5000; i++) {
                        oneFrame.accept(peer);
                    }
                    peer.flush();
                    sent += 5000;
                }
            } catch (IOException closedMidFlood) {
                // the origin hung up: expected well before the cap
            }
            RawHttp2.Seen seen = peer.readToClose(CLOSE_WAIT);
            assertThat(seen.closed()).as("connection closed by the origin").isTrue();
            // Answers the origin got out before it gave up: bounded by the limit plus what the sockets buffer (how
            // many of our frames were written before it hung up depends on how fast each end runs: not asserted).
            assertThat(seen.pingAcks() + seen.settingsAcks()).isLessThan(cap);
        }
        OriginStats.Snapshot after = origin.stats();
        assertThat(after.h2GoAwaysSent("ENHANCE_YOUR_CALM") - before.h2GoAwaysSent("ENHANCE_YOUR_CALM"))
                .as("GOAWAY(ENHANCE_YOUR_CALM) sent").isEqualTo(1);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void smallContinuationFloodEndsWithEnhanceYourCalm(boolean tls) throws Exception {
        RawHttp2.Seen seen = continuationFlood(tls, 10_000, new byte[0], 500);
        assertThat(seen.goAwayError()).as("GOAWAY error code").isEqualTo(RawHttp2.ENHANCE_YOUR_CALM);
        assertThat(seen.closed()).isTrue();
        assertThat(seen.headers()).as("no response to the endless header block").isZero();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void largeContinuationFloodIsRefusedAtTheHeaderListSize(boolean tls) throws Exception {
        byte[] filler = new byte[1024];   // literal header field bytes, never decoded: the block never ends
        // 4 MiB of header block against an 8 KiB header list limit
        RawHttp2.Seen seen = continuationFlood(tls, 4096, filler, 64);
        // Netty refuses a header block past the header list size as a PROTOCOL_ERROR (not a 431 on the stream:
        // the block never ended, so the connection's HPACK state is lost).
        assertThat(seen.goAwayError()).as("GOAWAY error code").isEqualTo(RawHttp2.PROTOCOL_ERROR);
        assertThat(seen.closed()).isTrue();
        assertThat(seen.headers()).isZero();
    }

    /**
     * A request's HEADERS that never ends its block, then {@code frames} CONTINUATION frames of {@code fragment}
     * (flushed every {@code flushEvery}) until the origin hangs up: what the peer saw until the close.
     */
    private static RawHttp2.Seen continuationFlood(boolean tls, int frames, byte[] fragment, int flushEvery)
            throws Exception {
        try (RawHttp2 peer = RawHttp2.connect(origin, tls, 0)) {
            byte[] request = peer.requestBlock("GET", "/bytes/1");
            peer.frame(RawHttp2.HEADERS, RawHttp2.END_STREAM, 1, request);
            try {
                for (int i = 0; i < frames; i++) {
                    peer.frame(RawHttp2.CONTINUATION, 0, 1, fragment);
                    if (i % flushEvery == flushEvery - 1) {
                        peer.flush();
                    }
                }
            } catch (IOException closedMidFlood) {
                // expected
            }
            return peer.readToClose(CLOSE_WAIT);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void emptyDataFramesEndWithEnhanceYourCalm(boolean tls) throws Exception {
        try (RawHttp2 peer = RawHttp2.connect(origin, tls, 0)) {
            peer.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS, 1, peer.requestBlock("POST", "/echo"));
            for (int i = 0; i < 100; i++) {
                peer.frame(RawHttp2.DATA, 0, 1, new byte[0]);
            }
            try {
                peer.flush();
            } catch (IOException closedMidFlood) {
                // expected
            }
            RawHttp2.Seen seen = peer.readToClose(CLOSE_WAIT);
            assertThat(seen.goAwayError()).as("GOAWAY error code").isEqualTo(RawHttp2.ENHANCE_YOUR_CALM);
            assertThat(seen.closed()).isTrue();
        }
    }
}
