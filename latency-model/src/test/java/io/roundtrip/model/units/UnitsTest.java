package io.roundtrip.model.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @Test
    void durationsTakeHoconUnits() {
        assertThat(Units.parseDuration("80ms")).isEqualTo(Duration.ofMillis(80));
        assertThat(Units.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Units.parseDuration("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Units.parseDuration("40")).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void sizesTakeBinaryAndSiPrefixes() {
        assertThat(Units.parseBytes("1000")).isEqualTo(1000);
        assertThat(Units.parseBytes("64KiB")).isEqualTo(65_536);
        assertThat(Units.parseBytes("1MiB")).isEqualTo(1_048_576);
        assertThat(Units.parseBytes("10kB")).isEqualTo(10_000);
    }

    @Test
    void ratesAreBitsPerSecond() {
        assertThat(Units.parseBitsPerSecond("10mbit")).isEqualTo(10_000_000);
        assertThat(Units.parseBitsPerSecond("1.5gbit/s")).isEqualTo(1_500_000_000);
        assertThat(Units.parseBitsPerSecond("512kbps")).isEqualTo(512_000);
        assertThat(Units.parseBitsPerSecond("100KB/s")).isEqualTo(800_000);
        assertThat(Units.parseBitsPerSecond("1MiB/s")).isEqualTo(8 * 1_048_576);
        assertThat(Units.parseBitsPerSecond("9600")).isEqualTo(9600);
    }

    @Test
    void ratiosTakePercentOrFraction() {
        assertThat(Units.parseFraction("0.5%")).isEqualTo(0.005);
        assertThat(Units.parseFraction("0.005")).isEqualTo(0.005);
        assertThat(Units.parseFraction("100%")).isEqualTo(1.0);
    }

    @Test
    void badInputIsOneReadableLine() {
        assertThatThrownBy(() -> Units.parseDuration("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad duration 'fast': expected a number and a unit such as 80ms, 1.5s, 250us");
        assertThatThrownBy(() -> Units.parseDuration("-5ms")).hasMessageContaining("negative duration");
        assertThatThrownBy(() -> Units.parseBytes("lots")).hasMessageStartingWith("bad size 'lots'");
        assertThatThrownBy(() -> Units.parseBitsPerSecond("10 furlongs")).hasMessageStartingWith("bad rate");
        assertThatThrownBy(() -> Units.parseBitsPerSecond("10Mibit")).hasMessageContaining("binary prefixes");
        assertThatThrownBy(() -> Units.parseFraction("150%")).hasMessageContaining("above 100%");
        assertThatThrownBy(() -> Units.parseFraction("")).hasMessageStartingWith("missing ratio");
    }

    @Test
    void formatsRoundTrip() {
        assertThat(Units.formatDuration(Duration.ofMillis(80))).isEqualTo("80ms");
        assertThat(Units.formatDuration(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(Units.formatDuration(Duration.ofNanos(250_000))).isEqualTo("250us");
    }

    @Test
    void overflowAndFractionalBytesAreRefusedNotSaturated() {
        assertThatThrownBy(() -> Units.parseDuration("1e400ms")).hasMessageContaining("too long");
        assertThatThrownBy(() -> Units.parseBytes("1e30")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Units.parseBytes("1.5")).hasMessageContaining("whole number");
        assertThat(Units.parseBytes("1.5KiB")).isEqualTo(1536);
        assertThat(Units.parseDuration("365d")).isEqualTo(Duration.ofDays(365));
    }

    /** The origin's {@code /bytes/N} and {@code /delay/D} spellings (the fast path and the remembered ones). */
    @ParameterizedTest
    @CsvSource({"0,0", "1000,1000", "64KiB,65536", "64K,65536", "1MiB,1048576", "1kB,1000", "1.5MiB,1572864",
        "1GiB,1073741824", "999999999999999999,999999999999999999"})
    void originSizes(String text, long bytes) {
        assertThat(Units.parseBytes(text)).isEqualTo(bytes);
        assertThat(Units.parseBytes(text)).as("remembered").isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-1", "12 parsecs", "1}\"x", "64\nKiB", "1.5", "9999999999999999999999"})
    void badOriginSizes(String text) {
        assertThatThrownBy(() -> Units.parseBytes(text)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource({"80ms,80", "1.5s,1500", "250,250", "2m,120000"})
    void originDurations(String text, long millis) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofMillis(millis));
        assertThat(Units.parseDuration(text)).as("remembered").isEqualTo(Duration.ofMillis(millis));
    }
}
