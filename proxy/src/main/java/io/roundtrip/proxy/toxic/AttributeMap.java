package io.roundtrip.proxy.toxic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A toxic's attributes as the API answers them (toxiproxy's JSON shape), in the order added. The reading side is
 * {@link Attributes}; this is the writing side, so every toxic answers numbers and optional keys the same way.
 */
final class AttributeMap {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** A number, integral values as integers ({@code 50}, not {@code 50.0}), as toxiproxy shows them. */
    AttributeMap number(String key, double value) {
        values.put(key, number(value));
        return this;
    }

    /** A value as it is: a count, a probability, a flag or a name. */
    AttributeMap value(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** A value only where {@code present}: roundtrip's extras on toxiproxy's types are left out at their default. */
    AttributeMap valueIf(boolean present, String key, Object value) {
        if (present) {
            values.put(key, value);
        }
        return this;
    }

    /** Every value of {@code other}, as they are (a description made elsewhere, e.g. a jitter distribution's). */
    AttributeMap values(Map<String, ?> other) {
        values.putAll(other);
        return this;
    }

    /** The attributes; read-only (a toxic is immutable: an update makes a new one). */
    Map<String, Object> build() {
        return Collections.unmodifiableMap(values);
    }

    /** Integral values as integers in JSON, as toxiproxy shows them. */
    static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }
}
