package io.roundtrip.results.report;

import io.roundtrip.model.capacity.ThroughputPoint;
import io.roundtrip.model.capacity.UniversalScalabilityLaw;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.roundtrip.results.run.CsvFiles;
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
        List<CsvFiles.Row> lines;
        try {
            lines = CsvFiles.rows(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Columns columns = lines.isEmpty() || looksNumeric(lines.get(0).cells().get(0)) ? Columns.POSITIONAL
                : Columns.named(lines.get(0).cells(), file);
        List<Row> rows = new ArrayList<>();
        for (int i = columns == Columns.POSITIONAL ? 0 : 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i).cells();
            String where = file + " line " + lines.get(i).line();
            double concurrency = number(cells, columns.concurrency(), where, "concurrency");
            double throughput = number(cells, columns.throughput(), where, "throughput");
            if (!(concurrency > 0) || !(throughput > 0)) {
                throw new IllegalArgumentException(where + ": concurrency and throughput must be > 0");
            }
            rows.add(new Row(concurrency, throughput, optional(cells, columns.p50(), where, "p50_ms"),
                    optional(cells, columns.p99(), where, "p99_ms")));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no (concurrency, throughput) rows");
        }
        return new ConcurrencySweep(file, rows);
    }

    /** Where the columns are: by the header's names, or, without a header, concurrency and throughput first. */
    private record Columns(int concurrency, int throughput, int p50, int p99) {

        static final Columns POSITIONAL = new Columns(0, 1, -1, -1);

        static Columns named(List<String> header, Path file) {
            int concurrency = -1;
            int throughput = -1;
            int p50 = -1;
            int p99 = -1;
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c).toLowerCase(Locale.ROOT);
                if (name.equals("concurrency") || name.equals("n")) {
                    concurrency = c;
                } else if (name.startsWith("throughput") && throughput < 0) {
                    throughput = c;
                } else if (name.equals("p50_ms")) {
                    p50 = c;
                } else if (name.equals("p99_ms")) {
                    p99 = c;
                }
            }
            if (concurrency < 0 || throughput < 0) {
                throw new IllegalArgumentException(file + ": header '" + String.join(",", header)
                        + "' has no 'concurrency' and 'throughput' columns");
            }
            return new Columns(concurrency, throughput, p50, p99);
        }
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

    private static double number(List<String> cells, int column, String where, String what) {
        if (column >= cells.size()) {
            throw new IllegalArgumentException(where + ": missing " + what + " value");
        }
        try {
            return Double.parseDouble(cells.get(column));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + what + " '" + cells.get(column) + "' is not a number");
        }
    }

    private static OptionalDouble optional(List<String> cells, int column, String where, String what) {
        if (column < 0 || column >= cells.size() || cells.get(column).isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(number(cells, column, where, what));
    }
}
