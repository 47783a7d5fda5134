package io.roundtrip.model.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    @Test
    void threeHundredFortyErlangsAtOnePercentWaitNeed386Connections() {
        int pool = ErlangC.poolSize(340, 0.01);
        assertThat(pool).isEqualTo(386);
        assertThat(ErlangC.waitProbability(386, 340)).isLessThanOrEqualTo(0.01);
        assertThat(ErlangC.waitProbability(385, 340)).isGreaterThan(0.01);
    }

    @Test
    void matchesTheClosedFormOnSmallPools() {
        // A = 2 erlangs, c = 3: P0 = 1/(1 + 2 + 2 + (8/6)·3) = 1/9, C = (8/6)·3·P0 = 4/9.
        assertThat(ErlangC.waitProbability(3, 2)).isCloseTo(4.0 / 9, within(1e-12));
        // Erlang B, A = 2, c = 3: (8/6) / (1 + 2 + 2 + 8/6) = 4/19.
        assertThat(ErlangC.blockingProbability(3, 2)).isCloseTo(4.0 / 19, within(1e-12));
        // W_q = C·h/(c − A) = (4/9)·1s/1.
        assertThat(ErlangC.meanWaitSeconds(3, 2, 1)).isCloseTo(4.0 / 9, within(1e-12));
    }

    @Test
    void anOverloadedPoolAlwaysWaits() {
        assertThat(ErlangC.waitProbability(340, 340)).isEqualTo(1);
        assertThat(ErlangC.meanWaitSeconds(300, 340, 0.17)).isInfinite();
    }

    @Test
    void staysFiniteForLargePools() {
        int pool = ErlangC.poolSize(20_000, 0.01);
        assertThat(pool).isBetween(20_001, 20_500);
    }

    @Test
    void refusesTargetsOutsideZeroToOne() {
        assertThatThrownBy(() -> ErlangC.poolSize(340, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1]");
    }
}
