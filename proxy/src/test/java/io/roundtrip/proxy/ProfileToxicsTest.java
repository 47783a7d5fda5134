package io.roundtrip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.profile.JitterDistribution;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileToxicsTest {

    @Test
    void theDefaultProfileIsAPassThrough() {
        assertThat(ProfileToxics.of(NetworkProfile.DEFAULT)).isEmpty();
    }

    @Test
    void aFullProfileBecomesOneChainPerDirectionInPathOrder() {
        NetworkProfile p = NetworkProfile.builder().rtt(Duration.ofMillis(80))
                .jitter(JitterDistribution.parse("normal:5ms")).bandwidthDown(10_000_000).bandwidthUp(2_000_000)
                .lossRate(0.01).build();
        List<ToxicSpec> specs = ProfileToxics.of(p);
        assertThat(specs.stream().filter(s -> s.stream() == Stream.UPSTREAM).map(ToxicSpec::type))
                .containsExactly("handshake", "slow_start", "bandwidth", "loss", "latency", "jitter");
        assertThat(specs.stream().filter(s -> s.stream() == Stream.DOWNSTREAM).map(ToxicSpec::type))
                .containsExactly("slow_start", "bandwidth", "loss", "latency", "jitter");
        ToxicSpec down = specs.stream().filter(s -> s.stream() == Stream.DOWNSTREAM && s.type().equals("bandwidth"))
                .findFirst().orElseThrow();
        assertThat(down.toxic().rateBytesPerSecond()).isEqualTo(1_250_000);
        assertThat(specs.stream().map(ToxicSpec::name).distinct()).hasSize(specs.size());
        // RTO = max(200 ms, 80 ms + 4 x sqrt(2) x 5 ms)
        assertThat(ProfileToxics.rttvarNanos(p)).isEqualTo(Math.round(Math.sqrt(2) * 5_000_000));
    }

    @Test
    void handshakeAndSlowStartCanBeTurnedOff() {
        NetworkProfile p = NetworkProfile.builder().rtt(Duration.ofMillis(80)).handshake(false).slowStart(false)
                .build();
        assertThat(ProfileToxics.of(p)).extracting(ToxicSpec::type).containsExactly("latency", "latency");
    }
}
