package io.roundtrip.results.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** A histogram's recorded values as a sample in milliseconds, for statistics that want raw data. */
final class HistogramSamples {

    /** Above this many recorded values the sample is the histogram's quantiles at evenly spaced ranks. */
    static final int MAX_SAMPLES = 200_000;

    private HistogramSamples() {}

    /**
     * Every recorded value (each bucket's highest equivalent value, as {@link Histogram#getValueAtPercentile} reports
     * it), repeated by its count; or, for histograms holding more than {@value #MAX_SAMPLES} values, the values at
     * ranks {@code (i + ½)·N/n}: their empirical distribution is within {@code 1/n} of the histogram's everywhere.
     */
    static double[] millis(Histogram histogram) {
        long total = histogram.getTotalCount();
        int n = (int) Math.min(total, MAX_SAMPLES);
        double[] samples = new double[n];
        int i = 0;
        long cumulative = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            long count = value.getCountAtValueIteratedTo();
            double ms = histogram.highestEquivalentValue(value.getValueIteratedTo()) / 1e6;
            cumulative += count;
            if (total <= MAX_SAMPLES) {
                for (long c = 0; c < count; c++) {
                    samples[i++] = ms;
                }
            } else {
                // rank of sample i (0-based) is floor((i + 0.5) * total / n); take every sample whose rank < cumulative
                while (i < n && (long) Math.floor((i + 0.5) * total / n) < cumulative) {
                    samples[i++] = ms;
                }
            }
        }
        return samples;
    }
}
