package io.roundtrip.proxy.toxic;

import java.util.Map;

/** Reads and validates toxic attributes; every error is an {@link IllegalArgumentException} with a one-line reason. */
final class Attributes {

    /** The longest duration roundtrip's own attributes may ask for: one hour. */
    static final double MAX_DURATION_MILLIS = 3_600_000;

    /**
     * The longest duration toxiproxy's own fields (latency, jitter, delay, timeout) may ask for: 2^31 − 1 ms, 24.8
     * days. toxiproxy takes any int64 and wraps past 2^63 ns (292 years) into no delay at all; this bound keeps every
     * sum of delays in a chain far from overflowing the nanosecond release times.
     */
    static final double MAX_TOXIPROXY_DURATION_MILLIS = Integer.MAX_VALUE;

    private final String type;
    private final Map<String, Object> values;

    Attributes(String type, Map<String, Object> values) {
        this.type = type;
        this.values = values == null ? Map.of() : values;
    }

    double number(String key, double defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        double d;
        if (v instanceof Number) {
            d = ((Number) v).doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(type + "." + key + ": expected a number, got '" + v + "'");
            }
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(type + "." + key + ": expected a finite number, got '" + v + "'");
        }
        return d;
    }

    double nonNegative(String key, double defaultValue) {
        double d = number(key, defaultValue);
        if (d < 0) {
            throw new IllegalArgumentException(type + "." + key + " must be >= 0, got " + format(d));
        }
        return d;
    }

    /**
     * A duration in milliseconds: {@code 0 <= d <= }{@link #MAX_DURATION_MILLIS} (one hour). Anything longer is a
     * mistake, and far longer values would overflow the nanosecond release times.
     */
    double durationMillis(String key, double defaultValue) {
        double d = nonNegative(key, defaultValue);
        if (d > MAX_DURATION_MILLIS) {
            throw new IllegalArgumentException(type + "." + key + " must be at most " + (long) MAX_DURATION_MILLIS
                    + " ms (one hour), got " + format(d));
        }
        return d;
    }

    /**
     * A duration field toxiproxy defines, in milliseconds (an int64 there): whatever toxiproxy accepts is accepted
     * and answered as given, a negative value acting as 0 (toxiproxy waits no time for it; {@link #nonNegativeNanos}),
     * up to {@link #MAX_TOXIPROXY_DURATION_MILLIS} either way. Returns the value as given.
     */
    double toxiproxyMillis(String key, double defaultValue) {
        double d = number(key, defaultValue);
        if (Math.abs(d) > MAX_TOXIPROXY_DURATION_MILLIS) {
            throw new IllegalArgumentException(type + "." + key + " must be at most "
                    + (long) MAX_TOXIPROXY_DURATION_MILLIS + " ms (24.8 days) either way, got " + format(d));
        }
        return d;
    }

    /** As {@link #toxiproxyMillis}, in microseconds (the slicer's {@code delay}); rounded to whole microseconds. */
    long toxiproxyMicros(String key, long defaultValue) {
        double d = number(key, defaultValue);
        if (Math.abs(d) > MAX_TOXIPROXY_DURATION_MILLIS * 1000) {
            throw new IllegalArgumentException(type + "." + key + " must be at most "
                    + (long) (MAX_TOXIPROXY_DURATION_MILLIS * 1000) + " µs (24.8 days) either way, got " + format(d));
        }
        return Math.round(d);
    }

    /** Milliseconds as nanoseconds, a negative duration as none. */
    static long nonNegativeNanos(double millis) {
        return millis <= 0 ? 0 : millisToNanos(millis);
    }

    long nonNegativeLong(String key, long defaultValue) {
        return Math.round(nonNegative(key, defaultValue));
    }

    double fraction(String key, double defaultValue) {
        double d = nonNegative(key, defaultValue);
        if (d > 1) {
            throw new IllegalArgumentException(type + "." + key + " must be in [0, 1], got " + format(d));
        }
        return d;
    }

    int positiveInt(String key, int defaultValue) {
        double d = number(key, defaultValue);
        if (d < 1 || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(type + "." + key + " must be a positive integer, got " + format(d));
        }
        return (int) Math.round(d);
    }

    boolean bool(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(type + "." + key + ": expected true or false, got '" + v + "'");
    }

    String string(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : v.toString();
    }

    Object raw(String key) {
        return values.get(key);
    }

    static long millisToNanos(double millis) {
        return Math.round(millis * 1_000_000d);
    }

    /** Checks a duration given in code (not through attributes) the same way. */
    static double checkDurationMillis(String what, double millis) {
        if (!(millis >= 0 && millis <= MAX_DURATION_MILLIS)) {
            throw new IllegalArgumentException(what + " must be in [0, " + (long) MAX_DURATION_MILLIS
                    + "] ms (one hour at most), got " + millis);
        }
        return millis;
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
