package io.roundtrip.model.profile;

import static io.roundtrip.model.units.Bounds.checked;
import static io.roundtrip.model.units.Bounds.fraction;
import static io.roundtrip.model.units.Bounds.nonNegative;
import static io.roundtrip.model.units.Bounds.positive;

import io.roundtrip.model.tcp.SenderWindow;
import io.roundtrip.model.units.Units;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Fluent construction; {@link #set} takes any key as text. Delays resolve at {@link #build()}: given both
 * one-way delays they win (and must add up to {@code rtt} if that is given too); given one and {@code rtt},
 * the other is the rest; given only {@code rtt}, it splits evenly (the odd nanosecond goes down).
 */
public final class ProfileBuilder {
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
    private int mss = NetworkProfile.DEFAULT_MSS_BYTES;
    private int initcwnd = NetworkProfile.DEFAULT_INITCWND_SEGMENTS;
    private int ssthresh;
    private boolean slowStart = true;
    private boolean slowStartAfterIdle = true;
    private boolean handshake = true;
    private boolean delayedAck;
    private Double gamma;
    private Duration rto = NetworkProfile.DEFAULT_RTO;
    private Duration synRto = NetworkProfile.DEFAULT_SYN_RTO;
    private SenderWindow.Algorithm congestion = SenderWindow.Algorithm.CUBIC;

    ProfileBuilder() {}

    /** Sets one key from text, e.g. {@code set("rtt", "80ms")}; bad text throws a one-line error. */
    public ProfileBuilder set(String key, String text) {
        if (key != null && key.trim().equalsIgnoreCase("name")) {
            return name(text == null ? "" : text);
        }
        ProfileKeys.get(key).read(this, text);
        return this;
    }

    public ProfileBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name").isBlank() ? "custom" : name.trim();
        return this;
    }

    /** Round-trip delay; clears one-way delays set before it (set those after, to split unevenly). */
    public ProfileBuilder rtt(Duration rtt) {
        this.rtt = nonNegative("rtt", rtt);
        this.delayUp = null;
        this.delayDown = null;
        return this;
    }

    public ProfileBuilder delayUp(Duration delay) {
        this.delayUp = nonNegative("delay-up", delay);
        return this;
    }

    public ProfileBuilder delayDown(Duration delay) {
        this.delayDown = nonNegative("delay-down", delay);
        return this;
    }

    public ProfileBuilder jitter(JitterDistribution jitter) {
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        return this;
    }

    /** Both directions, bits/s; 0 = unlimited. */
    public ProfileBuilder bandwidth(long bitsPerSecond) {
        return bandwidthUp(bitsPerSecond).bandwidthDown(bitsPerSecond);
    }

    public ProfileBuilder bandwidthUp(long bitsPerSecond) {
        this.bandwidthUp = nonNegative("bandwidth-up", bitsPerSecond);
        return this;
    }

    public ProfileBuilder bandwidthDown(long bitsPerSecond) {
        this.bandwidthDown = nonNegative("bandwidth-down", bitsPerSecond);
        return this;
    }

    /** Bernoulli loss rate (or the good-state loss with Gilbert–Elliott). */
    public ProfileBuilder lossRate(double fraction) {
        this.lossRate = fraction("loss", fraction);
        this.lossModel = null;
        return this;
    }

    public ProfileBuilder lossGoodToBad(double fraction) {
        this.goodToBad = fraction("loss-good-to-bad", fraction);
        this.lossModel = null;
        return this;
    }

    public ProfileBuilder lossBadToGood(double fraction) {
        this.badToGood = fraction("loss-bad-to-good", fraction);
        this.lossModel = null;
        return this;
    }

    public ProfileBuilder lossInBad(double fraction) {
        this.lossInBad = fraction("loss-in-bad", fraction);
        this.lossModel = null;
        return this;
    }

    /** A loss model directly; replaces the loss keys. */
    public ProfileBuilder loss(LossModel model) {
        this.lossModel = Objects.requireNonNull(model, "loss");
        return this;
    }

    public ProfileBuilder mss(int bytes) {
        this.mss = positive("mss", bytes);
        return this;
    }

    public ProfileBuilder initcwnd(int segments) {
        this.initcwnd = positive("initcwnd", segments);
        return this;
    }

    /** Slow-start threshold in segments; 0 = unbounded. */
    public ProfileBuilder ssthresh(int segments) {
        this.ssthresh = nonNegative("ssthresh", segments);
        return this;
    }

    public ProfileBuilder slowStart(boolean on) {
        this.slowStart = on;
        return this;
    }

    public ProfileBuilder slowStartAfterIdle(boolean on) {
        this.slowStartAfterIdle = on;
        return this;
    }

    public ProfileBuilder handshake(boolean on) {
        this.handshake = on;
        return this;
    }

    public ProfileBuilder delayedAck(boolean on) {
        this.delayedAck = on;
        return this;
    }

    /** Slow-start growth per round trip, in (1, 2]. */
    public ProfileBuilder gamma(double gamma) {
        this.gamma = checked(gamma > 1 && gamma <= 2, "gamma", gamma, "expected a number in (1, 2] like 1.5");
        return this;
    }

    public ProfileBuilder rto(Duration rto) {
        this.rto = nonNegative("rto", rto);
        return this;
    }

    public ProfileBuilder synRto(Duration synRto) {
        this.synRto = nonNegative("syn-rto", synRto);
        return this;
    }

    public ProfileBuilder congestion(SenderWindow.Algorithm congestion) {
        this.congestion = Objects.requireNonNull(congestion, "congestion");
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
        return new NetworkProfile(name, up, down, jitter, bandwidthUp, bandwidthDown, lossModel(), mss, initcwnd,
                ssthresh == 0 ? OptionalInt.empty() : OptionalInt.of(ssthresh), slowStart, slowStartAfterIdle,
                handshake, delayedAck, gamma != null ? gamma : (delayedAck ? 1.5 : 2.0), rto, synRto,
                congestion);
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
}
