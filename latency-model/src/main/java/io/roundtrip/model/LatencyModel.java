package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.tcp.SenderWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts what a request costs on a network profile, phase by phase, and the distribution of its latency.
 *
 * <h2>Accounting (analytic, exact for the model's assumptions)</h2>
 * <ul>
 * <li>{@code dns}: one round trip on a cache miss (the reference text: "DNS lookups cost an RTT on cache
 *     miss").</li>
 * <li>{@code tcp_handshake}: 1 RTT on a fresh connection when the profile emulates the handshake (SYN, SYN-ACK;
 *     the ACK travels with the first request).</li>
 * <li>{@code tls_handshake}: TLS 1.2 two round trips, TLS 1.3 one, TLS 1.3 resumed one (PSK, no 0-RTT data: what
 *     Java clients do), plus the flights' serialization (512 B per client flight, 4 KiB server flight with the
 *     certificate, 512 B when resumed); plus, with {@link RequestKind#h2WaitsForServerSettings()}, the round
 *     trip a fresh h2 connection over TLS 1.3 waits for the server's SETTINGS
 *     ({@link RequestKind#settingsWaitRoundTrips()}).</li>
 * <li>{@code request}: the one-way trip up (more flights if the body outgrows the client's window).</li>
 * <li>{@code server}: the server time.</li>
 * <li>{@code transfer}: the response in flights of the server's congestion window ({@link SenderWindow}, the
 *     rules the proxy shares: ×γ per full flight from initcwnd up to ssthresh, Linux's cwnd-limited growth, CUBIC
 *     above; {@link SlowStart} for the closed form), the last flight's one-way trip, and serialization at the
 *     bandwidth; a flight waits for the link if the previous one still occupies it. Fresh and idle connections
 *     (with slow-start-after-idle) start from initcwnd; a kept-alive connection starts from the windows one
 *     earlier exchange of the same kind left (connection state carries across requests, as in Linux). On h2 with {@link RequestKind#h2ReceiveWindowBytes()} the server's bytes in flight
 *     are also capped by the client's flow-control window (RFC 9113 §5.2, §6.9), credit returned in WINDOW_UPDATE
 *     frames every half window as Netty's local flow controller does, each half a round trip on its way
 *     ({@link FlowWindow}); the waits are part of this phase.</li>
 * <li>{@code loss_recovery}: the expected extra time loss costs: for each data transfer the
 *     Cardwell–Savage–Anderson E[T_ss] + E[T_loss] + E[T_ca] at the loss rate minus the same at zero loss
 *     ({@link ShortFlow}, with PFTK's steady state for what follows slow start); for the handshakes (and a DNS
 *     miss), CSA's E[T_h] − RTT with the SYN timeout, and with the RTO for each TLS round trip. T0 is
 *     {@link NetworkProfile#retransmissionTimeout()}.</li>
 * <li>{@code queueing}: on an HTTP/1.1 page load, the time the last resource of the busiest connection waits
 *     for the ones before it on that connection. Page loads are timed by that connection (the critical path);
 *     k concurrent connections share the bandwidth evenly, each pays its own handshakes and slow start, and a
 *     connection's window carries over from one resource to the next. HTTP/2 sends all requests at once on one
 *     connection and the responses share one window. With {@link RequestKind#documentBytes()} the document
 *     comes first on connection 1 (its handshakes, request, server time and transfer are added to those phases);
 *     then HTTP/1.1 spreads the resources over connection 1 (no handshakes, its window grown by the document)
 *     and up to k − 1 new connections, each taking the next resource when it is free, and the critical
 *     connection is the one that finishes last (its handshakes are counted if it is a new one); HTTP/2
 *     multiplexes them on connection 1.</li>
 * </ul>
 *
 * <h2>Distribution</h2>
 * Exact when the path is deterministic (no jitter, no loss): a point. Exact by convolution
 * ({@link ExactDistribution}) when there is jitter but no loss, no bandwidth limit, the jitter is not Pareto and
 * every message fits in one flight. Otherwise seeded Monte Carlo
 * ({@link MonteCarlo}): per sample, every one-way trip draws its jitter, a flight is delivered when its last
 * segment is (the maximum of its segments' delays, by the no-reordering rule, drawn as one inverse-CDF sample),
 * the next flight leaves when the first segment's ACK returns, and the loss process decides segment by segment
 * (a lost handshake packet costs the SYN timeout or the RTO, doubling; a lost data segment is sent again when
 * {@link io.roundtrip.model.tcp.LossRecovery} detects it — SACK, RACK, the tail probe or the RTO — and the
 * window is reduced once per flight, as in the proxy).
 */
public final class LatencyModel {

    /** Monte Carlo samples per prediction. */
    public static final int DEFAULT_SAMPLES = 100_000;
    /** Monte Carlo seed: predictions are reproducible. */
    public static final long DEFAULT_SEED = 1;

    private LatencyModel() {}

    /** Predicts with {@link #DEFAULT_SAMPLES} samples and {@link #DEFAULT_SEED} where sampling is needed. */
    public static Prediction predict(NetworkProfile profile, RequestKind kind) {
        return predict(profile, kind, DEFAULT_SAMPLES, DEFAULT_SEED);
    }

    /** Predicts; {@code samples} and {@code seed} are used only when the distribution needs Monte Carlo. */
    public static Prediction predict(NetworkProfile profile, RequestKind kind, int samples, long seed) {
        Plan plan = new Plan(profile, kind);
        List<Phase> phases = phases(plan);
        if (profile.jitter().isNone() && profile.loss().isNone()) {
            double total = phases.stream().mapToDouble(Phase::ms).sum();
            return new Prediction(phases, total, Percentiles.constant(total), "exact", Quantile.constant(total));
        }
        Prediction exact = ExactDistribution.of(plan, phases);
        return exact != null ? exact : MonteCarlo.run(plan, phases, samples, seed);
    }

    /** The analytic accounting only (no distribution). */
    public static List<Phase> phases(NetworkProfile profile, RequestKind kind) {
        return phases(new Plan(profile, kind));
    }

    static List<Phase> phases(Plan plan) {
        NetworkProfile profile = plan.profile;
        double rtt = plan.rttNanos;
        double p = profile.lossRate();
        double rttMs = rtt / 1e6;
        double upShare = rtt > 0 ? plan.upNanos / rtt : 0.5;
        double downShare = rtt > 0 ? plan.downNanos / rtt : 0.5;
        List<Phase> phases = new ArrayList<>();

        // Connections opened on the critical path: the document's, and the critical connection of the parallel
        // part unless it is the document's, reused.
        int critical = plan.critical;
        int openings = (plan.documentFirst ? 1 : 0) + (plan.opens(critical) ? 1 : 0);
        double tlsSerialization = (plan.documentFirst ? plan.tlsSerializationNanos(1) : 0)
                + (plan.opens(critical) ? plan.tlsSerializationNanos(plan.share) : 0);
        int tcpRounds = plan.tcpHandshake ? openings : 0;
        int tlsRounds = (plan.tlsRounds + plan.settingsRounds) * openings;
        phases.add(new Phase("dns", plan.dns ? 1 : 0, plan.dns ? rttMs : 0));
        phases.add(new Phase("tcp_handshake", tcpRounds, tcpRounds * rttMs));
        phases.add(new Phase("tls_handshake", tlsRounds, (tlsRounds * rtt + tlsSerialization) / 1e6));

        double requestRtts = 0;
        double requestNanos = 0;
        double serverNanos = 0;
        double transferRtts = 0;
        double transferNanos = 0;
        double queueing = 0;
        double lossExtra = 0;
        SenderWindow clientWindow = plan.clientWindow();
        SenderWindow serverWindow = plan.serverWindow();
        // HTTP/2 flow control of the critical connection (null without): the document's connection carries it on.
        FlowWindow flow = plan.newFlowWindow();
        if (plan.documentFirst) {
            // The document: first, alone on connection 0.
            double clientBefore = clientWindow.segments();
            double serverBefore = serverWindow.segments();
            double[] up = plan.transfer(Direction.UP, plan.kind.requestBytes(), clientWindow, 1);
            double[] down = plan.transfer(Direction.DOWN, plan.documentBytes, serverWindow, 1, flow, 1);
            requestRtts += up[0] - 1 + upShare;
            requestNanos += up[1];
            serverNanos += plan.serverNanos;
            transferRtts += down[0] - 1 + downShare;
            transferNanos += down[1];
            if (p > 0) {
                lossExtra += dataLossExtra(plan, plan.segments(plan.kind.requestBytes()), clientBefore)
                        + dataLossExtra(plan, plan.segments(plan.documentBytes), serverBefore);
            }
            if (plan.opens(critical)) {
                clientWindow = plan.clientWindow();
                serverWindow = plan.serverWindow();
                if (flow != null) {
                    flow.reset();
                }
            }
        }

        // The critical connection's resources: the last one's exchange in request/server/transfer, the ones
        // before it in queueing.
        int resources = plan.resourcesPerConnection[critical];
        for (int i = 0; i < resources; i++) {
            double clientBefore = clientWindow.segments();
            double serverBefore = serverWindow.segments();
            double[] request = plan.transfer(Direction.UP, plan.requestBytes, clientWindow);
            double[] response = plan.transfer(Direction.DOWN, plan.responseBytes, serverWindow, plan.share, flow,
                    plan.streamsPerResponse);
            if (p > 0) {
                lossExtra += dataLossExtra(plan, plan.segments(plan.requestBytes), clientBefore)
                        + dataLossExtra(plan, plan.segments(plan.responseBytes), serverBefore);
            }
            if (i < resources - 1) {
                queueing += request[1] + plan.serverNanos + response[1];
            } else {
                requestRtts += request[0] - 1 + upShare;
                requestNanos += request[1];
                serverNanos += plan.serverNanos;
                transferRtts += response[0] - 1 + downShare;
                transferNanos += response[1];
            }
        }
        phases.add(new Phase("request", requestRtts, requestNanos / 1e6));
        phases.add(new Phase("server", 0, serverNanos / 1e6));
        phases.add(new Phase("transfer", transferRtts, transferNanos / 1e6));

        if (p > 0) {
            double synRto = plan.synRtoNanos;
            double rto = plan.rtoNanos;
            if (plan.dns) {
                lossExtra += ShortFlow.handshake(rtt, p, synRto) - rtt;
            }
            lossExtra += tcpRounds * (ShortFlow.handshake(rtt, p, synRto) - rtt);
            lossExtra += tlsRounds * (ShortFlow.handshake(rtt, p, rto) - rtt);
        }
        phases.add(new Phase("loss_recovery", rtt > 0 ? lossExtra / rtt : 0, lossExtra / 1e6));
        phases.add(new Phase("queueing", rtt > 0 ? queueing / rtt : 0, queueing / 1e6));
        return phases;
    }

    /**
     * CSA's expected transfer time at the profile's loss rate minus the same at zero loss, for d segments from
     * window w1 (capped at d: an open window sends everything in one flight). Nanoseconds, never negative.
     */
    static double dataLossExtra(Plan plan, long segments, double window) {
        double p = plan.profile.lossRate();
        double w1 = Math.min(window, segments);
        double rtt = plan.rttNanos;
        double t0 = plan.rtoNanos;
        double lossy = ShortFlow.transfer(segments, p, rtt, t0, w1, plan.gamma);
        double clean = ShortFlow.transfer(segments, 0, rtt, t0, w1, plan.gamma);
        double extra = lossy - clean;
        return Double.isFinite(extra) ? Math.max(0, extra) : 0;
    }
}
