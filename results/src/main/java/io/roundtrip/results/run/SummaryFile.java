package io.roundtrip.results.run;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The report's {@code summary.json}: every number of the report, for machines ({@code docs/reports.md}). Unknown
 * numbers (NaN) are written as {@code null}; milliseconds, percents and round trips are named by their units.
 *
 * @param verdicts how many scenarios got each verdict (by its label), and how many were judged and agreed
 * @param protocolComparisons per dimension ({@code h1-vs-h2}, ...), the pairs of scenarios that differ in it only
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SummaryFile(String generatedAt, Tolerance tolerance, List<Finding> findings, Map<String, Long> verdicts,
        List<Run> runs, List<Scenario> scenarios, Map<String, List<ProtocolPair>> protocolComparisons,
        List<Workload> workloads, List<StrategyWorkload> whatIfStrategies, List<OwnRequest> ownRequests,
        Capacity capacity) {

    public static final String FILE_NAME = "summary.json";

    /** The allowance a measured percentile has around the predicted one, and the percentiles judged. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tolerance(double relative, double rttFraction, double floorMs, List<String> judged) {}

    /** A finding in words, with every figure it quotes and the field each comes from. */
    public record Finding(String topic, String text, List<Figure> figures) {}

    /** @param source the JSON pointer, within this file, of the field the figure is read from */
    public record Figure(String name, double value, String unit, String symbol, String printed, String source) {}

    /** A run folder the report read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Run(String runId, String folder, String host, String startedAt, String endedAt, String profile) {}

    /**
     * One scenario on one profile, merged over the runs that measured it, against its prediction.
     *
     * @param hostCostMs the scenario's p50 over a zero-latency path (client, server, crypto), NaN without a baseline
     * @param judged {@code "network"} when the errors are those of measured − host cost against the prediction,
     *     {@code "whole"} when of the whole measured latency
     * @param networkMs measured − host cost by percentile (the measured figures without a host cost)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Scenario(String profile, double rttMs, String scenario, Map<String, String> requestKind,
            String inWords, List<String> runIds, String hlog, long okCount, long koCount, double throughputRps,
            double meanMs, Map<String, Double> measuredMs, Map<String, Double> predictedMs,
            Map<String, Double> errorPct, Map<String, Double> errorRtts, String verdict, String likelyReason,
            double ksDistance, String ksSource, boolean pointPrediction, double tailMs, double tailRtts,
            ScenarioCapacity capacity, double hostCostMs, String judged, Map<String, Double> networkMs) {}

    /** What the measured throughput and latency keep busy, and the pool that waits for a connection 1% of the time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScenarioCapacity(double busyConnections,
            @JsonProperty("pool_size_1pct_wait") double poolSize1PctWait) {}

    /**
     * Two scenarios that differ in one dimension only; {@code names} gives each side's scenario under the side's
     * value ({@code "h1": "h1-fresh", "h2": "h2-fresh-tls"}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProtocolPair(String profile, String sharedRequestKind, @JsonAnyGetter Map<String, String> names,
            @JsonProperty("p50_ratio") double p50Ratio, @JsonProperty("p99_ratio") double p99Ratio,
            @JsonProperty("faster_p50") String fasterP50) {}

    /** One workload on one profile, its strategies ranked by measured p50. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Workload(String profile, double rttMs, String workload, List<RankedStrategy> ranking) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RankedStrategy(String scenario, String strategy, @JsonProperty("p50_ms") double p50Ms,
            double behindFastestMs, double behindFastestRtts) {}

    /**
     * A measured workload predicted under every connection strategy over the presets: p50 by strategy and preset,
     * each preset's RTT, and the savings on the path the findings quote (null when there is none).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StrategyWorkload(String workload, long measuredRequests,
            @JsonProperty("p50_ms") Map<String, Map<String, Double>> p50Ms, Map<String, Double> rttMs,
            Savings savings) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Savings(String preset, double rttMs, double keepaliveOverFreshMs, double keepaliveOverFreshRtts,
            @JsonProperty("h2_over_h1_fresh_ms") double h2OverH1FreshMs,
            @JsonProperty("h2_over_h1_fresh_rtts") double h2OverH1FreshRtts,
            double freshOverKeepaliveMs, double freshOverKeepaliveRtts,
            @JsonProperty("h1_over_h2_fresh_ms") double h1OverH2FreshMs,
            @JsonProperty("h1_over_h2_fresh_rtts") double h1OverH2FreshRtts) {}

    /** One request (or group) of the user's own simulation: its network cost measured and predicted. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OwnRequest(String name, boolean group, String inWords,
            @JsonProperty("measured_p50_ms") double measuredP50Ms,
            @JsonProperty("baseline_p50_ms") double baselineP50Ms, double networkCostMs, double networkPredictionMs,
            double networkErrorPct, double networkErrorRtts, double freshConnectionShare,
            @JsonProperty("what_if_network_p50_ms") Map<String, Double> whatIfNetworkP50Ms) {}

    /** Capacity planning: the measured load on other profiles, and the USL fitted to each concurrency sweep. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Capacity(List<WhatIf> whatIf, List<Usl> usl) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WhatIf(String measuredProfile, String scenario, double throughputRps, String profile, double rttMs,
            double predictedMeanMs, @JsonProperty("predicted_p99_ms") double predictedP99Ms, double busyConnections,
            @JsonProperty("pool_size_1pct_wait") double poolSize1PctWait) {}

    /** @param nMax the concurrency of peak throughput, null when unbounded */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usl(String runId, int points, double sigma, double kappa, double lambda, Long nMax, double xMax) {}
}
