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

class DistributionTest {

    private static final RequestKind HPBN = RequestKind.builder().responseBytes(65_535)
            .serverTime(Duration.ofMillis(40)).build();

    @Test
    void monteCarloOnADeterministicPathIsThePoint() {
        for (RequestKind kind : new RequestKind[] {HPBN, HPBN.toBuilder().tls(Tls.TLS_1_2).build(),
                RequestKind.builder().resources(20).resourceBytes(30_000).build(),
                RequestKind.builder().protocol(Protocol.H2).resources(20).resourceBytes(30_000).build(),
                RequestKind.builder().tls(Tls.TLS_1_3).resources(20).resourceBytes(30_000).documentBytes(20_000)
                        .build(),
                RequestKind.builder().tls(Tls.TLS_1_3).resources(5).resourceBytes(30_000).documentBytes(20_000)
                        .dns(RequestKind.Dns.UNCACHED).build(),
                RequestKind.builder().protocol(Protocol.H2).tls(Tls.TLS_1_3).resources(20).resourceBytes(30_000)
                        .documentBytes(20_000).h2WaitsForServerSettings(true).build()}) {
            for (NetworkProfile profile : new NetworkProfile[] {NetworkProfile.builder().set("rtt", "56ms").build(),
                    NetworkProfile.builder().set("rtt", "80ms").set("bandwidth", "10mbit").build()}) {
                Plan plan = new Plan(profile, kind);
                Prediction exact = LatencyModel.predict(profile, kind);
                Prediction sampled = MonteCarlo.run(plan, LatencyModel.phases(plan), 100, 1);
                assertThat(sampled.meanMillis()).as(kind + " on " + profile)
                        .isCloseTo(exact.meanMillis(), withPercentage(0.01));
                assertThat(exact.meanMillis()).isCloseTo(exact.analyticMillis(), withPercentage(1e-9));
            }
        }
    }

    @Test
    void jitterSpreadsTheDistributionAndPercentilesAreMonotone() {
        NetworkProfile jittery = NetworkProfile.builder().set("rtt", "56ms").set("jitter", "normal:5ms").build();
        Prediction p = LatencyModel.predict(jittery, HPBN);
        Percentiles q = p.percentilesMillis();
        assertThat(p.method()).startsWith("monte-carlo (100000 samples, seed 1)");
        assertThat(q.p50()).isLessThanOrEqualTo(q.p90());
        assertThat(q.p90()).isLessThan(q.p99());
        assertThat(q.p99()).isLessThanOrEqualTo(q.p999());
        assertThat(q.p50()).isCloseTo(264, withPercentage(5));
        // The last flight is delivered at its slowest segment, so jitter adds on average.
        assertThat(p.meanMillis()).isGreaterThan(264);
    }

    @Test
    void sameSeedSameAnswer() {
        NetworkProfile mobile = Presets.get("mobile");
        RequestKind kind = HPBN.toBuilder().tls(Tls.TLS_1_3).build();
        assertThat(LatencyModel.predict(mobile, kind, 10_000, 7)).isEqualTo(LatencyModel.predict(mobile, kind, 10_000, 7));
    }

    @Test
    void lossMeanAgreesRoughlyWithCardwell() {
        // Same path as CSA's example: 64 KiB at 100 ms, 1% loss, T0 = max(rto, RTT) = 1 s, Ts = 3 s; CSA models
        // Reno (the shared sender's CUBIC and its grown-then-cut window lose less time than CSA's expectation).
        NetworkProfile lossy = NetworkProfile.builder().set("rtt", "100ms").set("loss", "1%").set("rto", "1s")
                .set("syn-rto", "3s").set("congestion", "reno").build();
        RequestKind kind = RequestKind.builder().responseBytes(65_536).build();
        Prediction p = LatencyModel.predict(lossy, kind);
        assertThat(p.phase("loss_recovery").ms()).isPositive();
        assertThat(p.meanMillis()).isCloseTo(p.analyticMillis(), withPercentage(20));
        Percentiles q = p.percentilesMillis();
        assertThat(q.p50()).isLessThan(p.meanMillis());
        assertThat(q.p999()).isGreaterThan(1000); // a SYN or tail timeout
    }

    @Test
    void gilbertElliottIsSampledPerConnection() {
        NetworkProfile bursty = NetworkProfile.builder().set("rtt", "50ms").set("loss-good-to-bad", "0.5%")
                .set("loss-bad-to-good", "30%").build();
        Prediction p = LatencyModel.predict(bursty, RequestKind.builder().resources(12).resourceBytes(50_000).build(),
                20_000, 3);
        assertThat(p.percentilesMillis().p99()).isGreaterThan(p.percentilesMillis().p50());
    }

    @Test
    void idleConnectionRestartsTheWindow() {
        NetworkProfile path = NetworkProfile.builder().set("rtt", "56ms").build();
        double keepAlive = LatencyModel.predict(path, HPBN.toBuilder().connection(Connection.KEEPALIVE).build()).meanMillis();
        double idle = LatencyModel.predict(path, HPBN.toBuilder().connection(Connection.IDLE).build()).meanMillis();
        assertThat(keepAlive).isCloseTo(96, withPercentage(0.5));
        assertThat(idle).isCloseTo(96 + 2 * 56, withPercentage(0.5));
        NetworkProfile noRestart = path.toBuilder().slowStartAfterIdle(false).build();
        assertThat(LatencyModel.predict(noRestart, HPBN.toBuilder().connection(Connection.IDLE).build()).meanMillis())
                .isCloseTo(96, withPercentage(0.5));
    }

    @Test
    void bandwidthAddsSerialization() {
        NetworkProfile slow = NetworkProfile.builder().set("rtt", "56ms").set("bandwidth", "1mbit").build();
        Prediction p = LatencyModel.predict(slow, HPBN.toBuilder().connection(Connection.KEEPALIVE).build());
        // 65,535 B at 1 Mbit/s is 524 ms on the wire, plus 300 B up (2.4 ms), one RTT and the server.
        assertThat(p.meanMillis()).isCloseTo(56 + 40 + 524.28 + 2.4, withPercentage(0.5));
    }
}
