package io.roundtrip.proxy.toxic;

import java.util.SplittableRandom;

/** Decides, segment by segment, whether a segment is lost. Stateful (Gilbert–Elliott): one per direction per connection. */
public interface LossDecider {

    boolean lost(SplittableRandom random);

    /** Each segment lost independently with probability {@code p}. */
    static LossDecider bernoulli(double p) {
        return r -> p > 0 && r.nextDouble() < p;
    }

    /**
     * Gilbert–Elliott: a good and a bad state; after each segment the chain moves good→bad with probability
     * {@code p} and bad→good with {@code r}; a segment is lost with {@code k} in the good state and {@code h} in
     * the bad one. The stationary loss rate is {@code (k r + h p) / (p + r)}.
     */
    static LossDecider gilbertElliott(double p, double r, double h, double k) {
        return new LossDecider() {
            private boolean bad;

            @Override
            public boolean lost(SplittableRandom random) {
                boolean lost = random.nextDouble() < (bad ? h : k);
                bad = bad ? random.nextDouble() >= r : random.nextDouble() < p;
                return lost;
            }
        };
    }
}
