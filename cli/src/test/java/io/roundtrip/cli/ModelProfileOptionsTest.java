package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.profile.JitterDistribution;
import io.roundtrip.model.profile.NetworkProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@link ProfileOptions} mixin, as the proxy and model commands use it. */
class ModelProfileOptionsTest {

    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements Runnable {
        @Mixin
        ProfileOptions profile;
        NetworkProfile built;

        @Override
        public void run() {
            built = profile.toProfile();
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(Probe probe, String... args) {
        CommandLine cli = new CommandLine(probe);
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(new OneLineErrors());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli.execute(args);
    }

    @Test
    void presetThenOverrides() {
        Probe probe = new Probe();
        assertThat(run(probe, "--profile", "cross-continent", "--jitter", "normal:5ms", "--bandwidth", "10mbit",
                "--loss", "0.5%", "--initcwnd", "4", "--handshake", "off")).isZero();
        NetworkProfile p = probe.built;
        assertThat(p.name()).isEqualTo("cross-continent");
        assertThat(p.rtt()).isEqualTo(Duration.ofMillis(80));
        assertThat(p.jitter()).isEqualTo(JitterDistribution.parse("normal:5ms"));
        assertThat(p.bandwidthUpBitsPerSecond()).isEqualTo(10_000_000);
        assertThat(p.lossRate()).isEqualTo(0.005);
        assertThat(p.initcwndSegments()).isEqualTo(4);
        assertThat(p.handshake()).isFalse();
        assertThat(probe.profile.settings()).containsEntry("source", "cross-continent").containsEntry("rtt", "80ms");
    }

    @Test
    void rttOverridesAPresetAndOneWayDelaysSplitIt() {
        Probe probe = new Probe();
        assertThat(run(probe, "--profile", "mobile", "--rtt", "100ms", "--delay-up", "30ms")).isZero();
        assertThat(probe.built.delayUp()).isEqualTo(Duration.ofMillis(30));
        assertThat(probe.built.delayDown()).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void profileFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab.conf");
        Files.writeString(file, "preset = cross-ocean\nloss = 1%\n");
        Probe probe = new Probe();
        assertThat(run(probe, "--profile", file.toString(), "--loss", "2%")).isZero();
        assertThat(probe.built.rtt()).isEqualTo(Duration.ofMillis(150));
        assertThat(probe.built.lossRate()).isEqualTo(0.02);
    }

    @Test
    void defaultsWithoutFlags() {
        Probe probe = new Probe();
        assertThat(run(probe)).isZero();
        assertThat(probe.built).isEqualTo(NetworkProfile.DEFAULT);
    }

    @Test
    void badValuesAreOneLineAndExitTwo() {
        assertThat(run(new Probe(), "--rtt", "fast")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("probe: bad rtt 'fast': expected a duration like 80ms (see 'probe --help')");
        err.getBuffer().setLength(0);
        assertThat(run(new Probe(), "--profile", "mars")).isEqualTo(2);
        assertThat(err.toString()).startsWith("probe: bad profile 'mars': no such preset or file").hasLineCount(1);
        err.getBuffer().setLength(0);
        assertThat(run(new Probe(), "--rtt", "10ms", "--delay-up", "20ms")).isEqualTo(2);
        assertThat(err.toString()).contains("longer than rtt").hasLineCount(1);
    }

    @Test
    void helpListsEveryKey() {
        String usage = new CommandLine(new Probe()).getUsageMessage();
        for (String key : NetworkProfile.KEYS) {
            assertThat(usage).contains("--" + key + "=");
        }
    }
}
