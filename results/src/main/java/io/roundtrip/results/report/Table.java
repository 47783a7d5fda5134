package io.roundtrip.results.report;

import io.roundtrip.results.run.CsvFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One table of the report, written twice from the same cells: as CSV (full precision, empty for unknown) and as
 * HTML (rounded for people).
 */
record Table(String slug, String title, List<Column> columns, List<List<Object>> rows) {

    /** How a column's numbers are shown to people. */
    enum Format {
        TEXT, INTEGER, MILLIS, PERCENT, RTTS, RATIO, FRACTION, DECIMAL
    }

    record Column(String name, Format format) {}

    static Column col(String name, Format format) {
        return new Column(name, format);
    }

    Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    static Table of(String slug, String title, List<Column> columns) {
        return new Table(slug, title, columns, new ArrayList<>());
    }

    Table with(List<Object> row) {
        if (row.size() != columns.size()) {
            throw new IllegalStateException(slug + ": row of " + row.size() + " cells for " + columns.size() + " columns");
        }
        List<List<Object>> more = new ArrayList<>(rows);
        more.add(row);
        return new Table(slug, title, columns, more);
    }

    String csv() {
        return CsvFiles.table(columns.stream().map(Column::name).toList(), rows);
    }

    /** A column's name for people: {@code p50_measured_ms} → {@code p50 measured (ms)}. */
    static String header(String name) {
        String text = name;
        for (String[] unit : new String[][] {{"_ms", " (ms)"}, {"_rps", " (req/s)"}, {"_pct", " (%)"}, {"_rtts", " (RTTs)"}}) {
            if (text.endsWith(unit[0])) {
                text = text.substring(0, text.length() - unit[0].length()) + unit[1];
            }
        }
        return text.replace("_1pct_", " 1% ").replace('_', ' ');
    }

    /** A cell for people, per its column's format; unknown numbers are a dash. */
    String human(int column, Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return "–";
            }
            if (d.isInfinite()) {
                return d > 0 ? "∞" : "−∞";
            }
            switch (columns.get(column).format()) {
                case INTEGER:
                    return String.format(Locale.ROOT, "%.0f", d);
                case MILLIS:
                    return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.2f", d);
                case PERCENT:
                    return HtmlReport.signed("%+.1f%%", d);
                case RTTS:
                    return HtmlReport.signed("%+.2f", d);
                case RATIO:
                    return String.format(Locale.ROOT, "%.2f×", d);
                case FRACTION:
                    return String.format(Locale.ROOT, "%.3f", d);
                default:
                    return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%,.0f", d)
                            : Math.abs(d) >= 10 ? String.format(Locale.ROOT, "%.1f", d)
                            : String.format(Locale.ROOT, "%.4g", d);
            }
        }
        return String.valueOf(value);
    }
}
