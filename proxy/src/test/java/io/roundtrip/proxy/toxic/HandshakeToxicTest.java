package io.roundtrip.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HandshakeToxicTest {

    @Test
    void withoutLossTheHandshakeWaitsNoSynTimeout() {
        assertThat(new HandshakeToxic(100, 0, 1000).lostSynNanos(new SplittableRandom(1))).isZero();
    }

    @Test
    void everyAttemptLostWaitsLinuxsLinearThenDoublingSynTimeoutsAtMostSixTimes() {
        // 1, 1, 1, 1, 1, 2 s (Linux 6.5+: tcp_syn_linear_timeouts 4), then it is taken as through
        assertThat(new HandshakeToxic(100, 1, 1000).lostSynNanos(new SplittableRandom(1)))
                .isEqualTo(7_000_000_000L);
    }

    @Test
    void atTwoPercentAboutFourPercentOfHandshakesWaitASecond() {
        HandshakeToxic toxic = new HandshakeToxic(100, 0.02, 1000);
        SplittableRandom random = new SplittableRandom(20261202);
        int waited = 0;
        for (int i = 0; i < 100_000; i++) {
            if (toxic.lostSynNanos(random) >= 1_000_000_000L) {
                waited++;
            }
        }
        // 1 - 0.98^2 = 3.96% of attempts lose the SYN or the SYN-ACK
        assertThat(waited / 100_000.0).isBetween(0.037, 0.042);
    }

    @Test
    void aLossOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new HandshakeToxic(100, 1.5, 1000)).hasMessageContaining("handshake.loss");
    }
}
