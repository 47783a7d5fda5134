package io.roundtrip.results.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void allowanceIsTheLargestOfItsFourTerms() {
        assertThat(Tolerance.allowanceMillis(240, 80, Double.NaN)).isEqualTo(24);   // 10% of 240
        assertThat(Tolerance.allowanceMillis(100, 150, Double.NaN)).isEqualTo(37.5); // ¼ RTT
        assertThat(Tolerance.allowanceMillis(0.2, 0.5, Double.NaN)).isEqualTo(1);    // 1 ms floor
        assertThat(Tolerance.allowanceMillis(0.2, 0.5, 2.7)).isEqualTo(2.7);         // noise floor
    }

    @Test
    void aPercentileIsJudgedOnlyWithTenRequestsBeyondIt() {
        assertThat(Tolerance.judges("p50", 20)).isTrue();
        assertThat(Tolerance.judges("p50", 19)).isFalse();
        assertThat(Tolerance.judges("p90", 100)).isTrue();
        assertThat(Tolerance.judges("p90", 99)).isFalse();
        assertThat(Tolerance.judges("p99", 1000)).isTrue();
        assertThat(Tolerance.judges("p99", 999)).isFalse();
        assertThat(Tolerance.judges("p999", 1_000_000)).isFalse();
    }
}
