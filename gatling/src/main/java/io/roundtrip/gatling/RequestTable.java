package io.roundtrip.gatling;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The per-request table printed at the end of a user simulation: what each request (and group) cost, what of it
 * the server took (the baseline), what the path added (measured network cost) beside what the model predicts the
 * path adds, and the error in percent and in round trips.
 */
final class RequestTable {

    /**
     * One request name's figures, in milliseconds.
     *
     * @param baselineP50Millis       the same request over a zero-latency path: server, loopback and harness
     * @param predictedNetworkMillis  the model's p50 for the request kind observed, with no server time
     * @param kindInWords             what the request was, e.g. {@code HTTP/1.1, fresh TCP, 1.2 KiB}
     */
    record Row(String name, long requests, long failed, double p50Millis, double p90Millis, double p99Millis,
            OptionalDouble baselineP50Millis, OptionalDouble predictedNetworkMillis, String kindInWords) {

        /** Measured p50 less the baseline's p50: what the path cost this request. */
        OptionalDouble measuredNetworkMillis() {
            return baselineP50Millis.isPresent() ? OptionalDouble.of(p50Millis - baselineP50Millis.getAsDouble())
                    : OptionalDouble.empty();
        }

        /** (measured − predicted) network cost over predicted, in percent. */
        OptionalDouble errorPercent() {
            OptionalDouble measured = measuredNetworkMillis().isPresent() ? measuredNetworkMillis()
                    : OptionalDouble.of(p50Millis);
            if (predictedNetworkMillis.isEmpty() || predictedNetworkMillis.getAsDouble() <= 0) {
                return OptionalDouble.empty();
            }
            double predicted = predictedNetworkMillis.getAsDouble();
            return OptionalDouble.of(100 * (measured.getAsDouble() - predicted) / predicted);
        }

        /** (measured − predicted) network cost in round trips of {@code rttMillis}. */
        OptionalDouble errorRoundTrips(double rttMillis) {
            OptionalDouble measured = measuredNetworkMillis().isPresent() ? measuredNetworkMillis()
                    : OptionalDouble.of(p50Millis);
            if (predictedNetworkMillis.isEmpty() || !(rttMillis > 0)) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of((measured.getAsDouble() - predictedNetworkMillis.getAsDouble()) / rttMillis);
        }
    }

    private static final String HEADER = "%-NAMEs %6s %4s | %8s %8s %8s | %8s | %8s %8s %7s %6s | %s%n";
    private static final String ROW = "%-NAMEs %6d %4d | %8.1f %8.1f %8.1f | %8s | %8s %8s %7s %6s | %s%n";
    private static final int MAX_NAME = 44;

    private RequestTable() {}

    static String render(List<Row> rows, double rttMillis) {
        int nameWidth = Math.min(MAX_NAME, Math.max(7, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0)));
        String header = HEADER.replace("NAME", Integer.toString(nameWidth));
        String rowFormat = ROW.replace("NAME", Integer.toString(nameWidth));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, header, "request", "count", "KO", "p50 ms", "p90 ms", "p99 ms",
                "baseline", "network", "model", "error", "error", "request kind (observed)"));
        out.append(String.format(Locale.ROOT, header, "", "", "", "measured", "", "", "p50 ms", "p50 ms", "p50 ms",
                "%", "RTTs", ""));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, rowFormat, clip(row.name()), row.requests(), row.failed(),
                    row.p50Millis(), row.p90Millis(), row.p99Millis(),
                    fixed(row.baselineP50Millis(), "%.1f"), fixed(row.measuredNetworkMillis(), "%.1f"),
                    fixed(row.predictedNetworkMillis(), "%.1f"), fixed(row.errorPercent(), "%+.1f"),
                    fixed(row.errorRoundTrips(rttMillis), "%+.2f"), row.kindInWords()));
        }
        return out.toString();
    }

    private static String clip(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "…";
    }

    private static String fixed(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "-";
    }
}
