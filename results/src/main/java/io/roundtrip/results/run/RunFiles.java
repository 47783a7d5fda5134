package io.roundtrip.results.run;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.Quantile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place that reads and writes a run folder's JSON files: one mapper for {@link RunFile} ({@code run.json})
 * and {@code summary.json}, used by the simulations that write them and the report that reads
 * them. Unknown fields are skipped (newer writers may add some); a missing list reads as empty.
 */
public final class RunFiles {

    /** NaN and infinities are not JSON: an unknown number is {@code null}. */
    private static final StdSerializer<Double> UNKNOWN_AS_NULL = new StdSerializer<>(Double.class) {
        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                out.writeNumber(value);
            } else {
                out.writeNull();
            }
        }
    };

    static final ObjectMapper JSON = JsonMapper.builder()
            .addMixIn(Prediction.class, PredictionMixIns.PredictionMixIn.class)
            .addMixIn(Quantile.class, PredictionMixIns.QuantileMixIn.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .addModule(new SimpleModule("unknown numbers").addSerializer(Double.class, UNKNOWN_AS_NULL)
                    .addSerializer(double.class, UNKNOWN_AS_NULL))
            .build();

    private RunFiles() {}

    /** Writes {@code run} as {@code folder/run.json}, creating the folder; returns the file. */
    public static Path writeRun(Path folder, RunFile run) {
        return write(folder.resolve(RunFile.FILE_NAME), run);
    }

    /**
     * Reads {@code runFolder/run.json}.
     *
     * @throws IllegalArgumentException with a one-line message when the file is missing, is not JSON or does not
     *     fit the schema
     */
    public static RunFile readRun(Path runFolder) {
        Path file = runFolder.resolve(RunFile.FILE_NAME);
        try {
            String text = Files.readString(file);
            if (!text.stripLeading().startsWith("{")) {
                throw new IllegalArgumentException(file + ": expected a JSON object");
            }
            return JSON.readValue(text, RunFile.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(runFolder + " is not a run folder: no " + RunFile.FILE_NAME);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(file + ": " + where(e) + cause.getMessage());
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(file + ": " + where(e) + e.getOriginalMessage().replace('\n', ' '));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().replace('\n', ' ') + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} as indented JSON to {@code file}, creating its folder; returns the file. */
    public static Path write(Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** {@code value} as indented JSON text, ending in a new line. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@code value} as compact JSON text on one line, for a table cell. */
    public static String compactJson(Object value) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
        }
    }

    /** The field path of a binding error, e.g. {@code scenarios[0].prediction.mean_ms: }. */
    private static String where(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }
}
