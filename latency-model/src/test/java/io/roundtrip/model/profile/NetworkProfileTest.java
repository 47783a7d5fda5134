package io.roundtrip.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.model.tcp.SenderWindow;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

class NetworkProfileTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        NetworkProfile p = NetworkProfile.DEFAULT;
        assertThat(p.rtt()).isZero();
        assertThat(p.jitter().isNone()).isTrue();
        assertThat(p.bandwidthDownBitsPerSecond()).isZero();
        assertThat(p.loss().isNone()).isTrue();
        assertThat(p.mssBytes()).isEqualTo(1460);
        assertThat(p.initcwndSegments()).isEqualTo(10);
        assertThat(p.ssthreshSegments()).isEmpty();
        assertThat(p.slowStart()).isTrue();
        assertThat(p.slowStartAfterIdle()).isTrue();
        assertThat(p.handshake()).isTrue();
        assertThat(p.gamma()).isEqualTo(2.0);
        assertThat(p.rto()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.synRto()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rttSplitsEvenlyUnlessTold() {
        NetworkProfile even = NetworkProfile.builder().set("rtt", "80ms").build();
        assertThat(even.delayUp()).isEqualTo(Duration.ofMillis(40));
        assertThat(even.delayDown()).isEqualTo(Duration.ofMillis(40));
        assertThat(even.rttNanos()).isEqualTo(80_000_000L);

        NetworkProfile split = NetworkProfile.builder().set("rtt", "80ms").set("delay-up", "30ms").build();
        assertThat(split.delayUp()).isEqualTo(Duration.ofMillis(30));
        assertThat(split.delayDown()).isEqualTo(Duration.ofMillis(50));

        NetworkProfile both = NetworkProfile.builder().set("delay-up", "10ms").set("delay-down", "70ms").build();
        assertThat(both.rtt()).isEqualTo(Duration.ofMillis(80));
        assertThat(both.delayNanos(Direction.DOWN)).isEqualTo(70_000_000L);

        assertThatThrownBy(() -> NetworkProfile.builder().set("rtt", "50ms").set("delay-up", "60ms").build())
                .hasMessageContaining("longer than rtt");
    }

    @Test
    void everyKeyParsesHumanUnits() {
        NetworkProfile p = NetworkProfile.builder()
                .set("rtt", "100ms").set("jitter", "normal:5ms").set("bandwidth", "10mbit")
                .set("bandwidth-up", "2mbit").set("loss", "0.5%").set("mss", "1400").set("initcwnd", "4")
                .set("ssthresh", "64").set("slow-start", "on").set("slow-start-after-idle", "off")
                .set("handshake", "off").set("delayed-ack", "on").set("rto", "1s").set("syn-rto", "3s").build();
        assertThat(p.jitter()).isEqualTo(new JitterDistribution.Normal(5_000_000));
        assertThat(p.bandwidthDownBitsPerSecond()).isEqualTo(10_000_000);
        assertThat(p.bandwidthUpBitsPerSecond()).isEqualTo(2_000_000);
        assertThat(p.lossRate()).isEqualTo(0.005);
        assertThat(p.loss()).isInstanceOf(LossModel.Bernoulli.class);
        assertThat(p.mssBytes()).isEqualTo(1400);
        assertThat(p.initcwndSegments()).isEqualTo(4);
        assertThat(p.ssthreshSegments()).hasValue(64);
        assertThat(p.slowStartAfterIdle()).isFalse();
        assertThat(p.handshake()).isFalse();
        assertThat(p.gamma()).isEqualTo(1.5);
        assertThat(p.rto()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.synRto()).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.serializationNanos(Direction.DOWN, 1250)).isEqualTo(1_000_000.0);
    }

    @Test
    void congestionIsCubicUnlessSetToReno() {
        assertThat(NetworkProfile.DEFAULT.congestion()).isEqualTo(SenderWindow.Algorithm.CUBIC);
        NetworkProfile reno = NetworkProfile.builder().set("congestion", "Reno").build();
        assertThat(reno.congestion()).isEqualTo(SenderWindow.Algorithm.RENO);
        assertThat(reno.toMap()).containsEntry("congestion", "reno");
        assertThat(reno.toBuilder().build()).isEqualTo(reno);
        assertThatThrownBy(() -> NetworkProfile.builder().set("congestion", "bbr"))
                .hasMessage("bad congestion 'bbr': expected cubic or reno");
    }

    @Test
    void gammaOverridesDelayedAck() {
        assertThat(NetworkProfile.builder().set("delayed-ack", "on").set("gamma", "1.8").build().gamma())
                .isEqualTo(1.8);
    }

    @Test
    void gilbertElliottTurnsOnWithATransitionProbability() {
        NetworkProfile p = NetworkProfile.builder().set("loss-good-to-bad", "1%").set("loss-bad-to-good", "30%")
                .build();
        assertThat(p.loss()).isInstanceOf(LossModel.GilbertElliott.class);
        assertThat(p.lossRate()).isCloseTo(0.01 / 0.31, org.assertj.core.data.Offset.offset(1e-12));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "rtt|fast|bad rtt 'fast': expected a duration like 80ms",
        "bandwidth|lots|bad bandwidth 'lots': expected a rate",
        "loss|150%|bad loss '150%'",
        "initcwnd|-1|bad initcwnd '-1'",
        "handshake|maybe|bad handshake 'maybe': expected on or off",
        "jitter|wobbly:5ms|bad jitter 'wobbly:5ms'",
        "colour|blue|unknown profile key 'colour'",
        "gamma|3|bad gamma '3'"})
    void badValuesAreOneLineNamingKeyAndValue(String key, String text, String message) {
        assertThatThrownBy(() -> NetworkProfile.builder().set(key, text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .message().doesNotContain("\n");
    }

    @Test
    void toMapRoundTripsThroughSet() {
        NetworkProfile p = NetworkProfile.builder().name("x").set("delay-up", "10ms").set("delay-down", "70ms")
                .set("jitter", "pareto:scale=2ms,shape=2.5").set("bandwidth-down", "1.6mbit")
                .set("loss", "0.1%").set("loss-good-to-bad", "2%").set("loss-bad-to-good", "25%")
                .set("loss-in-bad", "50%").set("ssthresh", "30").set("delayed-ack", "on").build();
        ProfileBuilder again = NetworkProfile.builder();
        for (Map.Entry<String, Object> e : p.toMap().entrySet()) {
            again.set(e.getKey(), String.valueOf(e.getValue()));
        }
        assertThat(again.build()).isEqualTo(p);
        assertThat(p.toMap()).containsEntry("bandwidth-down", "1600kbit").containsEntry("loss-in-bad", "50%");
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }

    @Test
    void describeIsOneReadableLine() {
        String line = Presets.get("mobile").describe();
        assertThat(line).startsWith("mobile: rtt 150ms, jitter normal:10ms, bandwidth 1600kbit down / 750kbit up")
                .contains("loss 0.5%").doesNotContain("\n");
    }

    @Test
    void sampledDelaysAreClampedAtZero() {
        NetworkProfile p = NetworkProfile.builder().set("rtt", "2ms").set("jitter", "normal:50ms").build();
        org.apache.commons.math3.random.RandomGenerator rng = new org.apache.commons.math3.random.Well19937c(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(p.sampleDelayNanos(Direction.UP, rng)).isNotNegative();
        }
    }
}
