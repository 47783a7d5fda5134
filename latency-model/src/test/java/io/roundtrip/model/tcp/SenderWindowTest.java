package io.roundtrip.model.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenderWindowTest {

    private static final double RTT = 100e6;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static SenderWindow cubic(double initial) {
        return new SenderWindow(SenderWindow.Algorithm.CUBIC, initial, INF, INF, 2);
    }

    /**
     * Slow start from 10 segments, one flight a round trip ({@code +}: the flight filled the window). Full flights
     * double the window; a partial flight after a full one grows it by what it sent (Linux's tcp_is_cwnd_limited:
     * cwnd 20 below 2 x (10 + 3 / 2) out at the peak of the ACK clock); a partial first flight grows it only above half
     * the window.
     */
    @ParameterizedTest(name = "flights {0}: window {1}")
    @CsvSource({"10+ 20+, 40", "10+ 3, 23", "5, 10", "6, 16"})
    void slowStartGrowsByTheFlightsThatWereCwndLimited(String flights, double window) {
        SenderWindow w = cubic(10);
        int round = 1;
        for (String flight : flights.split(" ")) {
            w.acked(Integer.parseInt(flight.replace("+", "")), flight.endsWith("+"), round++ * RTT, RTT);
        }
        assertThat(w.segments()).isEqualTo(window);
    }

    @Test
    void slowStartStopsAtSsthresh() {
        SenderWindow w = new SenderWindow(SenderWindow.Algorithm.RENO, 10, 16, INF, 2);
        w.acked(10, true, RTT, RTT);
        assertThat(w.segments()).isEqualTo(16);
        w.acked(16, true, 2 * RTT, RTT);
        assertThat(w.segments()).isEqualTo(17);
    }

    @Test
    void oneReductionPerWindowOfData() {
        SenderWindow w = cubic(100);
        w.lost();
        assertThat(w.segments()).isCloseTo(70.02, within(0.01));
        // the flight sent during the recovery loses too: no second cut
        w.lost();
        assertThat(w.segments()).isCloseTo(70.02, within(0.01));
        w.acked(70, true, RTT, RTT);
        w.lost();
        assertThat(w.segments()).isLessThan(75 * 0.7);
    }

    @Test
    void cubicRegainsTheLastMaximumFasterThanReno() {
        SenderWindow cubic = cubic(100);
        SenderWindow reno = new SenderWindow(SenderWindow.Algorithm.RENO, 100, INF, INF, 2);
        cubic.lost();
        reno.lost();
        for (int i = 1; i <= 40; i++) {
            cubic.acked(Math.floor(cubic.segments()), true, i * RTT, RTT);
            reno.acked(Math.floor(reno.segments()), true, i * RTT, RTT);
        }
        // 4 s after the cut: CUBIC is past K = (100 x 0.3 / 0.4)^(1/3) = 4.2 s... nearly back at 100; Reno at 90
        assertThat(cubic.segments()).isGreaterThan(95);
        assertThat(reno.segments()).isEqualTo(90);
    }

    @Test
    void aTimeoutLeavesOneSegmentAndSlowStartsToTheReducedThreshold() {
        SenderWindow w = cubic(40);
        w.timedOut();
        assertThat(w.segments()).isEqualTo(1);
        assertThat(w.ssthreshSegments()).isCloseTo(28.0, within(0.01));
    }

    @Test
    void idleRestartGoesBackToTheInitialWindow() {
        SenderWindow w = cubic(10);
        w.acked(10, true, RTT, RTT);
        w.restartAfterIdle();
        assertThat(w.segments()).isEqualTo(10);
    }

    @Test
    void withoutSlowStartTheWindowStaysOpenThroughLossesAndTimeouts() {
        SenderWindow open = cubic(INF);
        open.lost(5);
        open.timedOut();
        assertThat(open.segments()).isInfinite();
    }

    @Test
    void segmentsAckedBeforeALossIsDetectedGrowTheWindowBeforeTheCut() {
        // lost 8th of a full flight of 10: 7 before it and 2 after it are SACKed first (RACK waits for them)
        assertThat(SenderWindow.deliveredBeforeDetection(7, 10)).isEqualTo(9);
        SenderWindow w = cubic(10);
        w.lost(9);
        assertThat(w.segments()).isCloseTo(19 * 717.0 / 1024, within(1e-9));
    }

    @Test
    void aCopyIsIndependent() {
        SenderWindow w = cubic(10);
        SenderWindow c = w.copy();
        c.acked(10, true, RTT, RTT);
        assertThat(w.segments()).isEqualTo(10);
        assertThat(c.segments()).isEqualTo(20);
    }
}
