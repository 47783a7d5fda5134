package io.roundtrip.proxy;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.JitterDistribution;
import io.roundtrip.model.profile.LossModel;
import io.roundtrip.model.profile.LossProcess;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.proxy.toxic.BandwidthToxic;
import io.roundtrip.proxy.toxic.HandshakeToxic;
import io.roundtrip.proxy.toxic.JitterToxic;
import io.roundtrip.proxy.toxic.LatencyToxic;
import io.roundtrip.proxy.toxic.LossDecider;
import io.roundtrip.proxy.toxic.LossToxic;
import io.roundtrip.proxy.toxic.SlowStartToxic;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A {@link NetworkProfile} as the toxic chain that enforces it (one profile, two consumers: the model predicts from
 * the same value). Per direction, in this order:
 *
 * <ol>
 * <li>{@code handshake} (upstream only, if on): the client's first bytes wait one RTT after accept;</li>
 * <li>{@code slow_start} (if on and RTT &gt; 0): flights of initcwnd × MSS growing by γ per RTT to ssthresh or
 *     the bandwidth-delay product; restart after an idle longer than the RTO if slow-start-after-idle;</li>
 * <li>{@code bandwidth} (if limited): the direction's rate, per connection;</li>
 * <li>{@code loss} (if any): the profile's loss process per connection and direction; a loss stalls the stream by
 *     one RTT (fast retransmit) or the RTO {@code max(rto, RTT + 4 RTTVAR)} with RTTVAR = √2 σ of the jitter, the
 *     retransmission redrawn from the same process and the back-off doubled per re-loss (at most
 *     {@link LossToxic#MAX_BACKOFFS} times), as the model's Monte Carlo does;</li>
 * <li>{@code latency}: the one-way delay; then {@code jitter}: a sample of the profile's distribution added to it
 *     (the sum clamped at zero), delivered at max(own time, the previous segment's): never reordered.</li>
 * </ol>
 */
public final class ProfileToxics {

    private ProfileToxics() {}

    public static List<ToxicSpec> of(NetworkProfile profile) {
        List<ToxicSpec> specs = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            specs.addAll(forDirection(profile, direction));
        }
        return specs;
    }

    /** The RTTVAR the loss stage uses for the RTO: the profile's own ({@link NetworkProfile#rttVariationNanos()}). */
    public static long rttvarNanos(NetworkProfile profile) {
        return profile.rttVariationNanos();
    }

    static List<ToxicSpec> forDirection(NetworkProfile profile, Direction direction) {
        Stream stream = direction == Direction.UP ? Stream.UPSTREAM : Stream.DOWNSTREAM;
        List<ToxicSpec> specs = new ArrayList<>();
        double rttMillis = profile.rttNanos() / 1e6;
        long rateBytesPerSecond = profile.bandwidthBitsPerSecond(direction) / 8;
        long rttvar = rttvarNanos(profile);
        long rtoNanos = profile.retransmissionTimeout().toNanos();
        if (direction == Direction.UP && profile.handshake() && profile.rttNanos() > 0) {
            specs.add(new ToxicSpec(null, stream, 1, new HandshakeToxic(rttMillis, profile.lossRate(),
                    profile.synRto().toNanos() / 1e6)));
        }
        if (profile.slowStart() && profile.rttNanos() > 0) {
            long ssthreshBytes = profile.ssthreshSegments().isPresent()
                    ? (long) profile.ssthreshSegments().getAsInt() * profile.mssBytes() : 0;
            specs.add(new ToxicSpec(null, stream, 1, new SlowStartToxic(rttMillis, profile.mssBytes(),
                    profile.initcwndSegments(), ssthreshBytes, rateBytesPerSecond / 1000d,
                    profile.slowStartAfterIdle(), rtoNanos / 1e6, profile.gamma(), profile.congestion())));
        }
        if (rateBytesPerSecond > 0) {
            specs.add(new ToxicSpec(null, stream, 1, new BandwidthToxic(rateBytesPerSecond, false, 0)));
        }
        LossModel loss = profile.loss();
        if (!loss.isNone()) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("model", loss.describe());
            attrs.put("rate", loss.meanLossRate());
            attrs.put("rtt", rttMillis);
            attrs.put("rttvar", rttvar / 1e6);
            attrs.put("min_rto", profile.rto().toNanos() / 1e6);
            attrs.put("mss", profile.mssBytes());
            specs.add(new ToxicSpec(null, stream, 1, new LossToxic(attrs, random -> decider(loss, random),
                    profile.rttNanos(), rttvar, profile.rto().toNanos(), profile.mssBytes())));
        }
        long delayNanos = profile.delayNanos(direction);
        if (delayNanos > 0) {
            specs.add(new ToxicSpec(null, stream, 1, new LatencyToxic(delayNanos / 1e6, 0)));
        }
        JitterDistribution jitter = profile.jitter();
        if (!jitter.isNone()) {
            specs.add(new ToxicSpec(null, stream, 1, JitterToxic.of(jitter, delayNanos,
                    Map.of("distribution", jitter.describe()))));
        }
        return specs;
    }

    private static LossDecider decider(LossModel loss, SplittableRandom random) {
        LossProcess process = loss.newProcess(random.nextLong());
        return r -> process.nextSegmentLost();
    }
}
