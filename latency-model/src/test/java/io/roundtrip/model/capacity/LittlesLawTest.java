package io.roundtrip.model.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LittlesLawTest {

    @Test
    void twoThousandRequestsPerSecondAt170msKeep340ConnectionsBusy() {
        assertThat(LittlesLaw.concurrency(2000, Duration.ofMillis(170))).isCloseTo(340, within(1e-9));
    }

    @Test
    void theLawSolvesForAnyOfItsThreeTerms() {
        assertThat(LittlesLaw.throughputPerSecond(340, Duration.ofMillis(170))).isCloseTo(2000, within(1e-9));
        assertThat(LittlesLaw.latency(340, 2000)).isEqualTo(Duration.ofMillis(170));
    }

    @Test
    void refusesNegativeRates() {
        assertThatThrownBy(() -> LittlesLaw.concurrency(-1, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratesTakeHumanUnits() {
        assertThat(RequestRates.parsePerSecond("2000/s")).isEqualTo(2000);
        assertThat(RequestRates.parsePerSecond("2000rps")).isEqualTo(2000);
        assertThat(RequestRates.parsePerSecond("2k/s")).isEqualTo(2000);
        assertThat(RequestRates.parsePerSecond("120000/min")).isEqualTo(2000);
        assertThat(RequestRates.parsePerSecond("2000")).isEqualTo(2000);
        assertThatThrownBy(() -> RequestRates.parsePerSecond("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad request rate 'fast'");
    }
}
