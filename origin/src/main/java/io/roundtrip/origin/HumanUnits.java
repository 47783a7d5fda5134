package io.roundtrip.origin;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * Human units for sizes ({@code 1000}, {@code 64KiB}, {@code 1MiB}; K/M/G and KiB/MiB/GiB are powers of 1024,
 * kB/MB/GB powers of 1000) and durations ({@code 80ms}, {@code 1.5s}; a bare number is milliseconds), parsed with
 * Typesafe Config's HOCON rules so that they read the same as everywhere else in roundtrip. The origin depends on
 * Netty only, not on latency-model, hence this small copy.
 */
public final class HumanUnits {

    private HumanUnits() {}

    /** A size in bytes; rejects negatives and anything HOCON cannot read. */
    public static long parseBytes(String text) {
        if (isPlainCount(text)) {
            return Long.parseLong(text);   // the hot path of /bytes/{n}: no HOCON parse per request
        }
        try {
            long bytes = ConfigFactory.parseString("v=" + quoted(text)).getBytes("v");
            if (bytes < 0) {
                throw new IllegalArgumentException("size must not be negative: '" + text + "'");
            }
            return bytes;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (try 1000, 64KiB, 1MiB)", e);
        }
    }

    /** A duration; rejects negatives and anything HOCON cannot read. */
    public static Duration parseDuration(String text) {
        try {
            Duration duration = ConfigFactory.parseString("v=" + quoted(text)).getDuration("v");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative: '" + text + "'");
            }
            return duration;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (try 250ms, 1.5s)", e);
        }
    }

    private static boolean isPlainCount(String text) {
        int length = text.length();
        if (length == 0 || length > 18) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** HOCON's quoted string: user text can never break out of the value. */
    private static String quoted(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : trimmed.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                throw new IllegalArgumentException("unexpected character in '" + text + "'");
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
