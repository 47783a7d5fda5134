package io.roundtrip.model.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    /** Bits per second; {@code B} is bytes, SI unless binary ({@code MiB}); a bare number is bits. */
    @ParameterizedTest
    @CsvSource({"10mbit,10000000", "1.5gbit/s,1500000000", "512kbps,512000", "100KB/s,800000", "1MiB/s,8388608",
        "9600,9600"})
    void ratesAreBitsPerSecond(String text, long bitsPerSecond) {
        assertThat(Units.parseBitsPerSecond(text)).isEqualTo(bitsPerSecond);
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

    /**
     * Sizes take HOCON's binary and SI prefixes, a bare number is bytes: the origin's {@code /bytes/N} spellings too
     * (the fast path and the remembered ones).
     */
    @ParameterizedTest
    @CsvSource({"0,0", "1000,1000", "64KiB,65536", "64K,65536", "1MiB,1048576", "1kB,1000", "10kB,10000",
        "1.5MiB,1572864", "1GiB,1073741824", "999999999999999999,999999999999999999"})
    void sizesTakeBinaryAndSiPrefixes(String text, long bytes) {
        assertThat(Units.parseBytes(text)).isEqualTo(bytes);
        assertThat(Units.parseBytes(text)).as("remembered").isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-1", "12 parsecs", "1}\"x", "64\nKiB", "1.5", "9999999999999999999999"})
    void badOriginSizes(String text) {
        assertThatThrownBy(() -> Units.parseBytes(text)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("\n");
    }

    /** Durations take HOCON's units, a bare number is milliseconds: the origin's {@code /delay/D} spellings too. */
    @ParameterizedTest
    @CsvSource({"80ms,80000000", "1.5s,1500000000", "250us,250000", "40,40000000", "250,250000000",
        "2m,120000000000"})
    void durationsTakeHoconUnits(String text, long nanos) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
        assertThat(Units.parseDuration(text)).as("remembered").isEqualTo(Duration.ofNanos(nanos));
    }
}
