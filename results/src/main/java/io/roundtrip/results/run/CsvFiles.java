package io.roundtrip.results.run;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run folder's CSV files, through jackson-dataformat-csv: {@value SweepRow#FILE_NAME} ({@link SweepRow}) and the
 * report's tables. Unknown numbers (NaN, infinite) are empty cells.
 */
public final class CsvFiles {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            // quote a cell only when it must be (a separator, quote or line break in it), as before
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private CsvFiles() {}

    /** Writes {@code rows} as {@code folder/capacity-sweep.csv}, with its header; returns the file. */
    public static Path writeSweep(Path folder, List<SweepRow> rows) {
        ObjectWriter writer = CSV.writer(CSV.schemaFor(SweepRow.class).withHeader());
        Path file = folder.resolve(SweepRow.FILE_NAME);
        try {
            Files.createDirectories(folder);
            Files.writeString(file, writer.writeValueAsString(rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * A table as CSV text: a header of {@code columns}, then one line per row; numbers at full precision, an
     * unknown number or null an empty cell.
     */
    public static String table(List<String> columns, List<List<Object>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        List<Object[]> cells = rows.stream().map(row -> row.stream().map(CsvFiles::cell).toArray()).toList();
        try {
            return CSV.writer(schema.build()).writeValueAsString(cells);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render CSV", e);
        }
    }

    /** One row of a CSV file: its cells, trimmed, and the line it starts on (from 1). */
    public record Row(int line, List<String> cells) {}

    /**
     * The rows of a CSV file as text cells, blank lines and {@code #} comments skipped, cells trimmed; the separator
     * is the first of comma, semicolon or tab found on the first line.
     */
    public static List<Row> rows(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .orElse("");
        char separator = first.indexOf(',') >= 0 ? ',' : first.indexOf(';') >= 0 ? ';' : first.indexOf('\t') >= 0
                ? '\t' : ',';
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(schema).readValues(text)) {
            while (it.hasNext()) {
                int line = it.getParser().currentLocation().getLineNr();
                rows.add(new Row(line, List.of(it.next())));
            }
        }
        return rows;
    }

    private static Object cell(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d;
        }
        return value == null || value instanceof Number ? value : String.valueOf(value);
    }
}
