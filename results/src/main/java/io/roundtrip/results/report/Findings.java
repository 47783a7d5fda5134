package io.roundtrip.results.report;

import static io.roundtrip.results.report.Finding.pointer;

import io.roundtrip.results.report.Finding.Sentence;
import io.roundtrip.results.report.Finding.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's findings: three to seven sentences generated from its numbers, each quoting its figures with the
 * {@code summary.json} field they come from. In order: which strategy wins each measured workload (at most
 * {@value #MAX_WORKLOAD_SENTENCES}); how well measured agrees with predicted; what the tail adds; what the model
 * says a strategy would save on a long path; the user's own requests' network cost; the capacity advice.
 */
final class Findings {

    static final int MAX_WORKLOAD_SENTENCES = 2;
    static final int MAX_FINDINGS = 7;
    /** Below this many round trips two strategies are said to tie. */
    static final double TIE_RTTS = 0.05;

    private Findings() {}

    static List<Finding> of(Report report) {
        List<Finding> others = new ArrayList<>();
        agreement(report).ifPresent(others::add);
        tail(report).ifPresent(others::add);
        whatIf(report).ifPresent(others::add);
        ownRequests(report).ifPresent(others::add);
        capacity(report).ifPresent(others::add);
        usl(report).ifPresent(others::add);
        // Winners first, as many as leave room for the others (at least one).
        int room = Math.max(1, Math.min(MAX_WORKLOAD_SENTENCES, MAX_FINDINGS - others.size()));
        List<Finding> findings = new ArrayList<>(winners(report).stream().limit(room).toList());
        findings.addAll(others);
        return List.copyOf(findings.subList(0, Math.min(MAX_FINDINGS, findings.size())));
    }

    /** Per workload (most requests first): the fastest strategy and how far ahead it is of the others. */
    static List<Finding> winners(Report report) {
        List<Integer> order = new ArrayList<>();
        for (int w = 0; w < report.workloads().size(); w++) {
            order.add(w);
        }
        order.sort(Comparator.comparingLong((Integer w) -> report.workloads().get(w).requests()).reversed());
        List<Finding> out = new ArrayList<>();
        for (int w : order) {
            Workloads.Workload workload = report.workloads().get(w);
            Workloads.Entry best = workload.fastest();
            boolean rtt = !Double.isNaN(workload.profile().rttMillis());
            Sentence s = new Sentence("winner").text("On " + workload.profile().name());
            if (rtt) {
                s.text(" (RTT ").figure("rtt", workload.profile().rttMillis(), Unit.MILLIS, pointer("workloads", w, "rtt_ms"))
                        .text(")");
            }
            s.text(", for " + workload.words() + ", " + best.strategyWords() + " (" + best.result().name()
                    + ") is fastest at p50 ").figure("fastest_p50", best.p50Millis(), Unit.MILLIS,
                            pointer("workloads", w, "ranking", 0, "p50_ms")).text(": ");
            List<Workloads.Entry> others = workload.ranking().subList(1, workload.ranking().size());
            // The runner-up and, with three or more, the slowest.
            List<Integer> quoted = others.size() > 1 ? List.of(1, others.size()) : List.of(1);
            for (int i = 0; i < quoted.size(); i++) {
                int k = quoted.get(i);
                Workloads.Entry other = workload.ranking().get(k);
                s.text(i == 0 ? "" : " and ");
                s.figure("behind_ms_" + k, other.behindMillis(), Unit.MILLIS, pointer("workloads", w, "ranking", k, "behind_fastest_ms"));
                if (rtt) {
                    s.text(" (").figure("behind_rtts_" + k, other.behindRtts(), Unit.RTTS,
                            pointer("workloads", w, "ranking", k, "behind_fastest_rtts")).text(")");
                }
                s.text(" ahead of " + other.strategyWords() + (k == workload.ranking().size() - 1 && k > 1 ? ", the slowest" : ""));
            }
            out.add(s.text(".").done());
        }
        return out;
    }

    /** How many judged scenarios agree with the model, and the worst one that does not (or the largest error). */
    static Optional<Finding> agreement(Report report) {
        List<ScenarioResult> results = report.results();
        long judged = results.stream().filter(Findings::judged).count();
        if (judged == 0) {
            return Optional.empty();
        }
        long within = results.stream().filter(r -> judged(r) && r.verdict() == Verdict.WITHIN_TOLERANCE).count();
        int worst = -1;
        for (int i = 0; i < results.size(); i++) {
            if (judged(results.get(i)) && (worst < 0 || offBy(results.get(i)) > offBy(results.get(worst)))) {
                worst = i;
            }
        }
        ScenarioResult r = results.get(worst);
        ScenarioResult.Row p50 = r.rows().get("p50");
        long network = results.stream().filter(x -> judged(x) && x.judgedAgainstHostCost()).count();
        Sentence s = new Sentence("agreement").text("Measured agrees with predicted within tolerance for ")
                .figure("within_tolerance", within, Unit.COUNT, pointer("verdicts", "judged_within_tolerance")).text(" of ")
                .figure("judged", judged, Unit.COUNT, pointer("verdicts", "judged")).text(" judged scenarios");
        // Say which comparison: the whole measured latency, or the network's part (measured − the host cost).
        s.text(network == 0 ? " (measured latency vs the model)"
                : network == judged ? " (network against network: measured − host cost vs the model)"
                : " (" + network + " network against network, measured − host cost vs the model; the others measured"
                        + " latency vs the model)");
        s.text(within == judged ? "; the largest p50 error is on " + r.name() + ": " : "; " + r.name() + " is off, " + r.verdict().label() + ": ");
        s.text("p50 measured ").figure("measured_p50", p50.measuredMillis(), Unit.MILLIS, pointer("scenarios", worst, "measured_ms", "p50"));
        if (r.judgedAgainstHostCost()) {
            s.text(" − host cost ").figure("host_cost_p50", r.hostCostMillis(), Unit.MILLIS,
                            pointer("scenarios", worst, "host_cost_ms"))
                    .text(" = network ").figure("network_p50", p50.comparedMillis(), Unit.MILLIS,
                            pointer("scenarios", worst, "network_ms", "p50"));
        }
        s.text(" vs predicted ").figure("predicted_p50", p50.predictedMillis(), Unit.MILLIS, pointer("scenarios", worst, "predicted_ms", "p50"))
                .text(" (").figure("error_pct", p50.errorPercent(), Unit.PERCENT, pointer("scenarios", worst, "error_pct", "p50"));
        if (!Double.isNaN(p50.errorRtts())) {
            s.text(", ").figure("error_rtts", p50.errorRtts(), Unit.SIGNED_RTTS, pointer("scenarios", worst, "error_rtts", "p50"));
        }
        s.text(")");
        if (!r.reason().isBlank()) {
            s.text(": " + r.reason());
        }
        return Optional.of(s.text(".").done());
    }

    static boolean judged(ScenarioResult r) {
        return crossesThePath(r) && (r.verdict() == Verdict.WITHIN_TOLERANCE || r.verdict() == Verdict.MODEL_OPTIMISTIC
                || r.verdict() == Verdict.MODEL_PESSIMISTIC);
    }

    /**
     * Whether the scenario's requests crossed an emulated path: a prediction of zero is a noise floor (the harness
     * through a path with nothing injected), which says what the harness costs, not how well the model predicts.
     */
    static boolean crossesThePath(ScenarioResult r) {
        return !(r.rows().get("p50").predictedMillis() == 0);
    }

    private static double offBy(ScenarioResult r) {
        ScenarioResult.Row p50 = r.rows().get("p50");
        double off = Math.abs(p50.comparedMillis() - p50.predictedMillis()) / p50.allowanceMillis();
        return Double.isNaN(off) ? -1 : off;
    }

    /** The heaviest tail (p99 − p50) among scenarios with enough requests to trust their p99, and the lightest. */
    static Optional<Finding> tail(Report report) {
        List<ScenarioResult> results = report.results();
        int heaviest = -1;
        int lightest = -1;
        for (int i = 0; i < results.size(); i++) {
            ScenarioResult r = results.get(i);
            if (!Tolerance.judges("p99", r.latencies().okCount()) || Double.isNaN(r.tailMillis())) {
                continue;
            }
            if (heaviest < 0 || r.tailMillis() > results.get(heaviest).tailMillis()) {
                heaviest = i;
            }
            if (lightest < 0 || r.tailMillis() < results.get(lightest).tailMillis()) {
                lightest = i;
            }
        }
        if (heaviest < 0) {
            return Optional.empty();
        }
        ScenarioResult h = results.get(heaviest);
        Sentence s = new Sentence("tail").text("The tail adds most on " + h.name() + ": p99 is ")
                .figure("tail_ms", h.tailMillis(), Unit.MILLIS, pointer("scenarios", heaviest, "tail_ms"));
        if (!Double.isNaN(h.profile().rttMillis())) {
            s.text(" (").figure("tail_rtts", h.tailMillis() / h.profile().rttMillis(), Unit.RTTS,
                    pointer("scenarios", heaviest, "tail_rtts")).text(")");
        }
        s.text(" above p50");
        if (lightest != heaviest) {
            ScenarioResult l = results.get(lightest);
            s.text("; least on " + l.name() + ": ").figure("lightest_tail_ms", l.tailMillis(), Unit.MILLIS,
                    pointer("scenarios", lightest, "tail_ms"));
        }
        return Optional.of(s.text(".").done());
    }

    /** On the savings preset, for the workload measured most: what keep-alive and HTTP/2 save, by the model. */
    static Optional<Finding> whatIf(Report report) {
        for (int w = 0; w < report.strategyWhatIf().size(); w++) {
            StrategyWhatIf.Workload workload = report.strategyWhatIf().get(w);
            if (workload.savings().isEmpty()) {
                continue;
            }
            StrategyWhatIf.Savings v = workload.savings().get();
            String at = pointer("what_if_strategies", w, "savings");
            Sentence s = new Sentence("what-if").text("At ").figure("rtt", v.rttMillis(), Unit.MILLIS, at + "/rtt_ms")
                    .text(" RTT (" + v.preset() + "), the model says, for " + workload.words() + ": ");
            // Each comparison is told in the direction that saves, quoting the summary's field of that direction.
            boolean keepAliveWins = v.keepAliveOverFreshMillis() >= 0;
            s.text(keepAliveWins ? "keeping HTTP/1.1 connections alive saves " : "fresh HTTP/1.1 connections save ")
                    .figure("connection_saves_ms", Math.abs(v.keepAliveOverFreshMillis()), Unit.MILLIS,
                            at + (keepAliveWins ? "/keepalive_over_fresh_ms" : "/fresh_over_keepalive_ms"))
                    .text(" (").figure("connection_saves_rtts", Math.abs(v.keepAliveOverFreshRtts()), Unit.RTTS,
                            at + (keepAliveWins ? "/keepalive_over_fresh_rtts" : "/fresh_over_keepalive_rtts"))
                    .text(keepAliveWins ? ") per request over fresh ones; " : ") per request over kept-alive ones; ");
            if (Math.abs(v.h2OverH1Rtts()) < TIE_RTTS) {
                s.text("HTTP/2 and HTTP/1.1 differ by less than " + Unit.RTTS.print(TIE_RTTS) + " on fresh connections.");
            } else {
                boolean h2Wins = v.h2OverH1Millis() > 0;
                s.text(h2Wins ? "HTTP/2 instead of HTTP/1.1 saves " : "HTTP/1.1 instead of HTTP/2 saves ")
                        .figure("protocol_saves_ms", Math.abs(v.h2OverH1Millis()), Unit.MILLIS,
                                at + (h2Wins ? "/h2_over_h1_fresh_ms" : "/h1_over_h2_fresh_ms"))
                        .text(" (").figure("protocol_saves_rtts", Math.abs(v.h2OverH1Rtts()), Unit.RTTS,
                                at + (h2Wins ? "/h2_over_h1_fresh_rtts" : "/h1_over_h2_fresh_rtts"))
                        .text(") on fresh connections.");
            }
            return Optional.of(s.done());
        }
        return Optional.empty();
    }

    /** The user's own requests: the one with the largest network cost, against the model. */
    static Optional<Finding> ownRequests(Report report) {
        int largest = -1;
        List<OwnRequests.Row> rows = report.ownRequests();
        for (int k = 0; k < rows.size(); k++) {
            OwnRequests.Row row = rows.get(k);
            if (!row.isGroup() && !Double.isNaN(row.networkCostMillis())
                    && (largest < 0 || row.networkCostMillis() > rows.get(largest).networkCostMillis())) {
                largest = k;
            }
        }
        if (largest < 0) {
            return Optional.empty();
        }
        OwnRequests.Row row = rows.get(largest);
        Sentence s = new Sentence("own-requests").text("Of your requests, " + row.result().name() + " ("
                + row.result().inWords() + ") pays the most network: ")
                .figure("network_cost", row.networkCostMillis(), Unit.MILLIS, pointer("own_requests", largest, "network_cost_ms"))
                .text(" at p50 over its zero-latency baseline of ")
                .figure("baseline", row.baselineP50Millis(), Unit.MILLIS, pointer("own_requests", largest, "baseline_p50_ms"));
        if (!Double.isNaN(row.predictedNetworkMillis())) {
            s.text(", against ").figure("predicted", row.predictedNetworkMillis(), Unit.MILLIS,
                    pointer("own_requests", largest, "network_prediction_ms")).text(" predicted (")
                    .figure("error_pct", row.errorPercent(), Unit.PERCENT, pointer("own_requests", largest, "network_error_pct"));
            if (!Double.isNaN(row.errorRtts())) {
                s.text(", ").figure("error_rtts", row.errorRtts(), Unit.SIGNED_RTTS, pointer("own_requests", largest, "network_error_rtts"));
            }
            s.text(")");
        }
        return Optional.of(s.text(".").done());
    }

    /** The busiest scenario's load, its busy connections (Little) and the pool for ≤ 1 % waiting (Erlang C). */
    static Optional<Finding> capacity(Report report) {
        List<ScenarioResult> results = report.results();
        int busiest = -1;
        for (int i = 0; i < results.size(); i++) {
            ScenarioResult r = results.get(i);
            if (r.poolSize().isPresent() && crossesThePath(r)
                    && (busiest < 0 || r.throughputPerSecond() > results.get(busiest).throughputPerSecond())) {
                busiest = i;
            }
        }
        if (busiest < 0) {
            return Optional.empty();
        }
        ScenarioResult r = results.get(busiest);
        return Optional.of(new Sentence("capacity").text("At its measured ")
                .figure("throughput", r.throughputPerSecond(), Unit.REQUESTS_PER_SECOND, pointer("scenarios", busiest, "throughput_rps"))
                .text(", " + r.name() + " keeps ")
                .figure("busy", r.busyConnections(), Unit.CONNECTIONS, pointer("scenarios", busiest, "capacity", "busy_connections"))
                .text(" busy (Little's law); a pool of ")
                .figure("pool", r.poolSize().getAsDouble(), Unit.COUNT, pointer("scenarios", busiest, "capacity", "pool_size_1pct_wait"))
                .text(String.format(Locale.ROOT, " connections keeps the chance of waiting for one at %.0f %% (Erlang C).",
                        100 * ScenarioResult.POOL_WAIT_TARGET))
                .done());
    }

    /** The first concurrency sweep's USL peak. */
    static Optional<Finding> usl(Report report) {
        for (int j = 0; j < report.sweeps().size(); j++) {
            Report.SweepFit fit = report.sweeps().get(j);
            if (!Double.isFinite(fit.usl().maxConcurrency())) {
                continue;
            }
            return Optional.of(new Sentence("usl").text("The concurrency sweep (" + fit.runId() + ") peaks at N_max = ")
                    .figure("n_max", Math.floor(fit.usl().maxConcurrency()), Unit.COUNT, pointer("capacity", "usl", j, "n_max"))
                    .text(" concurrent requests and X_max = ")
                    .figure("x_max", fit.usl().maxThroughput(), Unit.REQUESTS_PER_SECOND, pointer("capacity", "usl", j, "x_max"))
                    .text(" (Universal Scalability Law): beyond N_max, more concurrency lowers throughput.")
                    .done());
        }
        return Optional.empty();
    }
}
