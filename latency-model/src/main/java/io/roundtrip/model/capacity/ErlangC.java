package io.roundtrip.model.capacity;

/**
 * Erlang C (M/M/c): the probability that a request arriving at a pool of {@code c} servers (connections) offered
 * {@code A} erlangs of traffic ({@code A = λ × mean holding time}, i.e. Little's {@code L}) must wait.
 *
 * <p>Computed without factorials or powers, which overflow for pools of a few hundred: first Erlang B by the
 * recurrence {@code B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1))}, then
 * {@code C(c) = c·B(c) / (c − A·(1 − B(c)))} for {@code c > A}. Sources: R. B. Cooper, <i>Introduction to
 * Queueing Theory</i>, 2nd ed. (1981), §3.4–3.5 (eqs. 4.5 and 5.7 relating B and C); D. L. Jagerman, "Some
 * properties of the Erlang loss function", <i>Bell System Technical Journal</i> 53(3), 1974 (the recurrence).
 */
public final class ErlangC {

    private static final int MAX_SERVERS = 10_000_000;

    private ErlangC() {}

    /** Erlang B: the blocking probability of {@code servers} servers offered {@code erlangs} (loss system). */
    public static double blockingProbability(int servers, double erlangs) {
        requireErlangs(erlangs);
        if (servers < 0) {
            throw new IllegalArgumentException("servers must be >= 0, got " + servers);
        }
        double b = 1;
        for (int n = 1; n <= servers; n++) {
            b = erlangs * b / (n + erlangs * b);
        }
        return b;
    }

    /** Erlang C: the probability that an arrival waits; 1 when {@code servers ≤ erlangs} (the queue grows without bound). */
    public static double waitProbability(int servers, double erlangs) {
        double b = blockingProbability(servers, erlangs);
        return waitFromBlocking(servers, erlangs, b);
    }

    /**
     * The smallest pool whose wait probability is at most {@code maxWaitProbability}.
     *
     * @param erlangs offered traffic {@code A} (busy servers on average, Little's L)
     * @param maxWaitProbability target in (0, 1]
     */
    public static int poolSize(double erlangs, double maxWaitProbability) {
        requireErlangs(erlangs);
        if (!(maxWaitProbability > 0) || maxWaitProbability > 1) {
            throw new IllegalArgumentException(
                    "wait probability target must be in (0, 1], got " + maxWaitProbability);
        }
        double b = 1;
        for (int n = 1; n <= MAX_SERVERS; n++) {
            b = erlangs * b / (n + erlangs * b);
            if (waitFromBlocking(n, erlangs, b) <= maxWaitProbability) {
                return n;
            }
        }
        throw new IllegalArgumentException("no pool of up to " + MAX_SERVERS + " servers meets the target");
    }

    /**
     * Mean time a request waits for a server, {@code W_q = C(c, A) · h / (c − A)} with {@code h} the mean holding
     * time (Cooper eq. 5.9); infinite when {@code servers ≤ erlangs}.
     */
    public static double meanWaitSeconds(int servers, double erlangs, double holdingSeconds) {
        if (servers <= erlangs) {
            return Double.POSITIVE_INFINITY;
        }
        return waitProbability(servers, erlangs) * holdingSeconds / (servers - erlangs);
    }

    private static double waitFromBlocking(int servers, double erlangs, double b) {
        if (servers <= erlangs) {
            return 1;
        }
        return servers * b / (servers - erlangs * (1 - b));
    }

    private static void requireErlangs(double erlangs) {
        if (!(erlangs >= 0) || Double.isInfinite(erlangs)) {
            throw new IllegalArgumentException("offered traffic must be a finite number of erlangs >= 0, got " + erlangs);
        }
    }
}
