package io.roundtrip.origin;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Human units for sizes ({@code 1000}, {@code 64KiB}, {@code 1MiB}; K/M/G and KiB/MiB/GiB are powers of 1024,
 * kB/MB/GB powers of 1000) and durations ({@code 80ms}, {@code 1.5s}; a bare number is milliseconds), parsed with
 * Typesafe Config's HOCON rules so that they read the same as everywhere else in roundtrip. The origin depends on
 * Netty only, not on latency-model, hence this small copy.
 */
public final class HumanUnits {

    /**
     * Parsing with HOCON costs tens of microseconds, paid on the event loop by every {@code /bytes/64KiB}; a load
     * test asks for a handful of distinct sizes, so the answers are kept. Bounded: a client sending endless new
     * spellings only stops filling it.
     */
    private static final int CACHE_ENTRIES = 4096;
    private static final Map<String, Long> BYTES = new ConcurrentHashMap<>();
    private static final Map<String, Duration> DURATIONS = new ConcurrentHashMap<>();

    private HumanUnits() {}

    /** A size in bytes; rejects negatives and anything HOCON cannot read. */
    public static long parseBytes(String text) {
        if (isPlainCount(text)) {
            return Long.parseLong(text);   // the hot path of /bytes/{n}: no HOCON parse per request
        }
        Long known = BYTES.get(text);
        if (known != null) {
            return known;
        }
        return remember(BYTES, text, parseBytesWithHocon(text));
    }

    private static long parseBytesWithHocon(String text) {
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
        Duration known = DURATIONS.get(text);
        if (known != null) {
            return known;
        }
        return remember(DURATIONS, text, parseDurationWithHocon(text));
    }

    private static <V> V remember(Map<String, V> cache, String text, V value) {
        if (cache.size() < CACHE_ENTRIES) {
            cache.put(text, value);
        }
        return value;
    }

    private static Duration parseDurationWithHocon(String text) {
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
