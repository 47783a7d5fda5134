package io.roundtrip.model.profile;

import io.roundtrip.model.tcp.LossRecovery;
import io.roundtrip.model.tcp.SenderWindow;
import io.roundtrip.model.units.Bounds;
import io.roundtrip.model.units.Units;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One network path, as one immutable value: what the proxy and the packet path enforce and what the latency model
 * predicts from.
 *
 * <p>Every setting has a string key, the same on the command line ({@code --rtt 80ms}), in profile files
 * ({@code rtt = 80ms}), as a simulation's system property ({@code -Drtt=80ms}) and in {@link #toMap()} (what
 * {@code run.json} records): {@link ProfileKeys} lists them with their help. Delays resolve at
 * {@link ProfileBuilder#build()}: {@code rtt} splits evenly into {@code delay-up}/{@code delay-down} unless they say
 * otherwise; loss is Bernoulli unless {@code loss-good-to-bad} &gt; 0 turns on Gilbert–Elliott bursts
 * ({@link LossModel.GilbertElliott}); {@code gamma}, the slow-start growth per round trip, is 2, or 1.5 with
 * {@code delayed-ack}, unless set.
 *
 * <p>Bad values are {@link IllegalArgumentException}s with one line naming the key and the value, e.g.
 * {@code bad rtt 'fast': expected a duration like 80ms}.
 *
 * @param ssthreshSegments slow-start threshold; empty when unbounded
 * @param rto minimum retransmission timeout (Linux's {@code TCP_RTO_MIN}, 200 ms)
 * @param synRto initial SYN retransmission timeout (RFC 6298: 1 s); the model doubles it per retry, as RFC 6298 does,
 *     where Linux 6.5 and later waits a linear 1 s for the first {@code tcp_syn_linear_timeouts} (4) retries
 * @param congestion the emulated sender's congestion control (CUBIC, Linux's default, or Reno): the model's and the
 *     proxy's {@link SenderWindow}, the packet path's {@code congctl}
 */
public record NetworkProfile(String name, Duration delayUp, Duration delayDown, JitterDistribution jitter,
        long bandwidthUpBitsPerSecond, long bandwidthDownBitsPerSecond, LossModel loss, int mssBytes,
        int initcwndSegments, OptionalInt ssthreshSegments, boolean slowStart, boolean slowStartAfterIdle,
        boolean handshake, boolean delayedAck, double gamma, Duration rto, Duration synRto,
        SenderWindow.Algorithm congestion) {

    /** Every key {@link ProfileBuilder#set} accepts, in the order they apply and {@link #toMap()} lists them. */
    public static final List<String> KEYS = ProfileKeys.NAMES;

    /** The keys {@link #describe()} shows as {@link #toMap()} records them (the others it folds together). */
    private static final List<String> DESCRIBED_AS_RECORDED = List.of("mss", "initcwnd", "ssthresh", "slow-start",
            "slow-start-after-idle", "handshake", "gamma", "rto", "syn-rto", "congestion");

    public static final int DEFAULT_MSS_BYTES = 1460;
    public static final int DEFAULT_INITCWND_SEGMENTS = 10;
    public static final Duration DEFAULT_RTO = Duration.ofMillis(200);
    public static final Duration DEFAULT_SYN_RTO = Duration.ofSeconds(1);

    /** Defaults: no delay, no jitter, no limit, no loss; MSS 1460, IW10, γ = 2, RTO min 200 ms, SYN RTO 1 s. */
    public static final NetworkProfile DEFAULT = builder().build();

    public NetworkProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(ssthreshSegments, "ssthreshSegments");
        Objects.requireNonNull(congestion, "congestion");
        Bounds.nonNegative("delay-up", delayUp);
        Bounds.nonNegative("delay-down", delayDown);
        Bounds.nonNegative("bandwidth-up", bandwidthUpBitsPerSecond);
        Bounds.nonNegative("bandwidth-down", bandwidthDownBitsPerSecond);
        Bounds.positive("mss", mssBytes);
        Bounds.positive("initcwnd", initcwndSegments);
        Bounds.nonNegative("rto", rto);
        Bounds.nonNegative("syn-rto", synRto);
    }

    public static ProfileBuilder builder() {
        return new ProfileBuilder();
    }

    /** A builder holding this profile's values, to override some of them. */
    public ProfileBuilder toBuilder() {
        ProfileBuilder b = builder().name(name);
        long downMinusUp = delayDown.minus(delayUp).toNanos();
        if (downMinusUp == 0 || downMinusUp == 1) {
            b.rtt(rtt());
        } else {
            b.delayUp(delayUp).delayDown(delayDown);
        }
        if (loss instanceof LossModel.GilbertElliott ge) {
            b.lossRate(ge.lossInGood()).lossGoodToBad(ge.goodToBad()).lossBadToGood(ge.badToGood())
                    .lossInBad(ge.lossInBad());
        } else {
            b.lossRate(loss.meanLossRate());
        }
        if (gamma != (delayedAck ? 1.5 : 2.0)) {
            b.gamma(gamma);
        }
        return b.jitter(jitter).bandwidthUp(bandwidthUpBitsPerSecond).bandwidthDown(bandwidthDownBitsPerSecond)
                .mss(mssBytes).initcwnd(initcwndSegments).ssthresh(ssthreshSegments.orElse(0)).slowStart(slowStart)
                .slowStartAfterIdle(slowStartAfterIdle).handshake(handshake).delayedAck(delayedAck).rto(rto)
                .synRto(synRto).congestion(congestion);
    }

    /** Round-trip propagation delay: {@code delayUp + delayDown}. */
    public Duration rtt() {
        return delayUp.plus(delayDown);
    }

    public long rttNanos() {
        return rtt().toNanos();
    }

    public double rttMillis() {
        return rttNanos() / 1e6;
    }

    /** One-way delay in {@code direction}, nanoseconds. */
    public long delayNanos(Direction direction) {
        return (direction == Direction.UP ? delayUp : delayDown).toNanos();
    }

    /**
     * One segment's one-way delay in {@code direction}: the fixed delay plus a jitter sample, clamped at zero.
     * The proxy then delivers at {@code max(this, previous segment's delivery)} (no reordering).
     */
    public long sampleDelayNanos(Direction direction, RandomGenerator rng) {
        long base = delayNanos(direction);
        return jitter.isNone() ? base : Math.max(0, base + jitter.sampleNanos(rng));
    }

    /** Bandwidth in {@code direction}, bits/s; 0 = unlimited. */
    public long bandwidthBitsPerSecond(Direction direction) {
        return direction == Direction.UP ? bandwidthUpBitsPerSecond : bandwidthDownBitsPerSecond;
    }

    /** Time to put {@code bytes} on the wire in {@code direction}, nanoseconds; 0 when unlimited. */
    public double serializationNanos(Direction direction, long bytes) {
        long bps = bandwidthBitsPerSecond(direction);
        return bps == 0 ? 0 : bytes * 8e9 / bps;
    }

    /** The long-run segment loss rate (the Gilbert–Elliott stationary mean, if bursty). */
    public double lossRate() {
        return loss.meanLossRate();
    }

    /**
     * The round-trip time variation jitter causes, RTTVAR in RFC 6298's terms: √2 σ of the one-way jitter (two
     * independent draws per round trip); for a Pareto shape ≤ 2 (infinite σ), √2 · 2 |mean|. The proxy's loss stage
     * and the model use the same value.
     */
    public long rttVariationNanos() {
        if (jitter.isNone()) {
            return 0;
        }
        double sigma = jitter.standardDeviationNanos();
        if (Double.isInfinite(sigma) || Double.isNaN(sigma)) {
            sigma = 2 * Math.abs(jitter.meanNanos());
        }
        return Math.round(Math.sqrt(2) * sigma);
    }

    /**
     * The retransmission timeout on this path as Linux computes it: RTT + max(4 RTTVAR, rto)
     * ({@link LossRecovery#rtoNanos}, the profile's {@code rto} as Linux's {@code rto_min}),
     * {@link #rttVariationNanos()} for RTTVAR. A loss the tail probe cannot repair first waits this long.
     */
    public Duration retransmissionTimeout() {
        return Duration.ofNanos(Math.round(LossRecovery.rtoNanos(rttNanos(), rttVariationNanos(), rto.toNanos())));
    }

    /** Every setting under its key, values in human units (strings, numbers, booleans): JSON-able. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        for (ProfileKey key : ProfileKeys.ALL) {
            Object value = key.recorded().apply(this);
            if (value != null) {
                m.put(key.name(), value);
            }
        }
        return m;
    }

    /** One line for people: {@code cross-continent: rtt 80ms, jitter none, bandwidth unlimited, loss 0%, ...}. */
    public String describe() {
        StringBuilder s = new StringBuilder(name).append(": rtt ").append(Units.formatDuration(rtt()));
        if (!delayUp.equals(delayDown)) {
            s.append(" (").append(Units.formatDuration(delayUp)).append(" up, ")
                    .append(Units.formatDuration(delayDown)).append(" down)");
        }
        s.append(", jitter ").append(jitter.describe());
        if (bandwidthUpBitsPerSecond == bandwidthDownBitsPerSecond) {
            s.append(", bandwidth ").append(Units.formatBitsPerSecond(bandwidthDownBitsPerSecond));
        } else {
            s.append(", bandwidth ").append(Units.formatBitsPerSecond(bandwidthDownBitsPerSecond)).append(" down / ")
                    .append(Units.formatBitsPerSecond(bandwidthUpBitsPerSecond)).append(" up");
        }
        s.append(", loss ").append(loss.describe());
        Map<String, Object> recorded = toMap();
        for (String key : DESCRIBED_AS_RECORDED) {
            Object value = recorded.get(key);
            s.append(", ").append(key).append(' ').append(value instanceof Boolean on ? (on ? "on" : "off")
                    : value instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : value);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
