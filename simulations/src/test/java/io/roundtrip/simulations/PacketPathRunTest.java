package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.testing.Required;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn gatling:test -Dpath=packet}: the default simulation with the embedded origins in a network namespace
 * behind the packet path, so that the kernel's own TCP pays the handshake. Needs root and /dev/net/tun: skipped
 * with the reason elsewhere, required where {@code ROUNDTRIP_REQUIRE_PACKET_PATH=1} (CI).
 */
class PacketPathRunTest {

    private static final double RTT_MILLIS = 50;

    @Test
    void theKernelsHandshakeCostsARoundTripAcrossThePacketPath(@TempDir Path work) throws Exception {
        Required.packetPath();

        GatlingRun run = GatlingRun.of(ProtocolComparisonSimulation.class, work, Map.of(
                "path", "packet", "profile", "none", "rtt", (long) RTT_MILLIS + "ms",
                "warmup", "1s", "duration", "3s", "users", "2", "rate", "4", "resources", "4", "resourceSize", "1KiB"))
                .succeeded();
        double keepAlive = p50(run, "h1-keepalive");
        double fresh = p50(run, "h1-fresh");
        assertThat(keepAlive).as("one round trip at least, kept alive").isGreaterThanOrEqualTo(RTT_MILLIS);
        assertThat(fresh - keepAlive).as("the kernel's handshake: fresh %.1f ms vs kept-alive %.1f ms", fresh, keepAlive)
                .isGreaterThanOrEqualTo(RTT_MILLIS * 0.9);
    }

    private static double p50(GatlingRun run, String scenario) throws Exception {
        return LatencyLogReader.read(run.runFolder().resolve(scenario + ".hlog")).okMillisAt(50);
    }
}
