package io.roundtrip.model.profile;

import io.roundtrip.model.units.Units;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting of a {@link NetworkProfile}, as data: its key (the same in {@code --rtt 80ms}, {@code rtt = 80ms} in a
 * profile file, {@code -Drtt=80ms} and {@code run.json}), the label and help its command-line flag shows, how its
 * text is read into a {@link ProfileBuilder}, and what {@link NetworkProfile#toMap()} records for it
 * ({@code null}: nothing, for a key that only sets others, such as {@code bandwidth}).
 *
 * <p>The factories read each kind of value once, with one-line errors naming the key: {@code bad rtt 'fast':
 * expected a duration like 80ms}.
 */
public record ProfileKey(String name, String paramLabel, String help,
        BiConsumer<ProfileBuilder, String> reader, Function<NetworkProfile, Object> recorded) {

    public ProfileKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(paramLabel, "paramLabel");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(recorded, "recorded");
    }

    /** Reads {@code text} into {@code builder}; bad text is an {@link IllegalArgumentException} of one line. */
    public void read(ProfileBuilder builder, String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing value for " + name);
        }
        reader.accept(builder, text.trim());
    }

    static ProfileKey duration(String name, String help, BiConsumer<ProfileBuilder, Duration> setter,
            Function<NetworkProfile, Duration> value) {
        return new ProfileKey(name, "DURATION", help, (b, text) -> setter.accept(b, parse(name, text,
                Units::parseDuration, "a duration like 80ms")), p -> Units.formatDuration(value.apply(p)));
    }

    /** {@code unlimited}, {@code none} and 0 mean no limit. */
    static ProfileKey rate(String name, String help, BiConsumer<ProfileBuilder, Long> setter,
            Function<NetworkProfile, Long> value) {
        return new ProfileKey(name, "RATE", help, (b, text) -> setter.accept(b, isNone(text) ? 0L : parse(name, text,
                Units::parseBitsPerSecond, "a rate like 10mbit, 512kbit, 1gbit or unlimited")),
                value == null ? p -> null : p -> Units.formatBitsPerSecond(value.apply(p)));
    }

    static ProfileKey fraction(String name, String help, BiConsumer<ProfileBuilder, Double> setter,
            Function<NetworkProfile, Double> value) {
        return new ProfileKey(name, "RATIO", help, (b, text) -> setter.accept(b, parse(name, text,
                Units::parseFraction, "a percentage like 0.5% or a fraction like 0.005")), p -> {
                    Double fraction = value.apply(p);
                    return fraction == null ? null : LossModel.percent(fraction);
                });
    }

    static ProfileKey count(String name, String paramLabel, String expected, String help,
            BiConsumer<ProfileBuilder, Integer> setter, Function<NetworkProfile, Object> value) {
        return new ProfileKey(name, paramLabel, help, (b, text) -> setter.accept(b, positiveInt(name, text, expected)),
                value);
    }

    static ProfileKey onOff(String name, String help, BiConsumer<ProfileBuilder, Boolean> setter,
            Function<NetworkProfile, Boolean> value) {
        return new ProfileKey(name, "on|off", help, (b, text) -> setter.accept(b, bool(name, text)), value::apply);
    }

    static boolean isNone(String text) {
        return text.equalsIgnoreCase("unlimited") || text.equalsIgnoreCase("none") || text.equals("0");
    }

    static int positiveInt(String name, String text, String expected) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the one-line error below
        }
        throw new IllegalArgumentException("bad " + name + " '" + text + "': expected " + expected);
    }

    private static <T> T parse(String name, String text, Function<String, T> parser, String expected) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + name + " '" + text + "': expected " + expected);
        }
    }

    private static boolean bool(String name, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("bad " + name + " '" + text + "': expected on or off");
        };
    }
}
