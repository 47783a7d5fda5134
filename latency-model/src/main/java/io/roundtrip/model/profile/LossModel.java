package io.roundtrip.model.profile;

import java.math.BigDecimal;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Which segments the path loses: none, independently ({@link Bernoulli}) or in bursts ({@link GilbertElliott}).
 * The unit is one segment of at most MSS bytes, in either direction. A model is configuration only; the state
 * of one connection's losses lives in a {@link LossProcess} made by {@link #newProcess}, one per connection and
 * direction, as toxiproxy keeps per-connection state beside its toxics.
 */
public sealed interface LossModel {

    /** Loses nothing. */
    LossModel NONE = new None();

    /** The long-run fraction of segments lost. */
    double meanLossRate();

    /** A fresh, independent loss process driven by {@code rng} (not shared: the process advances it). */
    LossProcess newProcess(RandomGenerator rng);

    /** A fresh loss process with its own seeded generator (Well19937c), reproducible from {@code seed}. */
    default LossProcess newProcess(long seed) {
        return newProcess(new Well19937c(seed));
    }

    /** True when no segment is ever lost. */
    default boolean isNone() {
        return meanLossRate() == 0;
    }

    /** Human-readable, e.g. {@code 0.5%} or {@code gilbert-elliott(p=1%, r=30%, h=100%, k=0%) = 3.2%}. */
    String describe();

    /** Independent (Bernoulli) loss at {@code rate}, or {@link #NONE} at zero. */
    static LossModel bernoulli(double rate) {
        return rate == 0 ? NONE : new Bernoulli(rate);
    }

    /** No loss. */
    record None() implements LossModel {
        @Override
        public double meanLossRate() {
            return 0;
        }

        @Override
        public LossProcess newProcess(RandomGenerator rng) {
            return LossProcess.NEVER;
        }

        @Override
        public String describe() {
            return "0%";
        }
    }

    /** Each segment lost independently with probability {@code rate}. */
    record Bernoulli(double rate) implements LossModel {
        public Bernoulli {
            checkProbability("loss", rate);
            checkNotBlackHole("loss", rate);
        }

        @Override
        public double meanLossRate() {
            return rate;
        }

        @Override
        public LossProcess newProcess(RandomGenerator rng) {
            return new LossProcess.BernoulliProcess(rate, rng);
        }

        @Override
        public String describe() {
            return percent(rate);
        }
    }

    /**
     * The Gilbert–Elliott two-state Markov chain (Gilbert 1960, Elliott 1963): before each segment the chain moves
     * good→bad with probability {@code goodToBad} (p) and bad→good with {@code badToGood} (r); the segment is lost
     * with {@code lossInGood} (k) in the good state and {@code lossInBad} (h) in the bad one. The stationary
     * share of the bad state is p/(p+r), so the mean loss rate is (r·k + p·h)/(p+r) and a bad period lasts 1/r
     * segments on average.
     */
    record GilbertElliott(double goodToBad, double badToGood, double lossInGood, double lossInBad)
            implements LossModel {
        public GilbertElliott {
            checkProbability("loss-good-to-bad", goodToBad);
            checkProbability("loss-bad-to-good", badToGood);
            checkProbability("loss", lossInGood);
            checkProbability("loss-in-bad", lossInBad);
            if (goodToBad + badToGood == 0) {
                throw new IllegalArgumentException(
                        "bad Gilbert-Elliott loss: loss-good-to-bad and loss-bad-to-good cannot both be 0");
            }
            checkNotBlackHole("loss", lossInGood);
            if (badToGood == 0 && lossInBad >= 1) {
                throw new IllegalArgumentException("bad Gilbert-Elliott loss: with loss-bad-to-good 0 and loss-in-bad"
                        + " 100% the path never delivers again once it turns bad");
            }
        }

        /** Stationary probability of the bad state, p/(p+r). */
        public double badStateShare() {
            return goodToBad / (goodToBad + badToGood);
        }

        /** Mean number of consecutive segments spent in the bad state, 1/r. */
        public double meanBadRunSegments() {
            return badToGood == 0 ? Double.POSITIVE_INFINITY : 1 / badToGood;
        }

        @Override
        public double meanLossRate() {
            double bad = badStateShare();
            return bad * lossInBad + (1 - bad) * lossInGood;
        }

        @Override
        public LossProcess newProcess(RandomGenerator rng) {
            return new LossProcess.GilbertElliottProcess(this, rng);
        }

        @Override
        public String describe() {
            return "gilbert-elliott(p=" + percent(goodToBad) + ", r=" + percent(badToGood) + ", h="
                    + percent(lossInBad) + ", k=" + percent(lossInGood) + ") = " + percent(meanLossRate()) + " mean";
        }
    }

    /** {@code 0.5%}: exact decimal, no floating-point noise. */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static void checkProbability(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("bad " + key + " '" + value + "': expected a fraction in [0, 1]");
        }
    }

    /**
     * A path that loses every segment carries nothing and has no latency to predict or emulate (TCP would give up);
     * a black hole is the proxy's {@code timeout} toxic.
     */
    private static void checkNotBlackHole(String key, double rate) {
        if (rate >= 1) {
            throw new IllegalArgumentException("bad " + key + " '" + percent(rate) + "': a path that loses every"
                    + " segment carries nothing (for a black hole, use the proxy's timeout toxic)");
        }
    }
}
