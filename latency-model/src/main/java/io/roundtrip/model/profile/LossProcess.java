package io.roundtrip.model.profile;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * One connection's (one direction's) stream of loss decisions, segment by segment. Stateful and not thread-safe:
 * make one per connection and direction with {@link LossModel#newProcess}, and call it from that connection's
 * event loop only.
 */
public interface LossProcess {

    /** A process that never loses anything. */
    LossProcess NEVER = new LossProcess() {
        @Override
        public boolean nextSegmentLost() {
            return false;
        }

        @Override
        public int firstLossAmong(int segments) {
            return -1;
        }

        @Override
        public int advanceToLoss(int segments) {
            return -1;
        }
    };

    /** Advances by one segment and says whether that segment is lost. */
    boolean nextSegmentLost();

    /**
     * Advances by {@code segments} segments and returns the index (0-based) of the first lost one, or −1 if none
     * is lost. Equivalent to calling {@link #nextSegmentLost} that many times; Bernoulli does it with one draw.
     */
    default int firstLossAmong(int segments) {
        int first = -1;
        for (int i = 0; i < segments; i++) {
            if (nextSegmentLost() && first < 0) {
                first = i;
            }
        }
        return first;
    }

    /**
     * Advances segment by segment through at most {@code segments} segments, stopping after the first lost one:
     * returns its index (0-based; the segments after it are not consumed), or −1 when none is lost (all consumed).
     * Calling it again on the rest of a flight finds the next loss.
     */
    default int advanceToLoss(int segments) {
        for (int i = 0; i < segments; i++) {
            if (nextSegmentLost()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Independent losses, drawn by skipping ahead: the number of segments before the next loss is geometric, so
     * one uniform per loss (not per segment) suffices, whatever the flight sizes.
     */
    final class BernoulliProcess implements LossProcess {
        private final double rate;
        private final double logSurvive;
        private final RandomGenerator rng;
        /** Segments that get through before the next lost one. */
        private long untilLoss;

        BernoulliProcess(double rate, RandomGenerator rng) {
            this.rate = rate;
            this.logSurvive = Math.log1p(-rate);
            this.rng = rng;
            this.untilLoss = draw();
        }

        private long draw() {
            if (rate <= 0) {
                return Long.MAX_VALUE;
            }
            if (rate >= 1) {
                return 0;
            }
            // log(1 − u) for u in [0, 1) is finite; Math.log is an intrinsic where log1p is not.
            double k = Math.floor(Math.log(1 - rng.nextDouble()) / logSurvive);
            return k >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) k;
        }

        @Override
        public boolean nextSegmentLost() {
            if (untilLoss == 0) {
                untilLoss = draw();
                return true;
            }
            untilLoss--;
            return false;
        }

        @Override
        public int advanceToLoss(int segments) {
            if (segments <= 0) {
                return -1;
            }
            if (untilLoss >= segments) {
                untilLoss -= segments;
                return -1;
            }
            int index = (int) untilLoss;
            untilLoss = draw();
            return index;
        }

        @Override
        public int firstLossAmong(int segments) {
            int first = advanceToLoss(segments);
            if (first < 0) {
                return -1;
            }
            // the flight's segments after the first loss: the losses among them are drawn and passed over
            long rest = segments - first - 1L;
            while (untilLoss < rest) {
                rest -= untilLoss + 1;
                untilLoss = draw();
            }
            untilLoss -= rest;
            return first;
        }
    }

    /** The two-state chain; starts in its stationary distribution. */
    final class GilbertElliottProcess implements LossProcess {
        private final LossModel.GilbertElliott model;
        private final RandomGenerator rng;
        private boolean bad;

        GilbertElliottProcess(LossModel.GilbertElliott model, RandomGenerator rng) {
            this.model = model;
            this.rng = rng;
            this.bad = rng.nextDouble() < model.badStateShare();
        }

        @Override
        public boolean nextSegmentLost() {
            if (bad) {
                if (rng.nextDouble() < model.badToGood()) {
                    bad = false;
                }
            } else if (rng.nextDouble() < model.goodToBad()) {
                bad = true;
            }
            double lossHere = bad ? model.lossInBad() : model.lossInGood();
            return lossHere > 0 && rng.nextDouble() < lossHere;
        }

        /** Whether the chain is in its bad state now (for tests and the proxy's statistics). */
        public boolean inBadState() {
            return bad;
        }
    }
}
