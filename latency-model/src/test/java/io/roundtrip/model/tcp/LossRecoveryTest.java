package io.roundtrip.model.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LossRecoveryTest {

    private static final double RTT = 80e6;
    private static final double RTO = LossRecovery.rtoNanos(RTT, 0, 200e6);

    @Test
    void linuxRtoIsTheRoundTripPlusTheMinimum() {
        assertThat(RTO).isEqualTo(280e6);
        assertThat(LossRecovery.rtoNanos(RTT, 100e6, 200e6)).isEqualTo(480e6);
    }

    @Test
    void threeLaterSegmentsDetectItInOneRoundTrip() {
        assertThat(LossRecovery.retransmission(3, false, 10, RTT, RTT, RTO))
                .isEqualTo(new LossRecovery.Retransmission(RTT, false));
    }

    @Test
    void oneOrTwoLaterSegmentsWaitRacksReorderingWindow() {
        assertThat(LossRecovery.retransmission(1, false, 10, RTT, RTT, RTO).afterNanos()).isEqualTo(100e6);
    }

    @Test
    void aTailLossWaitsForTheProbe() {
        assertThat(LossRecovery.retransmission(0, false, 10, RTT, RTT, RTO))
                .isEqualTo(new LossRecovery.Retransmission(162e6, false));
        assertThat(LossRecovery.retransmission(0, true, 10, RTT, RTT, RTO).afterNanos()).isEqualTo(160e6);
    }

    @Test
    void synTimeoutsAreLinearForTheFirstFiveWaitsThenDouble() {
        double[] waits = new double[7];
        for (int k = 1; k <= 7; k++) {
            waits[k - 1] = LossRecovery.synTimeoutNanos(k, 1e9) / 1e9;
        }
        assertThat(waits).containsExactly(1, 1, 1, 1, 1, 2, 4);
    }

    @Test
    void aLoneSegmentsProbeComesAfterTheRtoSoItTimesOut() {
        assertThat(LossRecovery.retransmission(0, false, 1, RTT, RTT, RTO))
                .isEqualTo(new LossRecovery.Retransmission(RTO, true));
    }
}
