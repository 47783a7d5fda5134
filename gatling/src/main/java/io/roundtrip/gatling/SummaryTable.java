package io.roundtrip.gatling;

import io.roundtrip.results.ScenarioLatencies;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The table printed at the end of a run: per scenario, what was measured (from the {@code .hlog} files, not from
 * Gatling's millisecond stats) beside what the model predicts for the same profile and request kind.
 */
public final class SummaryTable {

    /** The model's percentiles for one scenario, in milliseconds. */
    public record Predicted(double p50Millis, double p90Millis, double p99Millis) {}

    /**
     * One row: a scenario's measurements and, when the model covers that request kind, its prediction; with a
     * baseline pass, its host cost (the baseline's p50, ms).
     */
    public record Row(ScenarioLatencies measured, Optional<Predicted> predicted, OptionalDouble hostCostMillis) {

        public Row(ScenarioLatencies measured, Optional<Predicted> predicted) {
            this(measured, predicted, OptionalDouble.empty());
        }
    }

    private static final String HEADER_FORMAT = "%-16s %8s %5s | %9s %9s %9s | %9s %9s %9s | %6s";
    private static final String ROW_FORMAT = "%-16s %8d %5d | %9.2f %9.2f %9.2f | %9s %9s %9s | %6s";
    /** With host costs: the baseline's p50 and the network's part against the model. */
    private static final String HOST_FORMAT = " | %9s %6s";

    private SummaryTable() {}

    public static String render(List<Row> rows) {
        boolean hostCosts = rows.stream().anyMatch(r -> r.hostCostMillis().isPresent());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, HEADER_FORMAT, "scenario", "requests", "KO",
                "p50 ms", "p90 ms", "p99 ms", "model p50", "model p90", "model p99", "p50 ×"));
        out.append(hostCosts ? String.format(Locale.ROOT, HOST_FORMAT, "host p50", "net ×") : "").append('\n');
        out.append(String.format(Locale.ROOT, HEADER_FORMAT, "", "", "", "measured", "", "", "predicted", "", "",
                "meas/pred"));
        out.append(hostCosts ? String.format(Locale.ROOT, HOST_FORMAT, "baseline", "-host") : "").append('\n');
        for (Row row : rows) {
            ScenarioLatencies m = row.measured();
            double p50 = m.okMillisAt(50);
            out.append(String.format(Locale.ROOT, ROW_FORMAT, m.scenario(), m.okCount(), m.koCount(),
                    p50, m.okMillisAt(90), m.okMillisAt(99),
                    row.predicted().map(p -> fixed(p.p50Millis())).orElse("-"),
                    row.predicted().map(p -> fixed(p.p90Millis())).orElse("-"),
                    row.predicted().map(p -> fixed(p.p99Millis())).orElse("-"),
                    row.predicted().filter(p -> p.p50Millis() > 0)
                            .map(p -> String.format(Locale.ROOT, "%.2f", p50 / p.p50Millis())).orElse("-")));
            if (hostCosts) {
                OptionalDouble host = row.hostCostMillis();
                out.append(String.format(Locale.ROOT, HOST_FORMAT, host.isPresent() ? fixed(host.getAsDouble()) : "-",
                        row.predicted().filter(p -> p.p50Millis() > 0 && host.isPresent())
                                .map(p -> String.format(Locale.ROOT, "%.2f", (p50 - host.getAsDouble()) / p.p50Millis()))
                                .orElse("-")));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String fixed(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }
}
