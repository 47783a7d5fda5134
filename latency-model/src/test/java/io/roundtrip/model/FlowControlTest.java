package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 flow control (RFC 9113 §5.2, §6.9) with the client's receive window as Gatling's client advertises it:
 * 65,535 bytes, connection and stream, a WINDOW_UPDATE each 32,768 bytes consumed (Netty's local flow controller).
 */
class FlowControlTest {

    private static final NetworkProfile RTT_80 = NetworkProfile.builder().set("rtt", "80ms").build();
    private static final NetworkProfile JITTER = NetworkProfile.builder().set("rtt", "80ms")
            .set("jitter", "normal:2ms").build();
    private static final long WINDOW = RequestKind.H2_DEFAULT_WINDOW_BYTES;

    /** The measured page: a 571-byte document, then 12 × 8 KiB, fresh, TLS 1.3, waiting for SETTINGS. */
    private static final RequestKind PAGE = RequestKind.builder().protocol(Protocol.H2).tls(Tls.TLS_1_3)
            .resources(12).resourceBytes(8 * 1024).documentBytes(571).h2WaitsForServerSettings(true).build();

    private static RequestKind single(long bytes) {
        return RequestKind.builder().protocol(Protocol.H2).tls(Tls.TLS_1_3).responseBytes(bytes)
                .h2WaitsForServerSettings(true).h2ReceiveWindowBytes(WINDOW).build();
    }

    private static double mean(NetworkProfile path, RequestKind kind) {
        return LatencyModel.predict(path, kind).meanMillis();
    }

    @Test
    void gatlingsWindowAndUpdatePolicy() {
        RequestKind kind = single(1000);
        assertThat(kind.h2ReceiveWindowBytes()).isEqualTo(65_535);
        assertThat(kind.h2WindowUpdateBytes()).isEqualTo(32_768); // (int) (65,535 × 0.5) = 32,767 left
        assertThat(RequestKind.builder().build().h2ReceiveWindowBytes()).isEqualTo(RequestKind.UNBOUNDED_WINDOW);
        assertThat(RequestKind.builder().build().h2FlowControlled()).isFalse();
        assertThat(kind.toBuilder().protocol(Protocol.H1).build().h2FlowControlled()).isFalse();
        assertThat(kind.toBuilder().build()).isEqualTo(kind);
        assertThat(kind.describe()).contains("receive window 65535 B");
        assertThatThrownBy(() -> RequestKind.builder().h2ReceiveWindowBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 9113");
        assertThatThrownBy(() -> RequestKind.builder().h2ReceiveWindowBytes(1L << 31))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * By hand: 4 RTT to the document's end (TCP, TLS, SETTINGS, request), so the resources' requests reach the
     * server at 360 ms with 64,964 bytes of connection credit (65,535 − the document's 571). Flights (the
     * 1-segment document left the window at 10): 10 segments (14,600 B) at 360, 20 (29,200 B) at 440; the client
     * crosses 32,768 unreturned bytes in flight 2 and its update (32,768) reaches the server at 520, as flight 3
     * (40 segments) leaves: the 21,164 B of credit left and 32,768 more (cumulative 97,732); a byte of it triggers
     * the next update, at the server at 600: the last 572 bytes arrive at 640. One round trip more than without
     * flow control (560).
     */
    @Test
    void theMeasuredPageStallsOneRoundTrip() {
        RequestKind withWindow = PAGE.toBuilder().h2ReceiveWindowBytes(WINDOW).build();
        Prediction p = LatencyModel.predict(RTT_80, withWindow);
        assertThat(mean(RTT_80, PAGE)).isCloseTo(560, offset(1e-6));
        assertThat(p.meanMillis()).isCloseTo(640, offset(1e-6));
        assertThat(p.meanMillis()).isCloseTo(676.9, offset(40.0)); // measured p50 with Gatling through the proxy
        assertThat(p.phase("transfer").ms()).isCloseTo(320, offset(1e-6)); // the stall is in the transfer
        assertThat(p.phase("transfer").rtts()).isEqualTo(4.0);
        assertThat(p.phase("tls_handshake").ms()).isCloseTo(160, offset(1e-6));
    }

    /**
     * The traced page with the origin's 16 KiB TLS records: the record holding the first update's trigger byte
     * (DATA byte 32,768 of the connection, ≈ 33,060 of its plaintext with the frame overhead) ends at 49,152, in
     * flight 3 (leaving at 520), so the update reaches the server at 600, not 520; flight 3 carries only the 21,164
     * B of credit left (no growth), flight 4 at 600 the 32,768 B of the update, whose record completes the second
     * trigger inside it: update at 680, the last 572 bytes arrive at 720 (the trace redone by hand: 720; measured
     * p50 ≈ 736). With 1,400-byte records the first update still joins flight 3: 640 (measured 656).
     */
    @Test
    void tlsRecordsDelayTheUpdates() {
        RequestKind withWindow = PAGE.toBuilder().h2ReceiveWindowBytes(WINDOW).build();
        RequestKind records = withWindow.toBuilder().tlsRecordBytes(16_384).build();
        assertThat(records.tlsRecordBytes()).isEqualTo(16_384);
        assertThat(records.toBuilder().build()).isEqualTo(records);
        assertThat(records).isNotEqualTo(withWindow);
        assertThat(records.describe()).contains("TLS records 16384 B");
        assertThat(records.toBuilder().tls(Tls.NONE).build().tlsRecordBytes()).isZero();
        assertThat(RequestKind.builder().build().tlsRecordBytes()).isZero();
        assertThatThrownBy(() -> RequestKind.builder().tlsRecordBytes(16_385))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 8446");
        assertThatThrownBy(() -> RequestKind.builder().tlsRecordBytes(-1))
                .isInstanceOf(IllegalArgumentException.class);

        Prediction p = LatencyModel.predict(RTT_80, records);
        assertThat(p.meanMillis()).isCloseTo(720, offset(1e-6));
        assertThat(p.meanMillis()).isCloseTo(736, offset(20.0)); // the traced measurement
        assertThat(p.phase("transfer").rtts()).isEqualTo(5.0);
        assertThat(mean(RTT_80, withWindow.toBuilder().tlsRecordBytes(1_400).build())).isCloseTo(640, offset(1e-6));
        assertThat(mean(RTT_80, withWindow)).isCloseTo(640, offset(1e-6)); // byte-granular, as before
        // Without flow control, or on HTTP/1.1, records change nothing.
        assertThat(mean(RTT_80, PAGE.toBuilder().tlsRecordBytes(16_384).build())).isCloseTo(560, offset(1e-6));
        assertThat(mean(RTT_80, records.toBuilder().protocol(Protocol.H1).build())).isCloseTo(560, offset(1e-6));
        // A single 64 KiB response (one byte over the window): its first update's record ends in flight 3 too.
        assertThat(mean(RTT_80, single(65_536))).isCloseTo(480, offset(1e-6));
        assertThat(mean(RTT_80, single(65_536).toBuilder().tlsRecordBytes(16_384).build()))
                .isCloseTo(560, offset(1e-6));
        // Monte Carlo agrees (σ 2 ms jitter).
        Prediction mc = LatencyModel.predict(JITTER, records, 20_000, 1);
        assertThat(mc.method()).startsWith("monte-carlo");
        assertThat(mc.percentilesMillis().p50()).isCloseTo(720, offset(8.0));
        assertNotFaster(RTT_80, PAGE.toBuilder().tlsRecordBytes(16_384).build(), WINDOW);
    }

    @Test
    void theDistributionsAgree() {
        RequestKind withWindow = PAGE.toBuilder().h2ReceiveWindowBytes(WINDOW).build();
        Prediction with = LatencyModel.predict(JITTER, withWindow, 20_000, 1);
        Prediction without = LatencyModel.predict(JITTER, PAGE, 20_000, 1);
        assertThat(with.method()).startsWith("monte-carlo");
        assertThat(with.percentilesMillis().p50()).isCloseTo(640, offset(8.0));
        assertThat(with.percentilesMillis().p50() - without.percentilesMillis().p50()).isCloseTo(80, offset(5.0));
        // Small responses stay on the exact convolution: the window never binds.
        Prediction small = LatencyModel.predict(JITTER, single(1024));
        assertThat(small.method()).startsWith("exact (convolution");
        assertThat(small.meanMillis()).isCloseTo(mean(JITTER, single(1024).toBuilder()
                .h2ReceiveWindowBytes(RequestKind.UNBOUNDED_WINDOW).build()), offset(1e-9));
    }

    @Test
    void aResponseUnderTheWindowIsUnchanged() {
        for (long bytes : new long[] {0, 1024, 14_600, 65_535}) {
            RequestKind kind = single(bytes);
            assertThat(mean(RTT_80, kind)).as("%d B", bytes)
                    .isEqualTo(mean(RTT_80, kind.toBuilder().h2ReceiveWindowBytes(RequestKind.UNBOUNDED_WINDOW).build()));
        }
        assertThat(mean(RTT_80, single(1024))).isCloseTo(320, offset(1e-6));
        // 64 KiB is one byte over the window: its update (sent in flight 2) arrives with the ACKs of flight 2.
        assertThat(mean(RTT_80, single(64 * 1024))).isCloseTo(480, offset(1e-6));
        assertThat(mean(JITTER, single(64 * 1024)) - mean(JITTER, single(64 * 1024).toBuilder()
                .h2ReceiveWindowBytes(RequestKind.UNBOUNDED_WINDOW).build())).isBetween(0.0, 3.0);
    }

    @Test
    void aSmallWindowCostsRoundTrips() {
        // Keep-alive, window open: 64 KiB in one flight without flow control; with a 16 KiB window the server
        // sends 16 KiB, the client returns 8 KiB a time: each round trip moves 16 KiB (two updates' worth).
        RequestKind kind = single(64 * 1024).toBuilder().connection(Connection.KEEPALIVE).h2ReceiveWindowBytes(16_384)
                .build();
        assertThat(mean(RTT_80, kind.toBuilder().h2ReceiveWindowBytes(RequestKind.UNBOUNDED_WINDOW).build()))
                .isCloseTo(80, offset(1e-6));
        assertThat(mean(RTT_80, kind)).isCloseTo(80 + 3 * 80, offset(1e-6));
    }

    @Test
    void theWindowNeverMakesAnythingFaster() {
        for (String rtt : new String[] {"0ms", "20ms", "80ms", "150ms"}) {
            for (String bandwidth : new String[] {"unlimited", "5mbit", "100mbit"}) {
                NetworkProfile p = NetworkProfile.builder().set("rtt", rtt).set("bandwidth", bandwidth).build();
                for (long window : new long[] {1, 1000, 16_384, 65_535, 1 << 20}) {
                    for (Connection connection : Connection.values()) {
                        for (long size : new long[] {0, 1000, 65_536, 200_000, 1_000_000}) {
                            RequestKind kind = RequestKind.builder().protocol(Protocol.H2).tls(Tls.TLS_1_3)
                                    .connection(connection).responseBytes(size).serverTime(Duration.ofMillis(5))
                                    .build();
                            assertNotFaster(p, kind, window);
                            assertNotFaster(p, kind.toBuilder().tlsRecordBytes(16_384).build(), window);
                            assertNotFaster(p, kind.toBuilder().tlsRecordBytes(1_400).build(), window);
                        }
                        for (int n : new int[] {1, 6, 30}) {
                            RequestKind page = RequestKind.builder().protocol(Protocol.H2).tls(Tls.TLS_1_3)
                                    .connection(connection).resources(n).resourceBytes(20_000).build();
                            assertNotFaster(p, page, window);
                            assertNotFaster(p, page.toBuilder().documentBytes(30_000).h2WaitsForServerSettings(true)
                                    .build(), window);
                        }
                    }
                }
            }
        }
    }

    private static void assertNotFaster(NetworkProfile p, RequestKind kind, long window) {
        double without = mean(p, kind);
        double with = mean(p, kind.toBuilder().h2ReceiveWindowBytes(window).build());
        assertThat(with).as("%s, window %d", kind, window).isGreaterThanOrEqualTo(without - 1e-6);
    }

    @Test
    void monteCarloAgreesWithTheAccountingOnANearlyDeterministicPath() {
        NetworkProfile still = NetworkProfile.builder().set("rtt", "80ms").set("jitter", "normal:0.01ms").build();
        for (long window : new long[] {4_096, 16_384, 65_535, 262_144}) {
            for (Connection connection : new Connection[] {Connection.FRESH, Connection.KEEPALIVE}) {
                for (long size : new long[] {65_536, 100_000, 1_000_000}) {
                    RequestKind kind = single(size).toBuilder().connection(connection).h2ReceiveWindowBytes(window)
                            .build();
                    // Each round trip adds the jitter's maximum-of-delays bias (about 2σ) at most.
                    Prediction exact = LatencyModel.predict(RTT_80, kind);
                    assertThat(LatencyModel.predict(still, kind, 2_000, 1).meanMillis()).as("%s", kind)
                            .isCloseTo(exact.meanMillis(), offset(0.5 + 0.02 * exact.phase("transfer").rtts()));
                }
                RequestKind page = PAGE.toBuilder().connection(connection).h2ReceiveWindowBytes(window).build();
                assertThat(LatencyModel.predict(still, page, 2_000, 1).meanMillis()).as("%s", page)
                        .isCloseTo(mean(RTT_80, page), offset(0.5));
            }
        }
    }

    @Test
    void monteCarloWithLossAndBandwidth() {
        NetworkProfile lossy = NetworkProfile.builder().set("rtt", "80ms").set("jitter", "normal:5ms")
                .set("loss", "1%").set("bandwidth-down", "20mbit").build();
        RequestKind withWindow = PAGE.toBuilder().h2ReceiveWindowBytes(WINDOW).build();
        Prediction with = LatencyModel.predict(lossy, withWindow, 20_000, 7);
        Prediction without = LatencyModel.predict(lossy, PAGE, 20_000, 7);
        assertThat(with.method()).startsWith("monte-carlo");
        assertThat(with.meanMillis()).isFinite().isGreaterThan(without.meanMillis());
        assertThat(with.percentilesMillis().p50()).isGreaterThan(without.percentilesMillis().p50() + 40);
        NetworkProfile burst = lossy.toBuilder().set("loss-good-to-bad", "1%").set("loss-bad-to-good", "30%").build();
        assertThat(LatencyModel.predict(burst, single(1_000_000).toBuilder().h2ReceiveWindowBytes(16_384).build(),
                5_000, 3).meanMillis()).isFinite().isGreaterThan(mean(burst, single(1_000_000)));
    }

    @Test
    void http1IsUnaffected() {
        RequestKind h1 = PAGE.toBuilder().protocol(Protocol.H1).build();
        assertThat(mean(RTT_80, h1.toBuilder().h2ReceiveWindowBytes(WINDOW).build())).isEqualTo(mean(RTT_80, h1));
        assertThat(mean(RTT_80, h1)).isCloseTo(560, offset(1e-6));
        RequestKind big = RequestKind.builder().responseBytes(1_000_000).build();
        assertThat(mean(JITTER, big.toBuilder().h2ReceiveWindowBytes(1000).build())).isEqualTo(mean(JITTER, big));
    }
}
