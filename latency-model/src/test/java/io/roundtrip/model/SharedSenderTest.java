package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.profile.NetworkProfile;

import org.junit.jupiter.api.Test;

/** The model's transfers on the shared sender's rules (io.roundtrip.model.tcp): what each rule changes. */
class SharedSenderTest {

    private static NetworkProfile path(String rtt, String loss, String congestion) {
        return NetworkProfile.builder().set("rtt", rtt).set("loss", loss).set("congestion", congestion).build();
    }

    private static RequestKind kind(RequestKind.Connection connection, long bytes) {
        return RequestKind.builder().connection(connection).responseBytes(bytes).build();
    }

    @Test
    void aKeptAliveConnectionStartsFromTheWindowsAnEarlierExchangeLeft() {
        // the first 1 MiB leaves 728 segments (Linux's cwnd-limited growth): the second fits in one flight
        assertThat(LatencyModel.predict(path("100ms", "0", "cubic"), kind(RequestKind.Connection.KEEPALIVE, 1 << 20))
                .meanMillis()).isEqualTo(100.0);
        // 64 KiB: the first took 10, 20 and 15 segments (55 after); the second, one flight; fresh, three
        assertThat(LatencyModel.predict(path("100ms", "0", "cubic"), kind(RequestKind.Connection.KEEPALIVE, 64 * 1024))
                .meanMillis()).isEqualTo(100.0);
        assertThat(LatencyModel.predict(path("100ms", "0", "cubic"), kind(RequestKind.Connection.FRESH, 64 * 1024))
                .meanMillis()).isEqualTo(400.0);
    }

    @Test
    void underLossCubicsGentlerCutIsFasterThanReno() {
        RequestKind fresh = kind(RequestKind.Connection.FRESH, 1 << 20);
        double cubic = LatencyModel.predict(path("50ms", "1%", "cubic"), fresh, 20_000, 1).percentilesMillis().p50();
        double reno = LatencyModel.predict(path("50ms", "1%", "reno"), fresh, 20_000, 1).percentilesMillis().p50();
        assertThat(cubic).isLessThan(reno);
        // the kernel's medians on the packet path, 1,227 ms (calibrate.sh, 2026-12-02, 101 samples) and 1,464 ms
        // (issue "Faithful to real TCP", 31): a median on the cliff between early and late losses; within 30%
        assertThat(cubic).isBetween(1227 * 0.7, 1464 * 1.3);
    }

    @Test
    void aKeptAliveConnectionUnderLossCarriesTheWindowItsLossesLeft() {
        NetworkProfile lossy = path("100ms", "1%", "cubic");
        double keptAlive = LatencyModel.predict(lossy, kind(RequestKind.Connection.KEEPALIVE, 64 * 1024), 20_000, 1)
                .percentilesMillis().p90();
        double keptAliveClean = LatencyModel.predict(path("100ms", "0", "cubic"),
                kind(RequestKind.Connection.KEEPALIVE, 64 * 1024)).meanMillis();
        assertThat(keptAliveClean).isEqualTo(100.0);
        assertThat(keptAlive).isGreaterThan(keptAliveClean);
    }
}
