package io.roundtrip.proxy.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Request bodies bound to records, strictly: an unknown field or a value of the wrong type (a string for a number, a
 * number for a string) is a 400 whose reason names the field; responses written as toxiproxy writes them.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static {
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private Json() {}

    /**
     * Binds {@code body} (blank: {@code {}}) to {@code type}; {@code wrongShape} is the reason when the body as a
     * whole has the wrong shape (an array for an object, ...).
     */
    static <T> T bind(String body, Class<T> type, String wrongShape) {
        T value;
        try (JsonParser parser = MAPPER.createParser(body.isBlank() ? "{}" : body)) {
            value = MAPPER.readValue(parser, type);
            if (parser.nextToken() != null) { // "{...} {...}": half a request must not pass for all of it
                throw ApiError.badRequest("bad JSON: more after the first value, at character "
                        + parser.currentTokenLocation().getCharOffset());
            }
        } catch (UnrecognizedPropertyException e) {
            Collection<Object> known = e.getKnownPropertyIds();
            throw ApiError.badRequest("unknown field '" + path(e) + "'" + (known == null || known.isEmpty() ? ""
                    : " (expected " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")"));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw ApiError.badRequest(wrongShape);
            }
            throw ApiError.badRequest(path(e) + " must be " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("bad JSON: " + reason(e));
        } catch (IOException e) { // a String has no I/O to fail
            throw new UncheckedIOException(e);
        }
        if (value == null) { // the body "null"
            throw ApiError.badRequest(wrongShape);
        }
        return value;
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) { // a value of the proxy's that Jackson cannot write: a bug
            throw new IllegalStateException("cannot write a response: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Jackson's message for a client: without the parser's settings it names ("[Source: REDACTED
     * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]" is "line: 1, column: 2"; "(1000,
     * from `StreamReadConstraints.getMaxNestingDepth()`)" is "(1000)").
     */
    static String reason(JsonProcessingException e) {
        String m = ApiError.oneLine(e.getOriginalMessage())
                .replaceAll("\\[Source: [^;\\]]*; (line: \\d+, column: \\d+)\\]", "$1")
                .replaceAll(", from `[^`]*`", "");
        int settings = m.indexOf('`');
        return settings < 0 ? m : m.substring(0, settings).strip();
    }

    /** {@code toxics[0].toxicity}, as a client would name the field. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }
}
