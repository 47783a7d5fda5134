package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quantile function every prediction carries, for the report's Kolmogorov–Smirnov distance. */
class QuantilesTest {

    private static final NetworkProfile RTT_80 = NetworkProfile.builder().set("rtt", "80ms").build();

    @Test
    void levels() {
        assertThat(Quantile.LEVELS).hasSize(101).startsWith(0.001, 0.01, 0.02).endsWith(0.98, 0.99, 0.999);
        assertThat(Quantile.LEVELS).contains(0.5, 0.9, 0.99, 0.999);
    }

    @Test
    void everyMethodGivesAMonotoneQuantileFunctionThatMatchesItsPercentiles() {
        RequestKind small = RequestKind.builder().tls(Tls.TLS_1_3).build();
        RequestKind large = RequestKind.builder().protocol(Protocol.H2).tls(Tls.TLS_1_3).responseBytes(200_000)
                .build();
        Map<String, Prediction> predictions = Map.of(
                "point", LatencyModel.predict(RTT_80, small),
                "convolution", LatencyModel.predict(RTT_80.toBuilder().set("jitter", "normal:5ms").build(), small),
                "monte carlo", LatencyModel.predict(
                        RTT_80.toBuilder().set("jitter", "normal:5ms").set("loss", "1%").build(), large, 50_000, 3));
        predictions.forEach((what, p) -> {
            List<Quantile> q = p.quantilesMillis();
            assertThat(q).as(what).hasSize(101);
            assertThat(q.stream().map(Quantile::q).toList()).as(what).isEqualTo(Quantile.LEVELS);
            for (int i = 1; i < q.size(); i++) {
                assertThat(q.get(i).ms()).as(what + " at " + q.get(i).q()).isGreaterThanOrEqualTo(q.get(i - 1).ms());
            }
            assertThat(at(q, 0.5)).as(what).isCloseTo(p.percentilesMillis().p50(), offset(1e-9));
            assertThat(at(q, 0.9)).as(what).isCloseTo(p.percentilesMillis().p90(), offset(1e-9));
            assertThat(at(q, 0.99)).as(what).isCloseTo(p.percentilesMillis().p99(), offset(1e-9));
            assertThat(at(q, 0.999)).as(what).isCloseTo(p.percentilesMillis().p999(), offset(1e-9));
            assertThat(q.get(0).ms()).as(what).isLessThan(q.get(100).ms() + 1e-9);
        });
        assertThat(predictions.get("point").quantilesMillis()).allSatisfy(q -> assertThat(q.ms()).isEqualTo(240));
        assertThat(predictions.get("convolution").quantilesMillis().get(0).ms())
                .isLessThan(predictions.get("convolution").quantilesMillis().get(100).ms());
    }

    @Test
    void jsonCarriesThePairs() {
        Map<String, Object> json = LatencyModel.predict(RTT_80, RequestKind.builder().build()).toJsonMap();
        @SuppressWarnings("unchecked")
        List<List<Double>> pairs = (List<List<Double>>) json.get("quantiles_ms");
        assertThat(pairs).hasSize(101);
        assertThat(pairs.get(0)).containsExactly(0.001, 160.0);
        assertThat(pairs.get(100)).containsExactly(0.999, 160.0);
    }

    @Test
    void selectionAgreesWithASort() {
        Random random = new Random(5);
        for (int n : new int[] {1, 2, 7, 100, 999, 2_000, 100_000}) {
            long[] samples = new long[n];
            for (int i = 0; i < n; i++) {
                samples[i] = random.nextInt(n < 100 ? 3 : 1_000_000); // duplicates too
            }
            long[] sorted = samples.clone();
            Arrays.sort(sorted);
            Percentiles.Summary summary = Percentiles.summarizeNanos(samples);
            for (Quantile q : summary.quantiles()) {
                int rank = Math.max(0, Math.min(n - 1, (int) Math.ceil(q.q() * n) - 1));
                assertThat(q.ms()).as("n " + n + " q " + q.q()).isEqualTo(sorted[rank] / 1e6);
            }
            assertThat(summary.percentiles()).isEqualTo(Percentiles.ofNanos(sorted.clone()));
        }
    }

    private static double at(List<Quantile> quantiles, double q) {
        return quantiles.stream().filter(x -> x.q() == q).findFirst().orElseThrow().ms();
    }
}
