package io.roundtrip.cli;

import io.roundtrip.model.units.Units;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Registers human-unit parsing ({@code 80ms}, {@code 1.5s}) for every option typed {@link Duration}. */
final class HumanUnitConverters {

    private HumanUnitConverters() {}

    static void registerOn(CommandLine cli) {
        cli.registerConverter(Duration.class, oneLine(Units::parseDuration));
    }

    /** Picocli shows a {@link TypeConversionException}'s message as is; anything else it decorates with a class name. */
    static <T> ITypeConverter<T> oneLine(Function<String, T> parser) {
        return text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }
}
