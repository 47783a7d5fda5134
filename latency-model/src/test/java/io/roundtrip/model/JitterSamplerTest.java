package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.roundtrip.model.profile.JitterDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

class JitterSamplerTest {

    @Test
    void tabulatedSamplesMatchTheExactDistribution() {
        for (String text : new String[] {"normal:5ms", "uniform:5ms", "exponential:5ms", "pareto:scale=2ms,shape=6"}) {
            JitterDistribution d = JitterDistribution.parse(text);
            JitterSampler sampler = new JitterSampler(d, new MersenneTwister(1));
            MersenneTwister reference = new MersenneTwister(2);
            for (int n : new int[] {1, 9, 44}) {
                SummaryStatistics tabulated = new SummaryStatistics();
                SummaryStatistics exact = new SummaryStatistics();
                for (int i = 0; i < 200_000; i++) {
                    tabulated.addValue(sampler.maxOf(n));
                    exact.addValue(d.sampleMaxNanos(reference, n));
                }
                double tolerance = 0.02 * Math.max(d.standardDeviationNanos(), 1e6);
                assertThat(tabulated.getMean()).as("%s max of %d", text, n).isCloseTo(exact.getMean(), offset(tolerance));
                assertThat(tabulated.getStandardDeviation()).as("%s max of %d", text, n)
                        .isCloseTo(exact.getStandardDeviation(), offset(tolerance));
            }
        }
    }
}
