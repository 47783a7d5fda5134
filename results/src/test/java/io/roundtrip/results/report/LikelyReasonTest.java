package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import io.roundtrip.model.Percentiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
                new io.roundtrip.model.Phase("transfer", transfer / RTT, transfer)), Double.NaN, null, "analytic", List.of());
    }

    @Test
    void tailOnlyErrorsPointAtTheTail() {
        assertThat(LikelyReason.of(Verdict.MODEL_OPTIMISTIC, rows(80, 81, 88, 140), phases(0, 80, 0), Map.of(), RTT))
                .startsWith("body agrees, tail heavier than modelled");
    }

    @Test
    void aWholeExtraRoundTripIsNamed() {
        assertThat(LikelyReason.of(Verdict.MODEL_OPTIMISTIC, rows(160, 242, 245, 250), phases(0, 80, 80), Map.of(), RTT))
                .isEqualTo("≈ 1 round trip more than modelled: a round trip the model does not count");
        assertThat(LikelyReason.of(Verdict.MODEL_PESSIMISTIC, rows(320, 160, 162, 165), phases(0, 160, 160), Map.of(), RTT))
                .isEqualTo("≈ 2 round trips fewer than modelled: the model counts a round trip that did not happen");
    }

    @Test
    void dominantPhasesNameWhereToLook() {
        assertThat(LikelyReason.of(Verdict.MODEL_OPTIMISTIC, rows(240, 290, 295, 300), phases(160, 80, 0), Map.of(), RTT))
                .isEqualTo("connect/TLS slower than modelled: check handshake emulation");
        assertThat(LikelyReason.of(Verdict.MODEL_OPTIMISTIC, rows(400, 500, 505, 510), phases(0, 80, 320), Map.of(), RTT))
                .startsWith("transfer slower than modelled");
        assertThat(LikelyReason.of(Verdict.MODEL_PESSIMISTIC, rows(400, 300, 305, 310), phases(0, 80, 320), Map.of(), RTT))
                .startsWith("transfer faster than modelled");
    }
}
