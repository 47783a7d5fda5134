package io.roundtrip.results.report;

import io.roundtrip.model.capacity.ThroughputPoint;
import io.roundtrip.model.capacity.UniversalScalabilityLaw;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A concurrency sweep read from CSV: {@code concurrency,throughput_rps[,p50_ms,p99_ms]}, one row per concurrency
 * level. The header is optional; with one, columns are found by name ({@code concurrency}, then the first column
 * whose name starts with {@code throughput}, and {@code p50_ms}, {@code p99_ms} if present); without one, the first
 * two columns are concurrency and throughput. Blank lines and lines starting with {@code #} are skipped.
 */
public record ConcurrencySweep(Path source, List<Row> rows) {

    /** One concurrency level: throughput in requests per second and, when measured, latency percentiles. */
    public record Row(double concurrency, double throughputPerSecond, OptionalDouble p50Millis, OptionalDouble p99Millis) {}

    public ConcurrencySweep {
        rows = List.copyOf(rows);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException (one-line message naming the file and line) when the file is missing, empty or
     *     has a non-numeric or non-positive value
     */
    public static ConcurrencySweep read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int concurrencyColumn = 0;
        int throughputColumn = 1;
        int p50Column = -1;
        int p99Column = -1;
        List<Row> rows = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*[,;\\t]\\s*");
            if (first) {
                first = false;
                if (!looksNumeric(cells[0])) {
                    concurrencyColumn = -1;
                    throughputColumn = -1;
                    for (int c = 0; c < cells.length; c++) {
                        String name = cells[c].toLowerCase(Locale.ROOT).replace("\"", "");
                        if (name.equals("concurrency") || name.equals("n")) {
                            concurrencyColumn = c;
                        } else if (name.startsWith("throughput") && throughputColumn < 0) {
                            throughputColumn = c;
                        } else if (name.equals("p50_ms")) {
                            p50Column = c;
                        } else if (name.equals("p99_ms")) {
                            p99Column = c;
                        }
                    }
                    if (concurrencyColumn < 0 || throughputColumn < 0) {
                        throw new IllegalArgumentException(file + ": header '" + line
                                + "' has no 'concurrency' and 'throughput' columns");
                    }
                    continue;
                }
            }
            String where = file + " line " + (i + 1);
            double concurrency = number(cells, concurrencyColumn, where, "concurrency");
            double throughput = number(cells, throughputColumn, where, "throughput");
            if (!(concurrency > 0) || !(throughput > 0)) {
                throw new IllegalArgumentException(where + ": concurrency and throughput must be > 0");
            }
            rows.add(new Row(concurrency, throughput, optional(cells, p50Column, where, "p50_ms"),
                    optional(cells, p99Column, where, "p99_ms")));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no (concurrency, throughput) rows");
        }
        return new ConcurrencySweep(file, rows);
    }

    public List<ThroughputPoint> points() {
        return rows.stream().map(r -> new ThroughputPoint(r.concurrency(), r.throughputPerSecond())).toList();
    }

    /**
     * The USL fitted to this sweep.
     *
     * @throws IllegalArgumentException naming the file when it has too few points or the fit fails
     */
    public UniversalScalabilityLaw fit() {
        try {
            return UniversalScalabilityLaw.fit(points());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static boolean looksNumeric(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String[] cells, int column, String where, String what) {
        if (column >= cells.length) {
            throw new IllegalArgumentException(where + ": missing " + what + " value");
        }
        try {
            return Double.parseDouble(cells[column]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + what + " '" + cells[column] + "' is not a number");
        }
    }

    private static OptionalDouble optional(String[] cells, int column, String where, String what) {
        if (column < 0 || column >= cells.length || cells[column].isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(number(cells, column, where, what));
    }
}
