package io.roundtrip.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.tcp.SenderWindow;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CongestionWindowTest {

    private static final long RTT = 80_000_000L;

    /** Sends {@code bytes} ready at once in MSS segments; returns the distinct release times (the flights). */
    private static TreeSet<Long> flights(CongestionWindow w, long ready, int bytes) {
        TreeSet<Long> starts = new TreeSet<>();
        for (int sent = 0; sent < bytes; sent += 1460) {
            starts.add(w.send(ready, Math.min(1460, bytes - sent)));
        }
        return starts;
    }

    @Test
    void a64KiBResponseTakesThreeFlightsWithIw10() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 200_000_000L);
        // 14,600 + 29,200 = 43,800 < 65,536: a third flight carries the rest
        assertThat(flights(w, 0, 64 * 1024)).containsExactly(0L, RTT, 2 * RTT);
        assertThat(w.windowBytes()).isEqualTo(4 * 14_600);
    }

    @Test
    void a1MiBResponseTakesSevenFlights() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0);
        assertThat(flights(w, 0, 1 << 20)).hasSize(7).last().isEqualTo(6 * RTT);
    }

    @Test
    void theWindowStopsGrowingAtTheBandwidthDelayProduct() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 50_000, RTT, 0);
        flights(w, 0, 1 << 20);
        assertThat(w.windowBytes()).isEqualTo(50_000);
    }

    @Test
    void pastSsthreshCubicGrowsFivePercentPerRoundTripBeforeItsFirstLoss() {
        CongestionWindow w = new CongestionWindow(1460, 10, 29_200, 0, RTT, 0);
        flights(w, 0, 14_600 + 29_200 + 30_660);
        // 10, 20 (ssthresh), then tcp_cubic.c's "cnt = 20" floor: 20 x 1.05 = 21 segments
        assertThat(w.windowBytes()).isEqualTo(30_660);
    }

    @Test
    void pastSsthreshRenoGrowsByOneMssPerRoundTrip() {
        CongestionWindow w = new CongestionWindow(1460, 10, 29_200, 0, RTT, 0, 2.0, SenderWindow.Algorithm.RENO);
        flights(w, 0, 14_600 + 29_200 + 30_660 + 32_120);
        assertThat(w.windowBytes()).isEqualTo(29_200 + 2 * 1460);
    }

    @Test
    void aPartialLastFlightStillGrowsTheWindowSoASecond1MiBLeavesInOneFlight() {
        // Linux's tcp_is_cwnd_limited: 10..320 fill their windows (640 after), the last 88 segments grow it to 728
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0);
        assertThat(flights(w, 0, 1 << 20)).hasSize(7);
        long later = 7 * RTT;
        assertThat(flights(w, later, 1 << 20)).containsExactly(later);
    }

    @Test
    void aPartialFirstFlightOfLessThanHalfTheWindowDoesNotGrowIt() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0);
        flights(w, 0, 4 * 1460);
        flights(w, 2 * RTT, 1460);
        assertThat(w.windowBytes()).isEqualTo(14_600);
    }

    @Test
    void anIdleLongerThanTheRtoRestartsFromTheInitialWindow() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 200_000_000L);
        flights(w, 0, 64 * 1024);
        assertThat(w.windowBytes()).isGreaterThan(14_600);
        long later = 2 * RTT + 500_000_000L;
        assertThat(flights(w, later, 64 * 1024)).containsExactly(later, later + RTT, later + 2 * RTT);
    }

    @Test
    void withoutIdleRestartAWarmConnectionSendsInOneFlight() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0);
        flights(w, 0, 64 * 1024);
        long later = 2 * RTT + 500_000_000L;
        assertThat(flights(w, later, 32 * 1024)).containsExactly(later);
    }

    @Test
    void aLossCutsTheWindowByCubicsBetaOncePerFlight() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0);
        w.onLoss();
        w.onLoss();
        // 10 x 717/1024 = 7.0 segments, once: the second loss is in the same window of data
        assertThat(w.windowBytes()).isEqualTo(10_222);
    }

    @Test
    void renoHalvesTheWindow() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0, 2.0, SenderWindow.Algorithm.RENO);
        w.onLoss();
        assertThat(w.windowBytes()).isEqualTo(7300);
    }

    @Test
    void aTimeoutLeavesOneSegment() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0);
        w.onTimeout();
        assertThat(w.windowBytes()).isEqualTo(1460);
    }
}
