package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.profile.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bin/harness path}: bad input is one line before anything is set up; the exit status is the command's. */
class PathCommandTest {

    @Test
    void badInputIsOneLineAndExitTwo() {
        CapacityCommandTest.Run noCommand = CapacityCommandTest.run("path", "--rtt", "10ms");
        assertThat(noCommand.exit()).isEqualTo(2);
        assertThat(noCommand.err().strip()).doesNotContain("\n").contains("Missing required parameter: 'COMMAND'");

        CapacityCommandTest.Run badQueue = CapacityCommandTest.run("path", "--queue", "0", "--", "true");
        assertThat(badQueue.exit()).isEqualTo(2);
        assertThat(badQueue.err().strip()).isEqualTo(
                "harness path: bad --queue 0: expected a size above zero, such as 64KiB (see 'harness path --help')");
    }

    @Test
    void theQueueDefaultsToOneBandwidthDelayProductAndAtLeast64KiB() {
        assertThat(io.roundtrip.path.PacketPath.defaultQueueBytes(Presets.get("none"))).isEqualTo(64 * 1024);
        // 100 mbit/s × 80 ms = 1,000,000 bytes
        assertThat(io.roundtrip.path.PacketPath.defaultQueueBytes(Presets.get("cross-continent").toBuilder()
                .bandwidthDown(100_000_000).build())).isEqualTo(1_000_000);
    }

    @Test
    void theExitStatusIsTheCommands() {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")) && "root".equals(System.getProperty("user.name")),
                "needs root and /dev/net/tun");
        CapacityCommandTest.Run run = CapacityCommandTest.run("path", "--rtt", "2ms", "--", "sh", "-c",
                "test -n \"$ROUNDTRIP_HOST\" && exit 7");
        assertThat(run.exit()).as(run.err()).isEqualTo(7);
        assertThat(run.err()).contains("ROUNDTRIP_HOST=10.233.");
    }
}
