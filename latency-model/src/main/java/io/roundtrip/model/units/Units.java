package io.roundtrip.model.units;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human units, parsed the same way everywhere: on the command line, in profile files, in origin URLs.
 *
 * <p>Durations and byte sizes follow HOCON (Typesafe Config, the library Gatling reads its own configuration
 * with): {@code 80ms}, {@code 1.5s}, {@code 250us}; {@code 1000}, {@code 64KiB}, {@code 1MiB}, {@code 10kB}
 * (SI). A bare number is milliseconds for a duration and bytes for a size, as in HOCON. Bit rates and ratios
 * are not HOCON types and are parsed here: {@code 10mbit}, {@code 1.5gbit}, {@code 512kbit/s}, {@code 100KB/s}
 * (bytes, SI), and {@code 0.5%} or {@code 0.005}.
 *
 * <p>Every parse error is an {@link IllegalArgumentException} whose message is one line naming the bad value
 * and what was expected, fit to show a user as is.
 *
 * <p>The origin parses every {@code /bytes/64KiB} on its event loop: a plain count takes a fast path, and the few
 * distinct spellings a load test uses are remembered (HOCON costs tens of microseconds a parse; see
 * {@code benchmarks/.../UnitParsingBenchmark}). The memory is bounded: endless new spellings only stop filling it.
 */
public final class Units {

    private static final int REMEMBERED_SPELLINGS = 4096;
    private static final Map<String, Long> SIZES = new ConcurrentHashMap<>();
    private static final Map<String, Duration> DURATIONS = new ConcurrentHashMap<>();

    private static final Pattern RATE_WITH_CASE = Pattern.compile(
            "\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtT]?)(i?)(bit|bps|bit/s|B/s|B)\\s*");
    private static final Pattern RATIO = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE]-?[0-9]+)?)\\s*(%?)\\s*");

    private static final Duration LONGEST_DURATION = Duration.ofDays(365);
    /** A bare number with a fraction: HOCON would truncate {@code 1.5} to one byte. */
    private static final Pattern FRACTIONAL_BYTES = Pattern.compile("\\s*[0-9]*\\.[0-9]+\\s*(B|bytes?)?\\s*");

    private Units() {}

    /** Parses {@code 80ms}, {@code 1.5s}, {@code 2m}, {@code 250us}; a bare number is milliseconds. Never negative. */
    public static Duration parseDuration(String text) {
        requireText(text, "duration", "80ms");
        Duration known = DURATIONS.get(text);
        return known != null ? known : remember(DURATIONS, text, parseDurationWithHocon(text));
    }

    private static Duration parseDurationWithHocon(String text) {
        Duration parsed = hocon(text, Config::getDuration,
                "bad duration '" + text + "': expected a number and a unit such as 80ms, 1.5s, 250us");
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("negative duration '" + text + "': durations are >= 0");
        }
        // HOCON saturates instead of failing on overflow (1e400ms): nothing roundtrip times is a year long.
        if (parsed.compareTo(LONGEST_DURATION) > 0) {
            throw new IllegalArgumentException("duration '" + text + "' is too long: at most 365 days");
        }
        return parsed;
    }

    /** Parses {@code 1000}, {@code 64KiB}, {@code 1MiB}, {@code 10kB}; a bare number is bytes. Never negative. */
    public static long parseBytes(String text) {
        requireText(text, "size", "64KiB");
        if (isPlainCount(text)) {
            return Long.parseLong(text);
        }
        Long known = SIZES.get(text);
        return known != null ? known : remember(SIZES, text, parseBytesWithHocon(text));
    }

    private static long parseBytesWithHocon(String text) {
        if (FRACTIONAL_BYTES.matcher(text).matches()) {
            throw new IllegalArgumentException("bad size '" + text + "': a size in bytes is a whole number");
        }
        long parsed = hocon(text, Config::getBytes,
                "bad size '" + text + "': expected bytes such as 1000, 64KiB, 1MiB or 10kB");
        if (parsed < 0) {
            throw new IllegalArgumentException("negative size '" + text + "': sizes are >= 0");
        }
        // HOCON saturates at Long.MAX_VALUE instead of failing on overflow (1e30).
        if (parsed == Long.MAX_VALUE) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return parsed;
    }

    /** {@code text} read by HOCON's {@code read} (a config getter taking the path); {@code bad} when it cannot. */
    private static <T> T hocon(String text, BiFunction<Config, String, T> read, String bad) {
        try {
            return read.apply(ConfigFactory.parseMap(Map.of("v", text.trim())), "v");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(bad);
        }
    }

    /**
     * Parses a rate into bits per second: {@code 10mbit}, {@code 1.5gbit/s}, {@code 512kbps} (SI prefixes, bits),
     * {@code 100KB/s} (bytes, SI), {@code 1MiB/s} (bytes, binary). A bare number is bits per second.
     */
    public static long parseBitsPerSecond(String text) {
        requireText(text, "rate", "10mbit");
        Matcher bare = RATIO.matcher(text);
        if (bare.matches() && bare.group(2).isEmpty()) {
            return Math.round(Double.parseDouble(bare.group(1)));
        }
        Matcher m = RATE_WITH_CASE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "bad rate '" + text + "': expected a rate such as 10mbit, 1.5gbit, 512kbps or 100KB/s");
        }
        double value = Double.parseDouble(m.group(1));
        boolean binary = !m.group(3).isEmpty();
        String unit = m.group(4);
        boolean bytes = unit.startsWith("B");
        if (binary && !bytes) {
            throw new IllegalArgumentException(
                    "bad rate '" + text + "': binary prefixes (Ki, Mi) are for bytes, e.g. 1MiB/s");
        }
        double multiplier = prefixMultiplier(m.group(2), binary);
        return Math.round(value * multiplier * (bytes ? 8 : 1));
    }

    /** Parses {@code 0.5%} or {@code 0.005} into a fraction in [0, 1]. */
    public static double parseFraction(String text) {
        requireText(text, "ratio", "0.5%");
        Matcher m = RATIO.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad ratio '" + text + "': expected a percentage such as 0.5% or a fraction such as 0.005");
        }
        double value = Double.parseDouble(m.group(1)) / (m.group(2).isEmpty() ? 1 : 100);
        if (value > 1) {
            throw new IllegalArgumentException("ratio '" + text + "' is above 100%");
        }
        return value;
    }

    /** Formats a duration for people: {@code 80ms}, {@code 1.5s}, {@code 250us}. */
    public static String formatDuration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    /** {@code 10mbit}, {@code 1600kbit}, {@code unlimited} (0): parseable by {@link #parseBitsPerSecond}. */
    public static String formatBitsPerSecond(long bitsPerSecond) {
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

    /** Formats a size for people in binary units, as {@link #parseBytes} reads them: {@code 512 B}, {@code 1.2 KiB}. */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }

    private static double prefixMultiplier(String prefix, boolean binary) {
        double base = binary ? 1024 : 1000;
        switch (prefix.toLowerCase(Locale.ROOT)) {
            case "":
                return 1;
            case "k":
                return base;
            case "m":
                return base * base;
            case "g":
                return base * base * base;
            default:
                return base * base * base * base;
        }
    }

    private static <V> V remember(Map<String, V> spellings, String text, V value) {
        if (spellings.size() < REMEMBERED_SPELLINGS) {
            spellings.put(text, value);
        }
        return value;
    }

    /** Up to 18 digits and nothing else: a long, without HOCON. */
    private static boolean isPlainCount(String text) {
        int length = text.length();
        if (length > 18) {
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

    private static void requireText(String text, String what, String example) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing " + what + ": expected something like " + example);
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("bad " + what + ": a control character in '"
                    + text.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
