package io.roundtrip.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

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
    void pastSsthreshTheWindowGrowsByOneMssPerRoundTrip() {
        CongestionWindow w = new CongestionWindow(1460, 10, 29_200, 0, RTT, 0);
        flights(w, 0, 14_600 + 29_200 + 30_660);
        assertThat(w.windowBytes()).isEqualTo(29_200 + 1460);
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
    void aLossHalvesTheWindow() {
        CongestionWindow w = new CongestionWindow(1460, 10, 0, 0, RTT, 0);
        w.onLoss();
        assertThat(w.windowBytes()).isEqualTo(7300);
    }
}
