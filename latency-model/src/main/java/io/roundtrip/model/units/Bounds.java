package io.roundtrip.model.units;

import java.time.Duration;
import java.util.Objects;

/**
 * A value checked against its range, with the one-line error every setting in roundtrip gives a user:
 * {@code bad mss '0': must be > 0}. The profile's and the request kind's builders (and the profile's own
 * constructor) check with these, so that a key's error reads the same wherever it is set.
 */
public final class Bounds {

    private Bounds() {}

    public static Duration nonNegative(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative()) {
            throw bad(key, d, "must be >= 0");
        }
        return d;
    }

    public static long nonNegative(String key, long v) {
        if (v < 0) {
            throw bad(key, v, "must be >= 0");
        }
        return v;
    }

    public static int nonNegative(String key, int v) {
        return (int) nonNegative(key, (long) v);
    }

    public static int positive(String key, int v) {
        if (v <= 0) {
            throw bad(key, v, "must be > 0");
        }
        return v;
    }

    /** A probability: 0 to 1. */
    public static double fraction(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw bad(key, v, "expected a fraction in [0, 1]");
        }
        return v;
    }

    /** {@code value} if {@code ok}; else the error {@code bad KEY 'VALUE': WHY}, for a range of its own. */
    public static <T> T checked(boolean ok, String key, T value, String why) {
        if (!ok) {
            throw bad(key, value, why);
        }
        return value;
    }

    private static IllegalArgumentException bad(String key, Object value, String why) {
        return new IllegalArgumentException("bad " + key + " '" + value + "': " + why);
    }
}
