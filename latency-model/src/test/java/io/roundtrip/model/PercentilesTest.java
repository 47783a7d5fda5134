package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void selectionAgreesWithSortingNearestRank() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 10, 999, 1000, 1001, 100_000}) {
            for (int round = 0; round < 5; round++) {
                long[] samples = new long[n];
                for (int i = 0; i < n; i++) {
                    samples[i] = round % 2 == 0 ? random.nextLong(1_000_000_000L) : random.nextInt(7) * 1_000_000L;
                }
                long[] sorted = samples.clone();
                Arrays.sort(sorted);
                Percentiles p = Percentiles.ofNanos(samples);
                assertThat(p.p50()).isEqualTo(sorted[(int) Math.ceil(0.5 * n) - 1] / 1e6);
                assertThat(p.p90()).isEqualTo(sorted[(int) Math.ceil(0.9 * n) - 1] / 1e6);
                assertThat(p.p99()).isEqualTo(sorted[(int) Math.ceil(0.99 * n) - 1] / 1e6);
                assertThat(p.p999()).isEqualTo(sorted[(int) Math.ceil(0.999 * n) - 1] / 1e6);
            }
        }
    }
}
