package io.roundtrip.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stage behaviour without sockets: a fake context and virtual time. */
class ChainOrderingTest {

    @Test
    void jitterDrawsVaryButAQueueRuleKeepsOrder() {
        VirtualStageContext ctx = new VirtualStageContext(7);
        ToxicChain chain = new ToxicChain();
        chain.update(List.of(ToxicSpec.of("latency", Stream.DOWNSTREAM, Map.of("latency", 50)),
                ToxicSpec.of("jitter", Stream.DOWNSTREAM, Map.of("distribution", "normal", "jitter", 10, "base", 50))),
                ctx);
        long last = Long.MIN_VALUE;
        int overtakes = 0;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            List<Segment> segs = new ArrayList<>(List.of(Segment.data(Unpooled.buffer(1).writeByte(1), i * 100_000L)));
            chain.apply(segs, ctx);
            long release = segs.get(0).releaseNanos;
            min = Math.min(min, release - i * 100_000L);
            if (release < last) {
                overtakes++;
            }
            last = Math.max(last, release);
            segs.get(0).discard();
        }
        // the stages alone would reorder; the direction's queue releases at max(own, previous)
        assertThat(overtakes).isGreaterThan(100);
        // negative draws shorten the 50 ms, never below zero
        assertThat(min).isLessThan(50_000_000L).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aLossIsRepairedAsLinuxDetectsIt() {
        // scripted: segments 0, 2 and 4 of five are lost, each retransmission gets through (the segments between
        // leave after them by the direction's queue, not the stage)
        // the five segments' draws first, then their retransmissions' (later on the link)
        java.util.Iterator<Boolean> script = List.of(true, false, true, false, true, false, false, false).iterator();
        List<Segment> segs = lossOf(script, 5 * 1460);
        assertThat(segs).hasSize(5);
        // four behind it: SACK's duplicate threshold, one RTT
        assertThat(segs.get(0).releaseNanos).isEqualTo(80_000_000L);
        // two behind it: RACK, RTT + RTT/4
        assertThat(segs.get(2).releaseNanos).isEqualTo(100_000_000L);
        // none behind it: the tail loss probe, 2 RTT + 2 ms
        assertThat(segs.get(4).releaseNanos).isEqualTo(162_000_000L);
        assertThat(script.hasNext()).isFalse();
        segs.forEach(Segment::discard);
    }

    @Test
    void everyRetransmissionLostStallsAtMostSixBackOffs() {
        VirtualStageContext ctx = new VirtualStageContext(7);
        ToxicChain chain = new ToxicChain();
        chain.update(List.of(ToxicSpec.of("loss", Stream.DOWNSTREAM, Map.of("rate", 1.0, "rtt", 80))), ctx);
        List<Segment> segs = new ArrayList<>(List.of(Segment.data(Unpooled.buffer(5 * 1460).writerIndex(5 * 1460), 0)));
        chain.apply(segs, ctx);
        // 100% loss: one RTT to detect it, then every retransmission is lost again and the RTO (80 + 200 ms)
        // doubles six times before it gets through: 80 + 280 x (1 + 2 + ... + 32) ms, finite
        assertThat(segs.get(0).releaseNanos).isEqualTo(80_000_000L + 63 * 280_000_000L);
        assertThat(ctx.stalls()).isEqualTo(5);
        segs.forEach(Segment::discard);
    }

    @Test
    void aLoneLostSegmentTimesOutAndItsLostRetransmissionDoublesTheBackOff() {
        // scripted: the segment is lost, its first retransmission too, the second gets through
        java.util.Iterator<Boolean> script = List.of(true, true, false).iterator();
        List<Segment> segs = lossOf(script, 100);
        // alone, the probe (2 x 80 + 200 ms) comes after the RTO (280 ms): a timeout; then the RTO doubled, 560 ms
        assertThat(segs.get(0).releaseNanos).isEqualTo(840_000_000L);
        assertThat(script.hasNext()).isFalse();
        segs.forEach(Segment::discard);
    }

    @Test
    void aFastRetransmissionLostAgainWaitsTheRto() {
        java.util.Iterator<Boolean> script = List.of(true, false, false, false, true, false).iterator();
        List<Segment> segs = lossOf(script, 4 * 1460);
        assertThat(segs.get(0).releaseNanos).isEqualTo(80_000_000L + 280_000_000L);
        assertThat(script.hasNext()).isFalse();
        segs.forEach(Segment::discard);
    }

    /** One read of {@code bytes} through a loss stage (RTT 80 ms, RTO 280 ms) whose draws follow {@code script}. */
    private static List<Segment> lossOf(java.util.Iterator<Boolean> script, int bytes) {
        LossToxic loss = new LossToxic(Map.of(), random -> r -> script.next(), 80_000_000L, 0, 200_000_000L, 1460);
        VirtualStageContext ctx = new VirtualStageContext(7);
        ToxicChain chain = new ToxicChain();
        chain.update(List.of(new ToxicSpec("loss", Stream.DOWNSTREAM, 1, loss)), ctx);
        List<Segment> segs = new ArrayList<>(List.of(Segment.data(Unpooled.buffer(bytes).writerIndex(bytes), 0)));
        chain.apply(segs, ctx);
        return segs;
    }

    @Test
    void delaysSaturateInsteadOfWrappingIntoThePast() {
        VirtualStageContext ctx = new VirtualStageContext(7);
        ToxicChain chain = new ToxicChain();
        chain.update(List.of(ToxicSpec.of("latency", Stream.DOWNSTREAM, Map.of("latency", 3_600_000, "jitter", 3_600_000)),
                ToxicSpec.of("slow_close", Stream.DOWNSTREAM, Map.of("delay", 3_600_000)),
                ToxicSpec.of("jitter", Stream.DOWNSTREAM, Map.of("distribution", "pareto", "jitter", 3_600_000,
                        "shape", 1.0001))), ctx);
        for (int i = 0; i < 1000; i++) {
            List<Segment> segs = new ArrayList<>(List.of(Segment.marker(Segment.Kind.FIN, Long.MAX_VALUE - 1000)));
            chain.apply(segs, ctx);
            assertThat(segs.get(0).releaseNanos).isGreaterThanOrEqualTo(Long.MAX_VALUE - 1000);
        }
        assertThat(Segment.plus(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Segment.plus(Long.MIN_VALUE + 1, -5)).isEqualTo(Long.MIN_VALUE);
        assertThat(Segment.plus(-5, 7)).isEqualTo(2);
    }

    @Test
    void durationsAreBoundedRoundtripsOwnByAnHourToxiproxysBy24Days() {
        Map<String, String> keys = Map.of("latency", "latency", "slow_close", "delay", "timeout", "timeout",
                "reset_peer", "timeout", "handshake", "rtt", "slow_start", "rtt");
        for (String type : List.of("handshake", "slow_start")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToxicTypes.create(type, Map.of(keys.get(type),
                    3_600_001))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one hour");
            ToxicTypes.create(type, Map.of(keys.get(type), 3_600_000));
        }
        for (String type : List.of("latency", "slow_close", "timeout", "reset_peer")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToxicTypes.create(type, Map.of(keys.get(type),
                    9.3e12))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24.8 days");
            ToxicTypes.create(type, Map.of(keys.get(type), Integer.MAX_VALUE));
            ToxicTypes.create(type, Map.of(keys.get(type), -1)); // as toxiproxy: no delay
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LatencyToxic(1e300, 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LatencyToxic(3_600_001, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gilbertElliottLosesInBursts() {
        LossDecider ge = LossDecider.gilbertElliott(0.01, 0.25, 1.0, 0.0);
        SplittableRandom r = new SplittableRandom(3);
        int lost = 0;
        int runs = 0;
        boolean previous = false;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            boolean l = ge.lost(r);
            if (l) {
                lost++;
                if (!previous) {
                    runs++;
                }
            }
            previous = l;
        }
        // stationary loss p/(p+r) = 3.85%; mean burst 1/r = 4 segments
        assertThat(lost / (double) n).isBetween(0.033, 0.044);
        assertThat(lost / (double) runs).isBetween(3.5, 4.5);
    }

    @Test
    void toxicityIsDrawnPerConnection() {
        ToxicSpec spec = ToxicSpec.of("latency", Stream.DOWNSTREAM, Map.of("latency", 10)).withToxicity(0.3);
        int active = 0;
        for (int i = 0; i < 1000; i++) {
            VirtualStageContext ctx = new VirtualStageContext(i);
            ToxicChain chain = new ToxicChain();
            chain.update(List.of(spec), ctx);
            List<Segment> segs = new ArrayList<>(List.of(Segment.marker(Segment.Kind.FIN, 0)));
            chain.apply(segs, ctx);
            if (segs.get(0).releaseNanos > 0) {
                active++;
            }
        }
        assertThat(active).isBetween(240, 360);
    }
}
