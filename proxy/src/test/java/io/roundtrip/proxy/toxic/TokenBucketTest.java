package io.roundtrip.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void backToBackReservationsPaceAtTheRateExactly() {
        TokenBucket bucket = new TokenBucket(1_000_000, 0);
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            last = bucket.reserve(0, 1460);
        }
        // 1,460,000 bytes at 1 MB/s: 1.46 s, to the nanosecond
        assertThat(last).isEqualTo(1_460_000_000L);
    }

    @Test
    void anIdleLinkGivesNoCreditBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(1_000_000, 0);
        bucket.reserve(0, 1000);
        assertThat(bucket.reserve(5_000_000_000L, 1000)).isEqualTo(5_001_000_000L);
    }

    @Test
    void aBurstLetsThatManyBytesThroughAtOnce() {
        TokenBucket bucket = new TokenBucket(1_000_000, 10_000);
        assertThat(bucket.reserve(1_000_000_000L, 10_000)).isEqualTo(1_000_000_000L);
        assertThat(bucket.reserve(1_000_000_000L, 1000)).isEqualTo(1_001_000_000L);
    }
}
