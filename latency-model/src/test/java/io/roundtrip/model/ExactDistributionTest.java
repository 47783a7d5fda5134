package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import org.junit.jupiter.api.Test;

/** The convolution agrees with Monte Carlo where both apply, and is chosen only where it is exact. */
class ExactDistributionTest {

    @Test
    void agreesWithMonteCarlo() {
        Object[][] cases = {
            {"80ms", "normal:5ms", RequestKind.builder().connection(Connection.KEEPALIVE).build()},
            {"80ms", "uniform:10ms", RequestKind.builder().tls(Tls.TLS_1_3).build()},
            {"30ms", "exponential:3ms", RequestKind.builder().tls(Tls.TLS_1_2).dns(RequestKind.Dns.UNCACHED).build()},
            {"50ms", "normal:4ms", RequestKind.builder().connection(Connection.KEEPALIVE).dns(RequestKind.Dns.UNCACHED).resources(14)
                    .resourceBytes(5_000).build()},
            {"50ms", "normal:4ms", RequestKind.builder().protocol(RequestKind.Protocol.H2).resources(5)
                    .resourceBytes(2_000).build()},
        };
        for (Object[] c : cases) {
            NetworkProfile profile = NetworkProfile.builder().set("rtt", (String) c[0]).set("jitter", (String) c[1])
                    .build();
            RequestKind kind = (RequestKind) c[2];
            Plan plan = new Plan(profile, kind);
            Prediction exact = ExactDistribution.of(plan, LatencyModel.phases(plan));
            assertThat(exact).as("%s %s", profile, kind).isNotNull();
            assertThat(LatencyModel.predict(profile, kind).method()).startsWith("exact (convolution");
            Prediction sampled = MonteCarlo.run(plan, LatencyModel.phases(plan), 400_000, 11);
            String what = c[1] + " " + kind;
            assertThat(exact.meanMillis()).as(what).isCloseTo(sampled.meanMillis(), withPercentage(0.3));
            assertThat(exact.percentilesMillis().p50()).as(what)
                    .isCloseTo(sampled.percentilesMillis().p50(), withPercentage(0.5));
            assertThat(exact.percentilesMillis().p90()).as(what)
                    .isCloseTo(sampled.percentilesMillis().p90(), withPercentage(0.5));
            assertThat(exact.percentilesMillis().p99()).as(what)
                    .isCloseTo(sampled.percentilesMillis().p99(), withPercentage(1));
            assertThat(exact.percentilesMillis().p999()).as(what)
                    .isCloseTo(sampled.percentilesMillis().p999(), withPercentage(2));
        }
    }

    @Test
    void declinesWhereItWouldNotBeExact() {
        NetworkProfile jitter = NetworkProfile.builder().set("rtt", "50ms").set("jitter", "normal:4ms").build();
        RequestKind twoFlights = RequestKind.builder().responseBytes(30_000).build();
        RequestKind small = RequestKind.builder().build();
        assertThat(ExactDistribution.of(new Plan(jitter, twoFlights), java.util.List.of())).isNull();
        assertThat(ExactDistribution.of(new Plan(jitter.toBuilder().set("loss", "1%").build(), small),
                java.util.List.of())).isNull();
        assertThat(ExactDistribution.of(new Plan(jitter.toBuilder().set("bandwidth", "10mbit").build(), small),
                java.util.List.of())).isNull();
        assertThat(ExactDistribution.of(new Plan(jitter.toBuilder().set("jitter", "pareto:2ms,3").build(), small),
                java.util.List.of())).isNull();
        assertThat(LatencyModel.predict(jitter, twoFlights).method()).startsWith("monte-carlo");
    }
}
