package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class PredictedDistributionTest {

    /** Uniform on [10, 20] ms, described by its quantile function at 1%, 10%, ..., 99%. */
    static List<io.roundtrip.model.Quantile> uniform(double from, double to) {
        List<io.roundtrip.model.Quantile> points = new ArrayList<>();
        for (double q : new double[] {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
            points.add(new io.roundtrip.model.Quantile(q, from + q * (to - from)));
        }
        return points;
    }

    static Histogram uniformHistogram(int n, double fromMs, double toMs) {
        Histogram h = new Histogram(1_000, 3_600_000_000_000L, 3);
        for (int i = 0; i < n; i++) {
            h.recordValue(Math.round((fromMs + (toMs - fromMs) * (i + 0.5) / n) * 1e6));
        }
        return h;
    }

    @Test
    void cdfIsLinearBetweenQuantilePoints() {
        PredictedDistribution d = new PredictedDistribution(uniform(10, 20));
        assertThat(d.cumulativeProbability(5)).isZero();
        assertThat(d.cumulativeProbability(15)).isCloseTo(0.5, within(1e-12));
        assertThat(d.cumulativeProbability(12)).isCloseTo(0.2, within(1e-12));
        assertThat(d.cumulativeProbability(19.95)).isEqualTo(1);
        assertThat(d.getNumericalMean()).isCloseTo(15, within(0.01));
    }

    @Test
    void ksDistanceIsSmallForTheSameDistributionAndLargeForAShiftedOne() {
        double[] measured = HistogramSamples.millis(uniformHistogram(10_000, 10, 20));
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        // resolution: 1% below the first point, 1% above the last, 0.1% from the histogram's precision
        assertThat(ks.kolmogorovSmirnovStatistic(new PredictedDistribution(uniform(10, 20)), measured)).isLessThan(0.015);
        assertThat(ks.kolmogorovSmirnovStatistic(new PredictedDistribution(uniform(15, 25)), measured))
                .isCloseTo(0.5, within(0.015));
        assertThat(ks.kolmogorovSmirnovStatistic(new PredictedDistribution(uniform(30, 40)), measured)).isEqualTo(1);
    }

    @Test
    void largeHistogramsAreSampledAtEvenlySpacedRanks() {
        Histogram big = uniformHistogram(1_000_000, 10, 20);
        double[] samples = HistogramSamples.millis(big);
        assertThat(samples).hasSize(HistogramSamples.MAX_SAMPLES);
        assertThat(samples[0]).isCloseTo(10, within(0.02));
        assertThat(samples[samples.length / 2]).isCloseTo(15, within(0.02));
        assertThat(samples[samples.length - 1]).isCloseTo(20, within(0.02));
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(new PredictedDistribution(uniform(10, 20)), samples))
                .isLessThan(0.015);
    }
}
