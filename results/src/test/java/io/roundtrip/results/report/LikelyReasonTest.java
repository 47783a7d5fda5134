package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import io.roundtrip.model.Percentiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LikelyReasonTest {

    static final double RTT = 80;

    /** Rows for measured p50/p90/p99 against one predicted value, judged as the report does. */
    static Map<String, ScenarioResult.Row> rows(double predicted, double p50, double p90, double p99) {
        Map<String, ScenarioResult.Row> rows = new LinkedHashMap<>();
        double[] measured = {p50, p90, p99, p99};
        for (int i = 0; i < Percentiles.KEYS.size(); i++) {
            String key = Percentiles.KEYS.get(i);
            double error = measured[i] - predicted;
            double allowance = Tolerance.allowanceMillis(predicted, RTT, Double.NaN);
            boolean judged = Tolerance.JUDGED.contains(key);
            rows.put(key, new ScenarioResult.Row(key, measured[i], predicted, 100 * error / predicted, error / RTT,
                    allowance, judged, !judged || Math.abs(error) <= allowance));
        }
        return rows;
    }

    static Prediction phases(double handshake, double request, double transfer) {
        return new Prediction(List.of(new io.roundtrip.model.Phase("tcp_handshake", handshake / RTT, handshake),
                new io.roundtrip.model.Phase("request", request / RTT, request),
                new io.roundtrip.model.Phase("transfer", transfer / RTT, transfer)), Double.NaN, null, "analytic",
                List.of());
    }

    /** Measured against predicted, the predicted phases, and what the reason must say: where to look. */
    static Stream<Arguments> cases() {
        return Stream.of(
                reason("only the tail off", Verdict.MODEL_OPTIMISTIC, rows(80, 81, 88, 140), phases(0, 80, 0),
                        says -> says.startsWith("body agrees, tail heavier than modelled")),
                reason("a whole round trip more", Verdict.MODEL_OPTIMISTIC, rows(160, 242, 245, 250),
                        phases(0, 80, 80), says -> says.isEqualTo(
                                "≈ 1 round trip more than modelled: a round trip the model does not count")),
                reason("two round trips fewer", Verdict.MODEL_PESSIMISTIC, rows(320, 160, 162, 165),
                        phases(0, 160, 160), says -> says.isEqualTo(
                                "≈ 2 round trips fewer than modelled: "
                                        + "the model counts a round trip that did not happen")),
                reason("the handshake dominates", Verdict.MODEL_OPTIMISTIC, rows(240, 290, 295, 300),
                        phases(160, 80, 0), says -> says.isEqualTo(
                                "connect/TLS slower than modelled: check handshake emulation")),
                reason("the transfer dominates, slower", Verdict.MODEL_OPTIMISTIC, rows(400, 500, 505, 510),
                        phases(0, 80, 320), says -> says.startsWith("transfer slower than modelled")),
                reason("the transfer dominates, faster", Verdict.MODEL_PESSIMISTIC, rows(400, 300, 305, 310),
                        phases(0, 80, 320), says -> says.startsWith("transfer faster than modelled")));
    }

    private static Arguments reason(String name, Verdict verdict, Map<String, ScenarioResult.Row> rows,
            Prediction phases, Consumer<AbstractStringAssert<?>> says) {
        return Arguments.of(Named.of(name, verdict), rows, phases, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reasonNamesWhereToLook(Verdict verdict, Map<String, ScenarioResult.Row> rows, Prediction phases,
            Consumer<AbstractStringAssert<?>> says) {
        says.accept(assertThat(LikelyReason.of(verdict, rows, phases, Map.of(), RTT)));
    }
}
