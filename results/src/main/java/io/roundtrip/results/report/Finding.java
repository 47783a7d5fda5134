package io.roundtrip.results.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sentence of the report's findings, with the figures it quotes. Each figure names the field of
 * {@code summary.json} it was read from (a JSON Pointer), so that a test can hold every quoted number to the summary.
 */
record Finding(String topic, String text, List<Figure> figures) {

    Finding {
        figures = List.copyOf(figures);
    }

    /** How a figure is printed: its unit and its rounding. */
    enum Unit {
        MILLIS("ms"), RTTS("RTTs"), SIGNED_RTTS("RTTs"), REQUESTS_PER_SECOND("req/s"), CONNECTIONS("connections"),
        COUNT(""), PERCENT("%");

        final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        /** The number as the sentence prints it (without the unit). */
        String format(double value) {
            return switch (this) {
                case MILLIS -> HtmlReport.millis(value);
                case RTTS -> String.format(Locale.ROOT, "%.2f", value);
                case SIGNED_RTTS -> HtmlReport.signed("%+.2f", value);
                case REQUESTS_PER_SECOND, CONNECTIONS -> String.format(Locale.ROOT, "%.1f", value);
                case COUNT -> String.format(Locale.ROOT, "%.0f", value);
                case PERCENT -> HtmlReport.signed("%+.1f", value);
            };
        }

        /** The number with its unit: {@code 83.42 ms}, {@code 1.09 RTTs}, {@code +54.6 %}. */
        String print(double value) {
            return symbol.isEmpty() ? format(value) : format(value) + (this == PERCENT ? "" : " ") + symbol;
        }
    }

    /** A number quoted by a sentence, with the {@code summary.json} field (JSON Pointer) it equals. */
    record Figure(String name, double value, Unit unit, String summaryPointer) {

        String printed() {
            return unit.print(value);
        }
    }

    /** A JSON Pointer from its segments: {@code pointer("scenarios", 2, "measured_ms", "p50")}. */
    static String pointer(Object... segments) {
        StringBuilder p = new StringBuilder();
        for (Object s : segments) {
            p.append('/').append(String.valueOf(s).replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }

    /** Builds a sentence from text and figures, each figure printed where it is added. */
    static final class Sentence {
        private final String topic;
        private final StringBuilder text = new StringBuilder();
        private final List<Figure> figures = new ArrayList<>();

        Sentence(String topic) {
            this.topic = topic;
        }

        Sentence text(String words) {
            text.append(words);
            return this;
        }

        /** Appends the figure printed with its unit. */
        Sentence figure(String name, double value, Unit unit, String summaryPointer) {
            Figure f = new Figure(name, value, unit, summaryPointer);
            figures.add(f);
            text.append(f.printed());
            return this;
        }

        Finding done() {
            return new Finding(topic, text.toString(), figures);
        }
    }
}
