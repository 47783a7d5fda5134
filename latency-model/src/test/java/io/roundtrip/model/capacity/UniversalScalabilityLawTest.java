package io.roundtrip.model.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniversalScalabilityLawTest {

    /**
     * The Cisco benchmark of B. Schwartz, <i>Practical Scalability Analysis with the Universal Scalability Law</i>
     * (2015), as published in codahale/usl4j's README and ModelTest: (concurrency, throughput).
     */
    static final double[][] CISCO = {
        {1, 955.16}, {2, 1878.91}, {3, 2688.01}, {4, 3548.68}, {5, 4315.54}, {6, 5130.43}, {7, 5931.37},
        {8, 6531.08}, {9, 7219.8}, {10, 7867.61}, {11, 8278.71}, {12, 8646.7}, {13, 9047.84}, {14, 9426.55},
        {15, 9645.37}, {16, 9897.24}, {17, 10097.6}, {18, 10240.5}, {19, 10532.39}, {20, 10798.52},
        {21, 11151.43}, {22, 11518.63}, {23, 11806}, {24, 12089.37}, {25, 12075.41}, {26, 12177.29},
        {27, 12211.41}, {28, 12158.93}, {29, 12155.27}, {30, 12118.04}, {31, 12140.4}, {32, 12074.39},
    };

    static List<ThroughputPoint> cisco() {
        List<ThroughputPoint> points = new ArrayList<>();
        for (double[] row : CISCO) {
            points.add(new ThroughputPoint(row[0], row[1]));
        }
        return points;
    }

    @Test
    void reproducesThePublishedCiscoFit() {
        UniversalScalabilityLaw usl = UniversalScalabilityLaw.fit(cisco());

        // The book's values (and usl4j's test tolerance, 0.02%).
        assertThat(usl.sigma()).isCloseTo(0.02671591, withinPercentage(0.02));
        assertThat(usl.kappa()).isCloseTo(7.690945e-4, withinPercentage(0.02));
        assertThat(usl.lambda()).isCloseTo(995.6486, withinPercentage(0.02));
        assertThat(usl.maxConcurrency()).isEqualTo(35);
        assertThat(usl.peakConcurrency()).isCloseTo(35.57, within(0.01));
        assertThat(usl.maxThroughput()).isCloseTo(12341, withinPercentage(0.02));
        assertThat(usl.isContentionConstrained()).isTrue();
    }

    @Test
    void fitDoesNotDependOnPointOrder() {
        List<ThroughputPoint> reversed = new ArrayList<>(cisco());
        java.util.Collections.reverse(reversed);
        UniversalScalabilityLaw usl = UniversalScalabilityLaw.fit(reversed);
        assertThat(usl.sigma()).isCloseTo(0.02671591, withinPercentage(0.02));
    }

    @Test
    void recoversTheParametersOfExactData() {
        UniversalScalabilityLaw truth = UniversalScalabilityLaw.of(0.05, 0.002, 120);
        List<ThroughputPoint> points = new ArrayList<>();
        for (int n = 1; n <= 64; n *= 2) {
            points.add(new ThroughputPoint(n, truth.throughputAtConcurrency(n)));
        }
        UniversalScalabilityLaw fitted = UniversalScalabilityLaw.fit(points);
        assertThat(fitted.sigma()).isCloseTo(0.05, withinPercentage(0.01));
        assertThat(fitted.kappa()).isCloseTo(0.002, withinPercentage(0.01));
        assertThat(fitted.lambda()).isCloseTo(120, withinPercentage(0.01));
    }

    @Test
    void modelMatchesUsl4jPublishedPredictions() {
        UniversalScalabilityLaw usl = UniversalScalabilityLaw.of(0.02671591, 7.690945e-4, 995.6486);
        assertThat(usl.throughputAtConcurrency(20)).isCloseTo(11063.63, withinPercentage(0.01));
        assertThat(usl.latencyAtConcurrency(1)).isCloseTo(0.0010043985, withinPercentage(0.01));
    }

    @Test
    void refusesFewerThanSixPoints() {
        List<ThroughputPoint> three = cisco().subList(0, 3);
        assertThatThrownBy(() -> UniversalScalabilityLaw.fit(three))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a USL fit needs at least 6 (concurrency, throughput) points, got 3");
        assertThatThrownBy(() -> UniversalScalabilityLaw.fit(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linearSystemHasNoPeak() {
        UniversalScalabilityLaw linear = UniversalScalabilityLaw.of(0, 0, 100);
        assertThat(linear.maxConcurrency()).isInfinite();
        assertThat(linear.maxThroughput()).isInfinite();
        assertThat(UniversalScalabilityLaw.of(0.1, 0, 100).maxThroughput()).isCloseTo(1000, within(1e-9));
    }
}
