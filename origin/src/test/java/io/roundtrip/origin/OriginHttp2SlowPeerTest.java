package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Slow POST over h2 (TLS), which slowhttptest cannot speak: streams whose bodies stall after one byte while their
 * connections stay busy (new streams and PINGs every 200 ms, so the idle timeout never fires). Each stream is reset
 * once the limit has passed, never before; the connections themselves stay up; a well-behaved h2 client keeps being
 * served in under 50 ms (p99; see {@link Probe#assertP99}) meanwhile. Slowloris over h2 is the CONTINUATION limits'
 * case ({@code OriginHttp2AbuseTest}); slow read over h2 is bounded by flow control.
 * Bounded: 10 connections opening 2 stalled streams every 200 ms for 6 s (600 streams), to 127.0.0.1 only.
 */
class OriginHttp2SlowPeerTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final int CONNECTIONS = 10;
    private static final int STREAMS_PER_TICK = 2;
    private static final Duration TICK = Duration.ofMillis(200);
    private static final int TICKS = 30;
    private static final int STREAMS_PER_CONNECTION = STREAMS_PER_TICK * TICKS;

    @Test
    void stalledStreamsAreResetAfterTheLimitAndTheProbeIsServed() throws Exception {
        try (Origin origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).idleTimeout(LIMIT).build())) {
            HttpClient client = Clients.http(origin, HttpClient.Version.HTTP_2);
            URI probed = origin.httpsUri().resolve("/bytes/1KiB");
            Probe.Result baseline = new Probe(client, probed, 1024).warmUp(200).baseline(300, Duration.ofMillis(10));
            Probe probe = new Probe(client, probed, 1024);
            ScheduledExecutorService attacker = Executors.newSingleThreadScheduledExecutor();
            List<RawHttp2> peers = new ArrayList<>();
            try {
                // Connections first: the attacker's TLS handshakes share this JVM's CPU with the probe, and they are
                // not the attack.
                for (int c = 0; c < CONNECTIONS; c++) {
                    peers.add(RawHttp2.connect(origin, true, 0));
                }
                probe.start(Duration.ofMillis(10));
                long startNanos = System.nanoTime();
                AtomicInteger ticks = new AtomicInteger();
                attacker.scheduleAtFixedRate(() -> {
                    int tick = ticks.getAndIncrement();
                    if (tick < TICKS) {
                        peers.forEach(peer -> stallMoreStreams(peer, tick));
                    } else {
                        peers.forEach(OriginHttp2SlowPeerTest::ping);
                    }
                }, 0, TICK.toNanos(), TimeUnit.NANOSECONDS);
                for (RawHttp2 peer : peers) {
                    RawHttp2.Seen seen = peer.readUntil(s -> s.resets() >= STREAMS_PER_CONNECTION,
                            LIMIT.multipliedBy(5));
                    assertThat(seen.resets()).as("stalled streams reset").isEqualTo(STREAMS_PER_CONNECTION);
                    assertThat(seen.closed()).as("connection closed").isFalse();
                    assertThat(seen.goAwayErrors()).as("GOAWAYs").isEmpty();
                    assertThat(seen.headers()).as("responses to unfinished requests").isZero();
                }
                // the last streams opened after (TICKS - 1) ticks; none may have been reset before the limit
                assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).as("never before the limit")
                        .isGreaterThanOrEqualTo(TICK.multipliedBy(TICKS - 1).plus(LIMIT));
            } finally {
                attacker.shutdownNow();
                for (RawHttp2 peer : peers) {
                    peer.close();
                }
            }
            Probe.Result result = probe.stop();
            System.err.printf("h2 slow POST over TLS: probe (h2) %s (before the attack: %s); origin reset %d slow"
                    + " streams%n", result.summary(), baseline.summary(), origin.stats().slowRequestsDropped());
            assertThat(origin.stats().slowRequestsDropped()).isEqualTo(CONNECTIONS * STREAMS_PER_CONNECTION);
            assertThat(result.failures()).as("failed probes").isEmpty();
            // 100 ms, not slowhttptest's 50: this attacker is not another process but threads of the test's own JVM,
            // opening TLS connections and 600 streams on the two cores the origin and the probe run on
            Probe.assertP99(result, Duration.ofMillis(100), baseline);
        }
    }

    /** Opens {@link #STREAMS_PER_TICK} more POST streams that send one body byte and stall, and pings. */
    private static void stallMoreStreams(RawHttp2 peer, int tick) {
        byte[] post = peer.requestBlock("POST", "/echo");
        for (int s = 0; s < STREAMS_PER_TICK; s++) {
            int stream = 2 * (tick * STREAMS_PER_TICK + s) + 1;
            peer.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS, stream, post)
                    .frame(RawHttp2.DATA, 0, stream, new byte[] {'x'});
        }
        ping(peer);
    }

    private static void ping(RawHttp2 peer) {
        try {
            peer.ping(7).flush();
        } catch (IOException e) {
            // the assertions on what the peer read say what went wrong
        }
    }
}
