package io.roundtrip.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitterAndLossTest {

    @Test
    void parsesEveryShapeAndDescribesItBack() {
        for (String text : new String[] {"none", "uniform:5ms", "normal:5ms", "exponential:2ms",
                "pareto:scale=2ms,shape=2.5"}) {
            assertThat(JitterDistribution.parse(text).describe()).isEqualTo(text);
        }
        assertThat(JitterDistribution.parse("5ms")).isEqualTo(new JitterDistribution.Uniform(5_000_000));
        assertThat(JitterDistribution.parse("pareto:2ms,2.5")).isEqualTo(new JitterDistribution.Pareto(2_000_000, 2.5));
        assertThat(JitterDistribution.parse("normal:0ms").isNone()).isTrue();
    }

    @Test
    void badJitterIsOneLine() {
        assertThatThrownBy(() -> JitterDistribution.parse("normal:fast")).hasMessageStartingWith("bad jitter 'normal:fast'");
        assertThatThrownBy(() -> JitterDistribution.parse("pareto:scale=1ms")).hasMessageStartingWith("bad jitter");
        assertThatThrownBy(() -> JitterDistribution.parse("table:/no/such/file")).hasMessageContaining("cannot read");
    }

    @Test
    void samplesHaveTheStatedMomentsAndMaxOfNDominates() {
        RandomGenerator rng = new Well19937c(42);
        for (JitterDistribution d : new JitterDistribution[] {JitterDistribution.parse("uniform:5ms"),
                JitterDistribution.parse("normal:5ms"), JitterDistribution.parse("exponential:5ms"),
                JitterDistribution.parse("pareto:scale=2ms,shape=3.5")}) {
            SummaryStatistics s = new SummaryStatistics();
            SummaryStatistics max = new SummaryStatistics();
            for (int i = 0; i < 200_000; i++) {
                s.addValue(d.sampleNanos(rng));
                max.addValue(d.sampleMaxNanos(rng, 10));
            }
            assertThat(s.getMean()).as(d.describe()).isCloseTo(d.meanNanos(), offset(0.02 * 5e6));
            assertThat(s.getStandardDeviation()).as(d.describe())
                    .isCloseTo(d.standardDeviationNanos(), offset(0.05 * d.standardDeviationNanos()));
            assertThat(max.getMean()).as(d.describe()).isGreaterThan(s.getMean());
        }
    }

    @Test
    void tableJitterSamplesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jitter.txt");
        Files.writeString(file, "# measured\n1ms\n2\n-1ms\n");
        JitterDistribution d = JitterDistribution.parse("table:" + file);
        assertThat(d.meanNanos()).isCloseTo(2_000_000 / 3.0, offset(1.0));
        assertThat(d.quantileNanos(0.0)).isEqualTo(-1_000_000);
        assertThat(d.quantileNanos(0.99)).isEqualTo(2_000_000);
    }

    @Test
    void bernoulliLossHitsItsRateAndTheGeometricShortcutAgrees() {
        LossModel model = LossModel.bernoulli(0.02);
        LossProcess perSegment = model.newProcess(7);
        LossProcess perFlight = model.newProcess(8);
        int lost = 0;
        int flightsWithLoss = 0;
        int flights = 100_000;
        for (int i = 0; i < flights * 10; i++) {
            lost += perSegment.nextSegmentLost() ? 1 : 0;
        }
        for (int i = 0; i < flights; i++) {
            flightsWithLoss += perFlight.firstLossAmong(10) >= 0 ? 1 : 0;
        }
        assertThat(lost / (flights * 10.0)).isCloseTo(0.02, offset(0.001));
        assertThat(flightsWithLoss / (double) flights).isCloseTo(1 - Math.pow(0.98, 10), offset(0.004));
    }

    @Test
    void gilbertElliottIsBurstyWithTheStationaryMean() {
        LossModel.GilbertElliott ge = new LossModel.GilbertElliott(0.01, 0.25, 0.0, 1.0);
        LossProcess process = ge.newProcess(3);
        int lost = 0;
        int runs = 0;
        boolean previous = false;
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            boolean l = process.nextSegmentLost();
            lost += l ? 1 : 0;
            if (l && !previous) {
                runs++;
            }
            previous = l;
        }
        assertThat(lost / (double) n).isCloseTo(ge.meanLossRate(), offset(0.004));
        assertThat(lost / (double) runs).as("mean burst length").isCloseTo(ge.meanBadRunSegments(), offset(0.3));
        assertThat(LossModel.NONE.newProcess(1).firstLossAmong(1000)).isEqualTo(-1);
    }

    @Test
    void advanceToLossFindsEveryLossInAFlight() {
        for (LossModel model : new LossModel[] {LossModel.bernoulli(0.05),
                new LossModel.GilbertElliott(0.02, 0.3, 0.0, 0.8)}) {
            LossProcess byFlight = model.newProcess(21);
            long lost = 0;
            long segments = 0;
            for (int flight = 0; flight < 50_000; flight++) {
                int n = 1 + flight % 40;
                segments += n;
                int offset = 0;
                while (offset < n) {
                    int i = byFlight.advanceToLoss(n - offset);
                    if (i < 0) {
                        break;
                    }
                    lost++;
                    offset += i + 1;
                }
            }
            assertThat(lost / (double) segments).as(model.describe())
                    .isCloseTo(model.meanLossRate(), offset(0.1 * model.meanLossRate()));
        }
    }

    @Test
    void aPathThatNeverDeliversIsRefusedNotPredictedForever() {
        assertThatThrownBy(() -> NetworkProfile.builder().set("loss", "100%").build())
                .hasMessageContaining("a path that loses every segment carries nothing");
        assertThatThrownBy(() -> NetworkProfile.builder().set("loss-good-to-bad", "1%")
                .set("loss-bad-to-good", "0").build())
                .hasMessageContaining("never delivers again");
        // 99% still predicts, in finite time: retransmissions back off at most six times, as the proxy's do.
        NetworkProfile almostBlackHole = NetworkProfile.builder().set("rtt", "80ms").set("loss", "99%").build();
        double p50 = io.roundtrip.model.LatencyModel.predict(almostBlackHole,
                io.roundtrip.model.RequestKind.builder().build(), 1_000, 1).percentilesMillis().p50();
        assertThat(p50).isFinite().isLessThan(3_600_000);
    }
}
