package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import io.roundtrip.model.Percentiles;
import io.roundtrip.model.capacity.ErlangC;
import io.roundtrip.model.capacity.LittlesLaw;
import io.roundtrip.results.ScenarioLatencies;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * One scenario on one profile, its latencies merged over every run folder that recorded it, compared with the
 * prediction: per percentile the error in % and in round trips, a verdict, a likely reason and the
 * Kolmogorov–Smirnov distance between the measured and predicted distributions.
 */
public record ScenarioResult(
        RunManifest.Profile profile,
        String name,
        Map<String, String> requestKind,
        ScenarioLatencies latencies,
        Optional<Prediction> prediction,
        List<String> runIds,
        Map<String, Double> noiseFloorMillis,
        Map<String, Row> rows,
        Verdict verdict,
        String reason,
        OptionalDouble ksDistance,
        String ksSource,
        double throughputPerSecond,
        double meanMillis,
        RunManifest.OwnRequest ownRequest,
        double hostCostMillis) {

    /** Erlang C target used by the report's capacity table. */
    public static final double POOL_WAIT_TARGET = 0.01;

    /**
     * One percentile: measured, predicted (NaN when absent), the error and the allowance. With a host cost (the
     * scenario's p50 over a zero-latency path, {@code baseline_p50_ms}), the error is that of the network's part:
     * {@code measured − host cost − predicted}; without one ({@code hostCostMillis} NaN), {@code measured − predicted}.
     */
    public record Row(String key, double measuredMillis, double predictedMillis, double errorPercent,
            double errorRtts, double allowanceMillis, boolean judged, boolean withinTolerance, double hostCostMillis) {

        /** A percentile judged whole, without a host cost. */
        public Row(String key, double measuredMillis, double predictedMillis, double errorPercent, double errorRtts,
                double allowanceMillis, boolean judged, boolean withinTolerance) {
            this(key, measuredMillis, predictedMillis, errorPercent, errorRtts, allowanceMillis, judged,
                    withinTolerance, Double.NaN);
        }

        /** What is compared with the prediction: measured − host cost when there is one, else measured. */
        public double comparedMillis() {
            return Double.isNaN(hostCostMillis) ? measuredMillis : measuredMillis - hostCostMillis;
        }
    }

    static ScenarioResult of(RunManifest.Profile profile, String name, Map<String, String> requestKind,
            ScenarioLatencies latencies, Optional<Prediction> prediction, List<String> runIds,
            Map<String, Double> noiseFloorMillis, double runSpanSeconds, RunManifest.OwnRequest ownRequest) {
        return of(profile, name, requestKind, latencies, prediction, runIds, noiseFloorMillis, runSpanSeconds,
                ownRequest, Double.NaN);
    }

    /**
     * As above; with a {@code hostCostMillis} (not NaN) every percentile is judged network against network:
     * {@code measured − hostCostMillis} against the prediction, by the same tolerance rule.
     */
    static ScenarioResult of(RunManifest.Profile profile, String name, Map<String, String> requestKind,
            ScenarioLatencies latencies, Optional<Prediction> prediction, List<String> runIds,
            Map<String, Double> noiseFloorMillis, double runSpanSeconds, RunManifest.OwnRequest ownRequest,
            double hostCostMillis) {
        double rtt = profile.rttMillis();
        double host = hostCostMillis >= 0 ? hostCostMillis : Double.NaN;
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean hasData = latencies.okCount() > 0;
        for (String key : Percentiles.KEYS) {
            double measured = hasData ? latencies.okMillisAt(Percentiles.fractionOf(key) * 100) : Double.NaN;
            double predicted = prediction.flatMap(p -> box(Predictions.percentile(p, key))).orElse(Double.NaN);
            double error = (Double.isNaN(host) ? measured : measured - host) - predicted;
            double allowance = Tolerance.allowanceMillis(predicted, rtt, noiseFloorMillis.getOrDefault(key, Double.NaN));
            boolean judged = Tolerance.judges(key, latencies.okCount()) && !Double.isNaN(error);
            rows.put(key, new Row(key, measured, predicted,
                    predicted > 0 ? 100 * error / predicted : Double.NaN,
                    rtt > 0 ? error / rtt : Double.NaN,
                    allowance, judged, !judged || Math.abs(error) <= allowance, host));
        }
        Verdict verdict;
        String reason;
        if (!hasData) {
            verdict = Verdict.NO_DATA;
            reason = "no successful request recorded";
        } else if (prediction.isEmpty() || rows.values().stream().noneMatch(Row::judged)) {
            verdict = Verdict.MEASURED_ONLY;
            reason = prediction.isEmpty() || Double.isNaN(rows.get("p50").predictedMillis())
                    ? "no prediction for this scenario"
                    : "too few requests to judge (p50 needs " + (int) Math.ceil(Tolerance.SAMPLES_BEYOND / 0.5) + ")";
        } else {
            Row worst = rows.values().stream().filter(Row::judged)
                    .max((a, b) -> Double.compare(Math.abs(a.comparedMillis() - a.predictedMillis()) / a.allowanceMillis(),
                            Math.abs(b.comparedMillis() - b.predictedMillis()) / b.allowanceMillis()))
                    .orElseThrow();
            if (rows.values().stream().allMatch(Row::withinTolerance)) {
                verdict = Verdict.WITHIN_TOLERANCE;
                reason = "";
            } else {
                verdict = worst.comparedMillis() > worst.predictedMillis() ? Verdict.MODEL_OPTIMISTIC : Verdict.MODEL_PESSIMISTIC;
                reason = LikelyReason.of(verdict, rows, prediction.get(), requestKind, rtt);
            }
        }
        OptionalDouble ks = OptionalDouble.empty();
        String ksSource = "";
        if (prediction.isPresent() && prediction.get().quantilesMillis().isEmpty()) {
            // Four percentiles say nothing about the lower half of the distribution: a KS distance from them would
            // measure that gap, not the model.
            ksSource = "n/a: the prediction has no quantile function (quantiles_ms)";
        } else if (hasData && prediction.isPresent()) {
            Prediction p = prediction.get();
            ks = OptionalDouble.of(new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(
                    new PredictedDistribution(p.quantilesMillis()), HistogramSamples.millis(latencies.ok())));
            ksSource = Predictions.isPoint(p) ? "point prediction: 1 by construction, read the verdict"
                    : "quantile function, " + p.quantilesMillis().size() + " points";
        }
        Histogram all = latencies.ok().copy();
        all.add(latencies.ko());
        // Throughput over the logs' own wall-clock span (the measured window); when the logs cannot tell (a single
        // interval stamped within one millisecond), over run.json's started_at..ended_at.
        double seconds = latencies.endEpochSeconds() - latencies.startEpochSeconds();
        if (!(seconds > 0.001)) {
            seconds = runSpanSeconds;
        }
        double throughput = seconds > 0 ? all.getTotalCount() / seconds : Double.NaN;
        double mean = all.getTotalCount() > 0 ? all.getMean() / 1e6 : Double.NaN;
        return new ScenarioResult(profile, name, requestKind, latencies, prediction, List.copyOf(runIds),
                noiseFloorMillis, rows, verdict, reason, ks, ksSource, throughput, mean, ownRequest, host);
    }

    /**
     * Whether the KS distance says something: there is one and the prediction is a distribution, not a point
     * (every real measurement lies above a point, so its distance is 1 by construction).
     */
    public boolean ksMeaningful() {
        return ksDistance.isPresent() && prediction.isPresent() && !Predictions.isPoint(prediction.get());
    }

    /** What the tail adds: measured p99 − p50, ms (NaN without data). */
    public double tailMillis() {
        return rows.get("p99").measuredMillis() - rows.get("p50").measuredMillis();
    }

    /** The request kind for people ({@code HTTP/2, fresh TLS 1.3, 1 KiB}); see {@link RequestKinds#inWords}. */
    public String inWords() {
        return RequestKinds.inWords(requestKind);
    }

    /** Whether the scenario is judged network against network: measured − its host cost against the model. */
    public boolean judgedAgainstHostCost() {
        return !Double.isNaN(hostCostMillis);
    }

    /** Own traffic: measured p50 − the baseline's p50, the request's network cost, ms (NaN without a baseline). */
    public double networkCostMillis() {
        return rows.get("p50").measuredMillis() - ownRequest.baselineP50Millis();
    }

    /** Little's law: the connections (HTTP/2: streams) this scenario kept busy on average, {@code L = X·W}. */
    public double busyConnections() {
        if (Double.isNaN(throughputPerSecond) || Double.isNaN(meanMillis)) {
            return Double.NaN;
        }
        return LittlesLaw.concurrency(throughputPerSecond, Duration.ofNanos(Math.round(meanMillis * 1e6)));
    }

    /** Erlang C: the pool that keeps the chance of waiting for a connection ≤ {@value #POOL_WAIT_TARGET} at this load. */
    public OptionalDouble poolSize() {
        double busy = busyConnections();
        return Double.isNaN(busy) || busy <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(ErlangC.poolSize(busy, POOL_WAIT_TARGET));
    }

    private static Optional<Double> box(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
