package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import org.junit.jupiter.api.Test;

/**
 * The two switches that make the model match what Gatling measured through the proxy: an HTTP/2 client that
 * waits for the server's SETTINGS, and page loads that fetch their document first. Both off by default.
 */
class MeasuredClientBehaviourTest {

    private static final NetworkProfile RTT_80 = NetworkProfile.builder().set("rtt", "80ms").build();

    private static RequestKindBuilder small() {
        return RequestKind.builder().responseBytes(1000);
    }

    private static double mean(NetworkProfile path, RequestKind kind) {
        return LatencyModel.predict(path, kind).meanMillis();
    }

    @Test
    void settingsWaitCostsOneRoundTripOverTls13Only() {
        RequestKind h2 = small().protocol(Protocol.H2).tls(Tls.TLS_1_3).h2WaitsForServerSettings(true).build();
        Prediction p = LatencyModel.predict(RTT_80, h2);
        assertThat(p.meanMillis()).isCloseTo(320, offset(1e-6)); // TCP 1 + TLS 1 + SETTINGS 1 + request 1
        assertThat(p.phase("tls_handshake").rtts()).isEqualTo(2);
        assertThat(p.phase("tls_handshake").ms()).isCloseTo(160, offset(1e-6));
        assertThat(mean(RTT_80, h2.toBuilder().tls(Tls.TLS_1_3_RESUMED).build())).isCloseTo(320, offset(1e-6));
        // TLS 1.2: the server's Finished is the handshake's last message, SETTINGS travels with it.
        assertThat(mean(RTT_80, h2.toBuilder().tls(Tls.TLS_1_2).build())).isCloseTo(320, offset(1e-6));
        assertThat(mean(RTT_80, h2.toBuilder().h2WaitsForServerSettings(false).tls(Tls.TLS_1_2).build()))
                .isCloseTo(320, offset(1e-6));
        // Off by default; never on h1, kept-alive connections or without TLS.
        assertThat(mean(RTT_80, h2.toBuilder().h2WaitsForServerSettings(false).build())).isCloseTo(240, offset(1e-6));
        assertThat(mean(RTT_80, h2.toBuilder().protocol(Protocol.H1).build())).isCloseTo(240, offset(1e-6));
        assertThat(mean(RTT_80, h2.toBuilder().connection(Connection.KEEPALIVE).build())).isCloseTo(80, offset(1e-6));
        assertThat(mean(RTT_80, h2.toBuilder().tls(Tls.NONE).build())).isCloseTo(160, offset(1e-6));
    }

    @Test
    void settingsWaitScalesWithTheRoundTripAsMeasured() {
        for (String rtt : new String[] {"10ms", "50ms", "100ms", "200ms"}) {
            NetworkProfile path = NetworkProfile.builder().set("rtt", rtt).build();
            RequestKind h2 = small().protocol(Protocol.H2).tls(Tls.TLS_1_3).build();
            double extra = mean(path, h2.toBuilder().h2WaitsForServerSettings(true).build()) - mean(path, h2);
            assertThat(extra).isCloseTo(path.rttNanos() / 1e6, offset(1e-6));
        }
    }

    @Test
    void settingsWaitInTheDistributions() {
        RequestKind h2 = small().protocol(Protocol.H2).tls(Tls.TLS_1_3).h2WaitsForServerSettings(true).build();
        // Convolution (jitter, one flight per message): one more exchange's mean.
        NetworkProfile jitter = RTT_80.toBuilder().set("jitter", "normal:3ms").build();
        Prediction exact = LatencyModel.predict(jitter, h2);
        assertThat(exact.method()).startsWith("exact (convolution");
        Prediction without = LatencyModel.predict(jitter, h2.toBuilder().h2WaitsForServerSettings(false).build());
        assertThat(exact.meanMillis() - without.meanMillis()).isCloseTo(80, offset(0.5));
        // Monte Carlo (loss): the extra exchange is simulated too.
        NetworkProfile lossy = RTT_80.toBuilder().set("loss", "0.1%").build();
        Prediction mc = LatencyModel.predict(lossy, h2, 20_000, 1);
        Prediction mcWithout = LatencyModel.predict(lossy, h2.toBuilder().h2WaitsForServerSettings(false).build(),
                20_000, 1);
        assertThat(mc.method()).startsWith("monte-carlo");
        assertThat(mc.percentilesMillis().p50()).isCloseTo(320, offset(1.0));
        assertThat(mc.meanMillis() - mcWithout.meanMillis()).isCloseTo(80, offset(5.0));
    }

    private static RequestKindBuilder page(Protocol protocol) {
        return RequestKind.builder().protocol(protocol).tls(Tls.TLS_1_3).resources(12).resourceBytes(8 * 1024)
                .documentBytes(1024);
    }

    /**
     * By hand, 80 ms, TLS 1.3, document 1 KiB then 12 × 8 KiB, k = 6: the document costs 3 RTT (TCP, TLS,
     * request); then connection 1 fetches a resource per RTT (6 segments fit its window of 20), and the 5 new
     * connections pay TCP + TLS + request = 3 RTT for their first resource and 1 RTT for the second: 7 RTT.
     */
    @Test
    void h1PageWithItsDocumentByHand() {
        Prediction p = LatencyModel.predict(RTT_80, page(Protocol.H1).build());
        assertThat(p.meanMillis()).isCloseTo(560, offset(1e-6));
        assertThat(p.roundTrips()).isCloseTo(7, offset(1e-9));
        assertThat(p.method()).isEqualTo("exact");
        // The document and the critical connection's handshakes are on the critical path.
        double handshakes = p.phase("tcp_handshake").rtts() + p.phase("tls_handshake").rtts();
        assertThat(handshakes).isIn(2.0, 4.0);
        // Without a document: every connection opens at once, 2 resources each: 2 + 1 + 1 = 4 RTT (as before).
        assertThat(mean(RTT_80, page(Protocol.H1).documentBytes(0).build())).isCloseTo(320, offset(1e-6));
    }

    /**
     * HTTP/2 with the SETTINGS wait: the document costs 4 RTT (TCP, TLS, SETTINGS, request); then 96 KiB =
     * 68 segments leave from the window the document left (20): flights of 20 and 40 and 8, 3 RTT: 7 RTT.
     */
    @Test
    void h2PageWithItsDocumentByHand() {
        RequestKind kind = page(Protocol.H2).h2WaitsForServerSettings(true).build();
        Prediction p = LatencyModel.predict(RTT_80, kind);
        assertThat(p.phase("tls_handshake").rtts()).isEqualTo(2); // the SETTINGS wait, once
        assertThat(p.phase("tcp_handshake").rtts()).isEqualTo(1);
        assertThat(p.phase("transfer").rtts()).isCloseTo(0.5 + 2.5, offset(1e-9));
        assertThat(p.meanMillis()).isCloseTo(560, offset(1e-6));
        // Without the wait, one RTT less; without the document, the reference accounting (5 RTT = 400 ms).
        assertThat(mean(RTT_80, page(Protocol.H2).build())).isCloseTo(480, offset(1e-6));
        assertThat(mean(RTT_80, page(Protocol.H2).documentBytes(0).build())).isCloseTo(400, offset(1e-6));
    }

    @Test
    void theCriticalConnectionIsTheOneThatFinishesLast() {
        // 7 resources, k = 6: connection 1 (reused) does two in the time the new ones open: the critical path
        // is a new connection's 3 RTT after the document, not connection 1's.
        RequestKind seven = page(Protocol.H1).resources(7).build();
        Prediction p = LatencyModel.predict(RTT_80, seven);
        assertThat(p.meanMillis()).isCloseTo(480, offset(1e-6));
        assertThat(p.phase("tcp_handshake").rtts()).isEqualTo(2);
        assertThat(p.phase("queueing").ms()).isZero();
        // 30 resources: connection 1 does 3 while the new ones fetch their first (3 RTT), then 22 are left for 6
        // connections, 4 more RTT: 3 + 3 + 4.
        RequestKind thirty = page(Protocol.H1).resources(30).build();
        assertThat(mean(RTT_80, thirty)).isCloseTo(80 * (3 + 3 + 4), offset(1e-6));
    }

    @Test
    void pagesWithTheirDocumentInTheDistributions() {
        NetworkProfile jitter = RTT_80.toBuilder().set("jitter", "normal:2ms").build();
        RequestKind kind = page(Protocol.H1).build();
        Prediction exact = LatencyModel.predict(jitter, kind);
        assertThat(exact.method()).startsWith("exact (convolution");
        Prediction mc = MonteCarlo.run(new Plan(jitter, kind), exact.phases(), 200_000, 7);
        assertThat(exact.meanMillis()).isCloseTo(mc.meanMillis(), withPercentage(0.3));
        assertThat(exact.percentilesMillis().p50()).isCloseTo(mc.percentilesMillis().p50(), withPercentage(0.5));
        assertThat(exact.percentilesMillis().p90()).isCloseTo(mc.percentilesMillis().p90(), withPercentage(0.5));
        assertThat(exact.meanMillis()).isGreaterThan(560);
        // The DNS lookup and the document both precede the parallel part.
        RequestKind uncached = kind.toBuilder().dns(RequestKind.Dns.UNCACHED).resources(8).build();
        Prediction exactDns = LatencyModel.predict(jitter, uncached);
        Prediction mcDns = MonteCarlo.run(new Plan(jitter, uncached), exactDns.phases(), 200_000, 8);
        assertThat(exactDns.method()).startsWith("exact (convolution");
        assertThat(exactDns.meanMillis()).isCloseTo(mcDns.meanMillis(), withPercentage(0.3));
        assertThat(exactDns.percentilesMillis().p90()).isCloseTo(mcDns.percentilesMillis().p90(), withPercentage(0.5));

        // Monte Carlo on the deterministic path reproduces the phase sum, h1 and h2.
        for (RequestKind k : new RequestKind[] {kind, page(Protocol.H2).h2WaitsForServerSettings(true).build()}) {
            Plan plan = new Plan(RTT_80, k);
            Prediction sampled = MonteCarlo.run(plan, LatencyModel.phases(plan), 100, 1);
            assertThat(sampled.meanMillis()).isCloseTo(LatencyModel.predict(RTT_80, k).meanMillis(), offset(1e-3));
        }
    }

}
