package io.roundtrip.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsAndFilesTest {

    @Test
    void sanFranciscoToFrankfurtIsComputedFromCoordinates() {
        assertThat(Presets.sfFrankfurtKm()).isCloseTo(9133, withPercentage(0.5));
        assertThat(Presets.sfFrankfurtFloorRttMillis()).isCloseTo(91.3, withPercentage(0.5));
        assertThat(Presets.get("sf-frankfurt-floor").rttMillis()).isCloseTo(91.3, withPercentage(0.5));
        assertThat(Presets.get("sf-frankfurt").rttMillis()).isCloseTo(167, withPercentage(0.5));
    }

    @Test
    void haversineKnownDistance() {
        // London Heathrow to New York JFK: about 5,540 km along the great circle.
        assertThat(GreatCircle.distanceKm(51.4700, -0.4543, 40.6413, -73.7781)).isCloseTo(5540, withPercentage(0.5));
        assertThat(GreatCircle.distanceKm(10, 20, 10, 20)).isZero();
    }

    @Test
    void referenceTextPresets() {
        assertThat(Presets.get("cross-continent").rtt()).isEqualTo(Duration.ofMillis(80));
        assertThat(Presets.get("cross-ocean").rtt()).isEqualTo(Duration.ofMillis(150));
        assertThat(Presets.get("loopback").rtt()).isZero();
        assertThat(Presets.get("none")).isEqualTo(NetworkProfile.builder().name("none").build());
        NetworkProfile mobile = Presets.get("mobile");
        assertThat(mobile.jitter().isNone()).isFalse();
        assertThat(mobile.bandwidthDownBitsPerSecond()).isPositive();
        assertThat(mobile.lossRate()).isPositive();
        assertThat(Presets.get("satellite").rttMillis()).isGreaterThan(477);
        assertThat(Presets.names()).contains("lan", "same-region", "sf-frankfurt", "mobile", "satellite");
        assertThat(Presets.get("Cross-Continent").name()).isEqualTo("cross-continent");
        assertThatThrownBy(() -> Presets.get("mars")).hasMessageStartingWith("unknown preset 'mars': expected one of none");
    }

    @Test
    void hoconFileStartsFromAPresetAndOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge.conf");
        Files.writeString(file, "# a HOCON profile\nloss = 0.5%\npreset = cross-continent\n"
                + "jitter = \"normal:5ms\"\nbandwidth-down = 10mbit\nhandshake = false\nmss = 1400\n");
        NetworkProfile p = ProfileFiles.load(file);
        assertThat(p.name()).isEqualTo("edge");
        assertThat(p.rtt()).isEqualTo(Duration.ofMillis(80));
        assertThat(p.jitter()).isEqualTo(JitterDistribution.parse("normal:5ms"));
        assertThat(p.lossRate()).isEqualTo(0.005);
        assertThat(p.bandwidthDownBitsPerSecond()).isEqualTo(10_000_000);
        assertThat(p.handshake()).isFalse();
        assertThat(p.mssBytes()).isEqualTo(1400);
    }

    @Test
    void jsonFileWithNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"name\": \"lab\", \"rtt\": \"56ms\", \"initcwnd\": 10, \"loss\": 0.01}");
        NetworkProfile p = ProfileFiles.load(file);
        assertThat(p.name()).isEqualTo("lab");
        assertThat(p.rtt()).isEqualTo(Duration.ofMillis(56));
        assertThat(p.lossRate()).isEqualTo(0.01);
    }

    @Test
    void badFilesAreOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "rtt = fast\n");
        assertThatThrownBy(() -> ProfileFiles.load(file))
                .hasMessage("bad profile file " + file + ": bad rtt 'fast': expected a duration like 80ms");
        Files.writeString(file, "colour = blue\n");
        assertThatThrownBy(() -> ProfileFiles.load(file)).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> ProfileFiles.load(dir.resolve("missing.conf"))).hasMessageContaining("does not exist");
    }
}
