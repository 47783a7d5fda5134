package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.Presets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every published number the model claims to reproduce, within 0.5%. */
class ReferenceNumbersTest {

    private static NetworkProfile rtt(String rtt) {
        return NetworkProfile.builder().set("rtt", rtt).build();
    }

    /** Grigorik, High Performance Browser Networking, ch. 2: 64 KB, 56 ms RTT, 40 ms server, IW10. */
    @Test
    void hpbnFreshAndKeepAlive() {
        RequestKind fresh = RequestKind.builder().protocol(Protocol.H1).connection(Connection.FRESH).tls(Tls.NONE)
                .responseBytes(65_535).serverTime(Duration.ofMillis(40)).build();
        Prediction p = LatencyModel.predict(rtt("56ms"), fresh);
        assertThat(p.meanMillis()).isCloseTo(264, withPercentage(0.5));
        assertThat(p.percentilesMillis().p99()).isCloseTo(264, withPercentage(0.5));
        assertThat(p.phase("tcp_handshake").rtts()).isEqualTo(1);
        assertThat(p.phase("transfer").rtts()).isEqualTo(2.5); // three flights: 10, 20, 15 segments
        assertThat(p.method()).isEqualTo("exact");

        Prediction reused = LatencyModel.predict(rtt("56ms"), fresh.toBuilder().connection(Connection.KEEPALIVE).build());
        assertThat(reused.meanMillis()).isCloseTo(96, withPercentage(0.5));
    }

    /** The reference text: 1 RTT TCP, TLS 1.3 one more, TLS 1.2 two more; keep-alive skips them. */
    @Test
    void smallRequestAtOneHundredMilliseconds() {
        NetworkProfile path = rtt("100ms");
        RequestKind small = RequestKind.builder().responseBytes(1000).build();
        assertThat(mean(path, small.toBuilder().tls(Tls.NONE).build())).isCloseTo(200, withPercentage(0.5));
        assertThat(mean(path, small.toBuilder().tls(Tls.TLS_1_3).build())).isCloseTo(300, withPercentage(0.5));
        assertThat(mean(path, small.toBuilder().tls(Tls.TLS_1_2).build())).isCloseTo(400, withPercentage(0.5));
        assertThat(mean(path, small.toBuilder().connection(Connection.KEEPALIVE).tls(Tls.TLS_1_2).build()))
                .isCloseTo(100, withPercentage(0.5));
        assertThat(mean(path, small.toBuilder().tls(Tls.TLS_1_3_RESUMED).build())).isCloseTo(300, withPercentage(0.5));
        assertThat(mean(path, small.toBuilder().dns(RequestKind.Dns.UNCACHED).build())).isCloseTo(300, withPercentage(0.5));
    }

    /** Cardwell, Savage, Anderson 2000: 64 KiB (d = 45), RTT 100 ms, w1 = 10, T0 = 1 s, Ts = 3 s. */
    @Test
    void cardwellSavageAnderson() {
        assertThat(ShortFlow.handshake(100, 0, 3000) + ShortFlow.slowStart(45, 0, 100, 10, 2))
                .isCloseTo(345.9, withPercentage(0.5));
        assertThat(ShortFlow.total(45, 0, 100, 1000, 3000, 10, 2)).isCloseTo(345.9, withPercentage(0.5));
        assertThat(ShortFlow.total(45, 0, 100, 1000, 3000, 10, 1.5)).isCloseTo(390.7, withPercentage(0.5));
        assertThat(ShortFlow.lossRecovery(45, 0.01, 100, 1000, 10, 1.5)).isCloseTo(101.8, withPercentage(0.5));
        assertThat(ShortFlow.total(45, 0.01, 100, 1000, 3000, 10, 1.5)).isCloseTo(636, withPercentage(0.5));
    }

    /** Mathis et al. 1997: MSS 1460, RTT 100 ms, p = 1%, b = 1 → 1.43 Mbit/s. */
    @Test
    void mathis() {
        assertThat(SteadyState.mathis(1460, 0.100, 0.01, 1) / 1e6).isCloseTo(1.4305, withPercentage(0.5));
        // PFTK's approximate and full models agree with each other to a few percent at 1% loss.
        double full = SteadyState.padhye(0.01, 0.1, 1.0, 1, Double.POSITIVE_INFINITY);
        double approx = SteadyState.padhyeApproximate(0.01, 0.1, 1.0, 1, Double.POSITIVE_INFINITY);
        assertThat(full).isCloseTo(approx, withPercentage(3));
    }

    /** The reference text's question: California to Frankfurt, at least what? */
    @Test
    void sanFranciscoFrankfurt() {
        assertThat(Presets.sfFrankfurtKm()).isCloseTo(9133, withPercentage(0.5));
        NetworkProfile floor = Presets.get("sf-frankfurt-floor");
        assertThat(floor.rttMillis()).isCloseTo(91.3, withPercentage(0.5));
        assertThat(Presets.get("sf-frankfurt").rttMillis()).isCloseTo(167, withPercentage(0.5));
        RequestKind keepAlive = RequestKind.builder().connection(Connection.KEEPALIVE).build();
        assertThat(mean(floor, keepAlive)).isCloseTo(91.3, withPercentage(0.5));
    }

    /** HTTP/1.1's six connections against HTTP/2's one at 100 ms, 6 × 100 kB, IW10: h1 wins (a known finding). */
    @Test
    void sixConnectionsCanBeatOneWindow() {
        NetworkProfile path = rtt("100ms");
        RequestKind page = RequestKind.builder().connection(Connection.FRESH).resources(6).resourceBytes(100_000)
                .build();
        assertThat(mean(path, page.toBuilder().protocol(Protocol.H1).build())).isCloseTo(400, withPercentage(0.5));
        assertThat(mean(path, page.toBuilder().protocol(Protocol.H2).build())).isCloseTo(700, withPercentage(0.5));
    }

    @Test
    void slowStartFlights() {
        assertThat(SlowStart.segments(65_535, 1460)).isEqualTo(45);
        assertThat(SlowStart.flightsClosedForm(45, 10, 2)).isEqualTo(3);
        assertThat(SlowStart.flightsClosedForm(30, 10, 2)).isEqualTo(2);
        assertThat(SlowStart.flightsClosedForm(31, 10, 2)).isEqualTo(3);
        for (int d = 1; d < 5000; d += 7) {
            for (double gamma : new double[] {1.5, 2}) {
                assertThat(SlowStart.flights(d, 10, gamma, Double.POSITIVE_INFINITY))
                        .as("d=%d γ=%s", d, gamma).isEqualTo(SlowStart.flightsClosedForm(d, 10, gamma));
            }
        }
        // ssthresh 20: 10, 20, 21, 22 → 73 segments in 4 flights, 74 in 5.
        assertThat(SlowStart.flights(73, 10, 2, 20)).isEqualTo(4);
        assertThat(SlowStart.flights(74, 10, 2, 20)).isEqualTo(5);
    }

    private static double mean(NetworkProfile profile, RequestKind kind) {
        return LatencyModel.predict(profile, kind).meanMillis();
    }
}
