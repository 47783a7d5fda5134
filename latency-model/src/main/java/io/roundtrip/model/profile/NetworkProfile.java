package io.roundtrip.model.profile;

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
 * One network path, as one immutable value: what the proxy enforces and what the latency model predicts from.
 *
 * <p>Every setting has a string key, the same on the command line ({@code --rtt 80ms}), in profile files
 * ({@code rtt = 80ms}) and in {@link #toMap()} (what {@code run.json} records):
 *
 * <table>
 * <caption>keys</caption>
 * <tr><td>{@code rtt}</td><td>round-trip propagation delay; split evenly into the two one-way delays unless
 *     {@code delay-up}/{@code delay-down} say otherwise (default 0)</td></tr>
 * <tr><td>{@code delay-up}, {@code delay-down}</td><td>one-way delays, client→server and server→client; given
 *     one and {@code rtt}, the other is the rest</td></tr>
 * <tr><td>{@code jitter}</td><td>a {@link JitterDistribution} added per segment to each one-way delay</td></tr>
 * <tr><td>{@code bandwidth}, {@code bandwidth-up}, {@code bandwidth-down}</td><td>bits/s ({@code 10mbit});
 *     {@code unlimited} or 0 means no limit (default)</td></tr>
 * <tr><td>{@code loss}</td><td>segment loss rate ({@code 0.5%}); with Gilbert–Elliott, the loss in the good
 *     state</td></tr>
 * <tr><td>{@code loss-good-to-bad}, {@code loss-bad-to-good}, {@code loss-in-bad}</td><td>Gilbert–Elliott
 *     burst loss (see {@link LossModel.GilbertElliott}); {@code loss-good-to-bad} &gt; 0 turns it on;
 *     {@code loss-in-bad} defaults to 100%</td></tr>
 * <tr><td>{@code mss}</td><td>maximum segment size, bytes (1460)</td></tr>
 * <tr><td>{@code initcwnd}</td><td>initial congestion window, segments (10, RFC 6928)</td></tr>
 * <tr><td>{@code ssthresh}</td><td>slow-start threshold, segments; {@code none} (default) = unbounded</td></tr>
 * <tr><td>{@code slow-start}</td><td>{@code on}: emulate slow start (default)</td></tr>
 * <tr><td>{@code slow-start-after-idle}</td><td>{@code on}: an idle connection restarts from initcwnd (RFC 5681
 *     §4.1, Linux's default)</td></tr>
 * <tr><td>{@code handshake}</td><td>{@code on}: emulate the TCP three-way handshake, 1 RTT (default)</td></tr>
 * <tr><td>{@code delayed-ack}, {@code gamma}</td><td>window growth per round trip in slow start: γ = 2, or
 *     1.5 with delayed ACKs (one ACK per two segments); {@code gamma} sets it directly</td></tr>
 * <tr><td>{@code rto}</td><td>minimum retransmission timeout (200 ms, Linux's {@code TCP_RTO_MIN})</td></tr>
 * <tr><td>{@code syn-rto}</td><td>initial SYN retransmission timeout (1 s, RFC 6298)</td></tr>
 * </table>
 *
 * <p>Bad values are {@link IllegalArgumentException}s with one line naming the key and the value, e.g.
 * {@code bad rtt 'fast': expected a duration like 80ms}.
 */
public final class NetworkProfile {

    /** Every key {@link Builder#set} accepts, in the order {@link #toMap()} lists them. */
    public static final List<String> KEYS = List.of("rtt", "delay-up", "delay-down", "jitter", "bandwidth",
            "bandwidth-up", "bandwidth-down", "loss", "loss-good-to-bad", "loss-bad-to-good", "loss-in-bad", "mss",
            "initcwnd", "ssthresh", "slow-start", "slow-start-after-idle", "handshake", "delayed-ack", "gamma", "rto",
            "syn-rto");

    public static final int DEFAULT_MSS_BYTES = 1460;
    public static final int DEFAULT_INITCWND_SEGMENTS = 10;
    public static final Duration DEFAULT_RTO = Duration.ofMillis(200);
    public static final Duration DEFAULT_SYN_RTO = Duration.ofSeconds(1);

    /** Defaults: no delay, no jitter, no limit, no loss; MSS 1460, IW10, γ = 2, RTO min 200 ms, SYN RTO 1 s. */
    public static final NetworkProfile DEFAULT = builder().build();

    private final String name;
    private final Duration delayUp;
    private final Duration delayDown;
    private final JitterDistribution jitter;
    private final long bandwidthUpBitsPerSecond;
    private final long bandwidthDownBitsPerSecond;
    private final LossModel loss;
    private final int mssBytes;
    private final int initcwndSegments;
    private final int ssthreshSegments; // 0 = unbounded
    private final boolean slowStart;
    private final boolean slowStartAfterIdle;
    private final boolean handshake;
    private final boolean delayedAck;
    private final double gamma;
    private final Duration rto;
    private final Duration synRto;

    private NetworkProfile(Builder b, Duration up, Duration down, LossModel loss) {
        this.name = b.name;
        this.delayUp = up;
        this.delayDown = down;
        this.jitter = b.jitter;
        this.bandwidthUpBitsPerSecond = b.bandwidthUp;
        this.bandwidthDownBitsPerSecond = b.bandwidthDown;
        this.loss = loss;
        this.mssBytes = b.mss;
        this.initcwndSegments = b.initcwnd;
        this.ssthreshSegments = b.ssthresh;
        this.slowStart = b.slowStart;
        this.slowStartAfterIdle = b.slowStartAfterIdle;
        this.handshake = b.handshake;
        this.delayedAck = b.delayedAck;
        this.gamma = b.gamma != null ? b.gamma : (b.delayedAck ? 1.5 : 2.0);
        this.rto = b.rto;
        this.synRto = b.synRto;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this profile's values, to override some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        long downMinusUp = delayDown.minus(delayUp).toNanos();
        if (downMinusUp == 0 || downMinusUp == 1) {
            b.rtt = rtt();
        } else {
            b.delayUp = delayUp;
            b.delayDown = delayDown;
        }
        b.jitter = jitter;
        b.bandwidthUp = bandwidthUpBitsPerSecond;
        b.bandwidthDown = bandwidthDownBitsPerSecond;
        if (loss instanceof LossModel.GilbertElliott ge) {
            b.lossRate = ge.lossInGood();
            b.goodToBad = ge.goodToBad();
            b.badToGood = ge.badToGood();
            b.lossInBad = ge.lossInBad();
        } else {
            b.lossRate = loss.meanLossRate();
        }
        b.mss = mssBytes;
        b.initcwnd = initcwndSegments;
        b.ssthresh = ssthreshSegments;
        b.slowStart = slowStart;
        b.slowStartAfterIdle = slowStartAfterIdle;
        b.handshake = handshake;
        b.delayedAck = delayedAck;
        b.gamma = gamma == (delayedAck ? 1.5 : 2.0) ? null : gamma;
        b.rto = rto;
        b.synRto = synRto;
        return b;
    }

    /** The preset's name, or {@code custom}. */
    public String name() {
        return name;
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

    /** One-way delay client → server. */
    public Duration delayUp() {
        return delayUp;
    }

    /** One-way delay server → client. */
    public Duration delayDown() {
        return delayDown;
    }

    /** One-way delay in {@code direction}, nanoseconds. */
    public long delayNanos(Direction direction) {
        return (direction == Direction.UP ? delayUp : delayDown).toNanos();
    }

    /** Per-segment jitter added to each one-way delay (both directions draw from the same distribution). */
    public JitterDistribution jitter() {
        return jitter;
    }

    /**
     * One segment's one-way delay in {@code direction}: the fixed delay plus a jitter sample, clamped at zero.
     * The proxy then delivers at {@code max(this, previous segment's delivery)} (no reordering).
     */
    public long sampleDelayNanos(Direction direction, RandomGenerator rng) {
        long base = delayNanos(direction);
        return jitter.isNone() ? base : Math.max(0, base + jitter.sampleNanos(rng));
    }

    /** Client → server bandwidth, bits/s; 0 = unlimited. */
    public long bandwidthUpBitsPerSecond() {
        return bandwidthUpBitsPerSecond;
    }

    /** Server → client bandwidth, bits/s; 0 = unlimited. */
    public long bandwidthDownBitsPerSecond() {
        return bandwidthDownBitsPerSecond;
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

    /** The loss model; make a {@link LossProcess} per connection and direction from it. */
    public LossModel loss() {
        return loss;
    }

    /** The long-run segment loss rate (the Gilbert–Elliott stationary mean, if bursty). */
    public double lossRate() {
        return loss.meanLossRate();
    }

    public int mssBytes() {
        return mssBytes;
    }

    public int initcwndSegments() {
        return initcwndSegments;
    }

    /** Slow-start threshold in segments; empty when unbounded. */
    public OptionalInt ssthreshSegments() {
        return ssthreshSegments == 0 ? OptionalInt.empty() : OptionalInt.of(ssthreshSegments);
    }

    /** Whether slow start is emulated; off means the window is never the limit. */
    public boolean slowStart() {
        return slowStart;
    }

    /** Whether a connection idle for longer than the RTO restarts from initcwnd. */
    public boolean slowStartAfterIdle() {
        return slowStartAfterIdle;
    }

    /** Whether the TCP handshake (1 RTT) is emulated. */
    public boolean handshake() {
        return handshake;
    }

    /** Whether the receiver delays ACKs (one per two segments), which makes γ = 1.5 unless set. */
    public boolean delayedAck() {
        return delayedAck;
    }

    /** Window growth factor per round trip in slow start: 2, or 1.5 with delayed ACKs. */
    public double gamma() {
        return gamma;
    }

    /** Minimum retransmission timeout (Linux's {@code TCP_RTO_MIN}, 200 ms). */
    public Duration rto() {
        return rto;
    }

    /** Initial SYN retransmission timeout (RFC 6298: 1 s; doubles per retry). */
    public Duration synRto() {
        return synRto;
    }

    /**
     * The retransmission timeout a converged Linux sender uses on this path: RTT + max(rto, 4σ), where σ is the
     * round trip's standard deviation from jitter (√2 × the one-way σ; Linux's {@code __tcp_set_rto}, with
     * {@code rto} in the role of {@code TCP_RTO_MIN}). The model charges a timeout this long; the proxy holds a
     * segment it "loses" without enough later segments for a fast retransmit this long.
     */
    public Duration retransmissionTimeout() {
        double sigma = Math.sqrt(2) * jitter.standardDeviationNanos();
        double variation = Double.isFinite(sigma) ? 4 * sigma : rto.toNanos();
        return rtt().plusNanos(Math.round(Math.max(rto.toNanos(), variation)));
    }

    /** Every setting under its key, values in human units (strings, numbers, booleans): JSON-able. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("rtt", Units.formatDuration(rtt()));
        m.put("delay-up", Units.formatDuration(delayUp));
        m.put("delay-down", Units.formatDuration(delayDown));
        m.put("jitter", jitter.describe());
        m.put("bandwidth-up", formatRate(bandwidthUpBitsPerSecond));
        m.put("bandwidth-down", formatRate(bandwidthDownBitsPerSecond));
        if (loss instanceof LossModel.GilbertElliott ge) {
            m.put("loss", LossModel.percent(ge.lossInGood()));
            m.put("loss-good-to-bad", LossModel.percent(ge.goodToBad()));
            m.put("loss-bad-to-good", LossModel.percent(ge.badToGood()));
            m.put("loss-in-bad", LossModel.percent(ge.lossInBad()));
        } else {
            m.put("loss", LossModel.percent(loss.meanLossRate()));
        }
        m.put("mss", mssBytes);
        m.put("initcwnd", initcwndSegments);
        m.put("ssthresh", ssthreshSegments == 0 ? "none" : ssthreshSegments);
        m.put("slow-start", slowStart);
        m.put("slow-start-after-idle", slowStartAfterIdle);
        m.put("handshake", handshake);
        m.put("delayed-ack", delayedAck);
        m.put("gamma", gamma);
        m.put("rto", Units.formatDuration(rto));
        m.put("syn-rto", Units.formatDuration(synRto));
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
            s.append(", bandwidth ").append(formatRate(bandwidthDownBitsPerSecond));
        } else {
            s.append(", bandwidth ").append(formatRate(bandwidthDownBitsPerSecond)).append(" down / ")
                    .append(formatRate(bandwidthUpBitsPerSecond)).append(" up");
        }
        s.append(", loss ").append(loss.describe());
        s.append(", mss ").append(mssBytes).append(", initcwnd ").append(initcwndSegments);
        s.append(", ssthresh ").append(ssthreshSegments == 0 ? "none" : String.valueOf(ssthreshSegments));
        s.append(", slow-start ").append(onOff(slowStart));
        s.append(", slow-start-after-idle ").append(onOff(slowStartAfterIdle));
        s.append(", handshake ").append(onOff(handshake));
        s.append(", gamma ").append(BigDecimal.valueOf(gamma).stripTrailingZeros().toPlainString());
        s.append(", rto ").append(Units.formatDuration(rto));
        s.append(", syn-rto ").append(Units.formatDuration(synRto));
        return s.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NetworkProfile p)) {
            return false;
        }
        return name.equals(p.name) && delayUp.equals(p.delayUp) && delayDown.equals(p.delayDown)
                && jitter.equals(p.jitter) && bandwidthUpBitsPerSecond == p.bandwidthUpBitsPerSecond
                && bandwidthDownBitsPerSecond == p.bandwidthDownBitsPerSecond && loss.equals(p.loss)
                && mssBytes == p.mssBytes && initcwndSegments == p.initcwndSegments
                && ssthreshSegments == p.ssthreshSegments && slowStart == p.slowStart
                && slowStartAfterIdle == p.slowStartAfterIdle && handshake == p.handshake
                && delayedAck == p.delayedAck && gamma == p.gamma && rto.equals(p.rto) && synRto.equals(p.synRto);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, delayUp, delayDown, jitter, bandwidthUpBitsPerSecond, bandwidthDownBitsPerSecond,
                loss, mssBytes, initcwndSegments, ssthreshSegments, slowStart, slowStartAfterIdle, handshake,
                delayedAck, gamma, rto, synRto);
    }

    /** {@code 10mbit}, {@code 1600kbit}, {@code unlimited}: parseable by {@link Units#parseBitsPerSecond}. */
    public static String formatRate(long bitsPerSecond) {
        if (bitsPerSecond == 0) {
            return "unlimited";
        }
        String[] prefixes = {"t", "g", "m", "k"};
        long[] factors = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < prefixes.length; i++) {
            if (bitsPerSecond % factors[i] == 0) {
                return bitsPerSecond / factors[i] + prefixes[i] + "bit";
            }
        }
        return bitsPerSecond + "bit";
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    /**
     * Fluent construction; {@link #set} takes any key as text. Delays resolve at {@link #build()}: given both
     * one-way delays they win (and must add up to {@code rtt} if that is given too); given one and {@code rtt},
     * the other is the rest; given only {@code rtt}, it splits evenly (the odd nanosecond goes down).
     */
    public static final class Builder {
        private String name = "custom";
        private Duration rtt;
        private Duration delayUp;
        private Duration delayDown;
        private JitterDistribution jitter = JitterDistribution.NONE;
        private long bandwidthUp;
        private long bandwidthDown;
        private double lossRate;
        private double goodToBad;
        private double badToGood;
        private Double lossInBad;
        private LossModel lossModel;
        private int mss = DEFAULT_MSS_BYTES;
        private int initcwnd = DEFAULT_INITCWND_SEGMENTS;
        private int ssthresh;
        private boolean slowStart = true;
        private boolean slowStartAfterIdle = true;
        private boolean handshake = true;
        private boolean delayedAck;
        private Double gamma;
        private Duration rto = DEFAULT_RTO;
        private Duration synRto = DEFAULT_SYN_RTO;

        private Builder() {}

        /** Sets one key from text, e.g. {@code set("rtt", "80ms")}; bad text throws a one-line error. */
        public Builder set(String key, String text) {
            String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
            if (text == null) {
                throw new IllegalArgumentException("missing value for " + k);
            }
            String v = text.trim();
            switch (k) {
                case "rtt":
                    return rtt(duration(k, v));
                case "delay-up":
                    return delayUp(duration(k, v));
                case "delay-down":
                    return delayDown(duration(k, v));
                case "jitter":
                    return jitter(jitterOf(v));
                case "bandwidth":
                    return bandwidth(rate(k, v));
                case "bandwidth-up":
                    return bandwidthUp(rate(k, v));
                case "bandwidth-down":
                    return bandwidthDown(rate(k, v));
                case "loss":
                    return lossRate(fraction(k, v));
                case "loss-good-to-bad":
                    return lossGoodToBad(fraction(k, v));
                case "loss-bad-to-good":
                    return lossBadToGood(fraction(k, v));
                case "loss-in-bad":
                    return lossInBad(fraction(k, v));
                case "mss":
                    return mss(positiveInt(k, v, "a size in bytes like 1460"));
                case "initcwnd":
                    return initcwnd(positiveInt(k, v, "a number of segments like 10"));
                case "ssthresh":
                    return ssthresh(v.equalsIgnoreCase("none") || v.equalsIgnoreCase("off")
                            || v.equalsIgnoreCase("infinite") || v.equals("0")
                            ? 0 : positiveInt(k, v, "a number of segments like 64, or none"));
                case "slow-start":
                    return slowStart(bool(k, v));
                case "slow-start-after-idle":
                    return slowStartAfterIdle(bool(k, v));
                case "handshake":
                    return handshake(bool(k, v));
                case "delayed-ack":
                    return delayedAck(bool(k, v));
                case "gamma":
                    return gamma(gammaOf(v));
                case "rto":
                    return rto(duration(k, v));
                case "syn-rto":
                    return synRto(duration(k, v));
                case "name":
                    return name(v);
                default:
                    throw new IllegalArgumentException("unknown profile key '" + key + "': expected one of "
                            + String.join(", ", KEYS));
            }
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name").isBlank() ? "custom" : name.trim();
            return this;
        }

        /** Round-trip delay; clears one-way delays set before it (set those after, to split unevenly). */
        public Builder rtt(Duration rtt) {
            this.rtt = nonNegative("rtt", rtt);
            this.delayUp = null;
            this.delayDown = null;
            return this;
        }

        public Builder delayUp(Duration delay) {
            this.delayUp = nonNegative("delay-up", delay);
            return this;
        }

        public Builder delayDown(Duration delay) {
            this.delayDown = nonNegative("delay-down", delay);
            return this;
        }

        public Builder jitter(JitterDistribution jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Both directions, bits/s; 0 = unlimited. */
        public Builder bandwidth(long bitsPerSecond) {
            return bandwidthUp(bitsPerSecond).bandwidthDown(bitsPerSecond);
        }

        public Builder bandwidthUp(long bitsPerSecond) {
            this.bandwidthUp = nonNegative("bandwidth-up", bitsPerSecond);
            return this;
        }

        public Builder bandwidthDown(long bitsPerSecond) {
            this.bandwidthDown = nonNegative("bandwidth-down", bitsPerSecond);
            return this;
        }

        /** Bernoulli loss rate (or the good-state loss with Gilbert–Elliott). */
        public Builder lossRate(double fraction) {
            this.lossRate = probability("loss", fraction);
            this.lossModel = null;
            return this;
        }

        public Builder lossGoodToBad(double fraction) {
            this.goodToBad = probability("loss-good-to-bad", fraction);
            this.lossModel = null;
            return this;
        }

        public Builder lossBadToGood(double fraction) {
            this.badToGood = probability("loss-bad-to-good", fraction);
            this.lossModel = null;
            return this;
        }

        public Builder lossInBad(double fraction) {
            this.lossInBad = probability("loss-in-bad", fraction);
            this.lossModel = null;
            return this;
        }

        /** A loss model directly; replaces the loss keys. */
        public Builder loss(LossModel model) {
            this.lossModel = Objects.requireNonNull(model, "loss");
            return this;
        }

        public Builder mss(int bytes) {
            this.mss = positive("mss", bytes);
            return this;
        }

        public Builder initcwnd(int segments) {
            this.initcwnd = positive("initcwnd", segments);
            return this;
        }

        /** Slow-start threshold in segments; 0 = unbounded. */
        public Builder ssthresh(int segments) {
            this.ssthresh = (int) nonNegative("ssthresh", segments);
            return this;
        }

        public Builder slowStart(boolean on) {
            this.slowStart = on;
            return this;
        }

        public Builder slowStartAfterIdle(boolean on) {
            this.slowStartAfterIdle = on;
            return this;
        }

        public Builder handshake(boolean on) {
            this.handshake = on;
            return this;
        }

        public Builder delayedAck(boolean on) {
            this.delayedAck = on;
            return this;
        }

        /** Slow-start growth per round trip, in (1, 2]. */
        public Builder gamma(double gamma) {
            if (!(gamma > 1 && gamma <= 2)) {
                throw new IllegalArgumentException("bad gamma '" + gamma + "': expected a number in (1, 2] like 1.5");
            }
            this.gamma = gamma;
            return this;
        }

        public Builder rto(Duration rto) {
            this.rto = nonNegative("rto", rto);
            return this;
        }

        public Builder synRto(Duration synRto) {
            this.synRto = nonNegative("syn-rto", synRto);
            return this;
        }

        public NetworkProfile build() {
            Duration up;
            Duration down;
            if (delayUp != null && delayDown != null) {
                if (rtt != null && !rtt.equals(delayUp.plus(delayDown))) {
                    throw new IllegalArgumentException("bad rtt '" + Units.formatDuration(rtt)
                            + "': delay-up + delay-down = " + Units.formatDuration(delayUp.plus(delayDown)));
                }
                up = delayUp;
                down = delayDown;
            } else if (delayUp != null || delayDown != null) {
                Duration given = delayUp != null ? delayUp : delayDown;
                Duration other = rtt == null ? Duration.ZERO : rtt.minus(given);
                if (other.isNegative()) {
                    throw new IllegalArgumentException("bad " + (delayUp != null ? "delay-up" : "delay-down") + " '"
                            + Units.formatDuration(given) + "': longer than rtt " + Units.formatDuration(rtt));
                }
                up = delayUp != null ? delayUp : other;
                down = delayDown != null ? delayDown : other;
            } else {
                long total = rtt == null ? 0 : rtt.toNanos();
                up = Duration.ofNanos(total / 2);
                down = Duration.ofNanos(total - total / 2);
            }
            return new NetworkProfile(this, up, down, lossModel());
        }

        private LossModel lossModel() {
            if (lossModel != null) {
                return lossModel;
            }
            if (goodToBad > 0) {
                return new LossModel.GilbertElliott(goodToBad, badToGood, lossRate,
                        lossInBad == null ? 1.0 : lossInBad);
            }
            return LossModel.bernoulli(lossRate);
        }

        private static Duration duration(String key, String text) {
            try {
                return Units.parseDuration(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + key + " '" + text + "': expected a duration like 80ms");
            }
        }

        private static long rate(String key, String text) {
            if (text.equalsIgnoreCase("unlimited") || text.equalsIgnoreCase("none") || text.equals("0")) {
                return 0;
            }
            try {
                return Units.parseBitsPerSecond(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + key + " '" + text
                        + "': expected a rate like 10mbit, 512kbit, 1gbit or unlimited");
            }
        }

        private static double fraction(String key, String text) {
            try {
                return Units.parseFraction(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + key + " '" + text
                        + "': expected a percentage like 0.5% or a fraction like 0.005");
            }
        }

        private static int positiveInt(String key, String text, String expected) {
            try {
                int v = Integer.parseInt(text);
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through to the one-line error
            }
            throw new IllegalArgumentException("bad " + key + " '" + text + "': expected " + expected);
        }

        private static boolean bool(String key, String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "on":
                case "true":
                case "yes":
                    return true;
                case "off":
                case "false":
                case "no":
                    return false;
                default:
                    throw new IllegalArgumentException("bad " + key + " '" + text + "': expected on or off");
            }
        }

        private static double gammaOf(String text) {
            try {
                double g = Double.parseDouble(text);
                if (g > 1 && g <= 2) {
                    return g;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("bad gamma '" + text + "': expected a number in (1, 2] like 1.5");
        }

        private static JitterDistribution jitterOf(String text) {
            return JitterDistribution.parse(text);
        }

        private static Duration nonNegative(String key, Duration d) {
            Objects.requireNonNull(d, key);
            if (d.isNegative()) {
                throw new IllegalArgumentException("bad " + key + " '" + d + "': must be >= 0");
            }
            return d;
        }

        private static long nonNegative(String key, long v) {
            if (v < 0) {
                throw new IllegalArgumentException("bad " + key + " '" + v + "': must be >= 0");
            }
            return v;
        }

        private static int positive(String key, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("bad " + key + " '" + v + "': must be > 0");
            }
            return v;
        }

        private static double probability(String key, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("bad " + key + " '" + v + "': expected a fraction in [0, 1]");
            }
            return v;
        }
    }
}
