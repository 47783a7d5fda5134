package io.roundtrip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The early wake-up follows the timers' lateness as RFC 6298 follows RTT samples, within the spin budget. */
class WakeAheadTest {

    private static final long MAX_SPIN = 500_000;

    @Test
    void aLoopWhoseTimersFireOnTimeDoesNotWakeEarly() {
        WakeAhead ahead = WakeAhead.forThisLoop(MAX_SPIN);
        for (int i = 0; i < 50; i++) {
            ahead.observe(1_000_000L * i, 1_000_000L * i);
        }
        assertThat(ahead.aheadNanos()).isZero();
    }

    @Test
    void steadyLatenessIsLearnedAndSpunAway() {
        WakeAhead ahead = WakeAhead.forThisLoop(MAX_SPIN + 1); // a fresh estimator for this thread
        for (int i = 0; i < 100; i++) {
            ahead.observe(0, 150_000);
        }
        // SRTT converges on 150 us, RTTVAR on 0: wake 150 us early
        assertThat(ahead.aheadNanos()).isBetween(140_000L, 160_000L);
    }

    @Test
    void varyingLatenessWakesEarlierButNeverBeyondTheBudget() {
        WakeAhead ahead = WakeAhead.forThisLoop(MAX_SPIN + 2);
        for (int i = 0; i < 100; i++) {
            ahead.observe(0, i % 2 == 0 ? 100_000 : 300_000);
        }
        assertThat(ahead.aheadNanos()).isGreaterThan(300_000L).isLessThanOrEqualTo(MAX_SPIN + 2);
        for (int i = 0; i < 100; i++) {
            ahead.observe(0, 5_000_000); // a hiccup far beyond the budget
        }
        assertThat(ahead.aheadNanos()).isEqualTo(MAX_SPIN + 2);
    }

    @Test
    void aZeroBudgetNeverSpinsNorWakesEarly() {
        WakeAhead ahead = WakeAhead.forThisLoop(0);
        ahead.observe(0, 300_000);
        assertThat(ahead.aheadNanos()).isZero();
        long release = System.nanoTime() + 2_000_000;
        assertThat(ahead.spinUntil(release)).as("returns at once: the caller sets a timer").isLessThan(release);
    }

    @Test
    void spinsToAReleaseWithinTheBudgetAndNeverReturnsEarly() {
        WakeAhead ahead = WakeAhead.forThisLoop(MAX_SPIN);
        long release = System.nanoTime() + 200_000;
        assertThat(ahead.spinUntil(release)).isGreaterThanOrEqualTo(release);
        long far = System.nanoTime() + 50_000_000;
        assertThat(ahead.spinUntil(far)).as("too far to spin").isLessThan(far);
    }
}
