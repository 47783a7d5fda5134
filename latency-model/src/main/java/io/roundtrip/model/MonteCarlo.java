package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.LossModel;
import io.roundtrip.model.profile.LossProcess;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Seeded Monte Carlo of a {@link Plan}: a small event simulation of each connection per sample (see
 * {@link LatencyModel} for the rules). Simplifications, documented in docs/model.md: a flight's segments
 * are taken to leave together for the jitter maximum (exact without a bandwidth limit, an upper bound with
 * one); a lost segment in a flight with three later segments costs one more round trip (fast retransmit),
 * otherwise the RTO, and either way the window halves, as the proxy's loss stage does.
 */
final class MonteCarlo {

    /** Times a retransmission may be lost again, doubling the RTO (RFC 6298 §5.5): the proxy's {@code LossToxic}'s. */
    static final int MAX_BACKOFFS = 6;

    /**
     * Simulated messages (requests, responses, handshake exchanges) per prediction, at most: a page of thousands
     * of resources gets fewer samples (never under {@value #MIN_SAMPLES}) rather than minutes of work. The
     * method string reports the samples actually drawn.
     */
    static final long WORK_BUDGET = 30_000_000L;
    static final int MIN_SAMPLES = 2_000;

    private final Plan plan;
    private final RandomGenerator rng;
    private final JitterSampler jitter;
    private final LossModel lossModel;
    private final boolean bernoulli;
    private LossProcess lossUp;
    private LossProcess lossDown;
    private double clientWindow;
    private double serverWindow;
    /** Connections dividing the bandwidth now: 1 during a page's document, the plan's share after it. */
    private int share = 1;
    /** HTTP/2 flow control of the connection being simulated (h2 has one), or null without. */
    private final FlowWindow flow;
    /** Streams of the response being transferred (a h2 page's resources, else 1). */
    private int streams = 1;

    private MonteCarlo(Plan plan, long seed) {
        this.plan = plan;
        this.rng = new MersenneTwister(seed);
        this.jitter = new JitterSampler(plan.profile.jitter(), rng);
        this.lossModel = plan.profile.loss();
        this.bernoulli = !(lossModel instanceof LossModel.GilbertElliott);
        this.lossUp = lossModel.newProcess(rng);
        this.lossDown = lossModel.newProcess(rng);
        this.flow = plan.newFlowWindow();
    }

    static Prediction run(Plan plan, List<Phase> phases, int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("bad samples '" + samples + "': must be > 0");
        }
        long perSample = plan.documentFirst ? 2L + plan.tlsRounds + plan.settingsRounds + 2 : 0;
        for (int resources : plan.resourcesPerConnection) {
            perSample += 2L * resources + plan.tlsRounds + plan.settingsRounds + 2;
        }
        if (plan.flowControlBinds()) {
            // Flow-controlled responses take more flights, each with its WINDOW_UPDATEs: count the critical
            // path's transfer round trips (a flight, its update and possibly a second batch each).
            double transferRtts = phases.stream().filter(ph -> ph.name().equals("transfer")).mapToDouble(Phase::rtts)
                    .sum();
            perSample += 3L * (long) Math.ceil(transferRtts);
        }
        int affordable = (int) Math.max(MIN_SAMPLES, Math.min(Integer.MAX_VALUE, WORK_BUDGET / perSample));
        samples = Math.min(samples, affordable);
        MonteCarlo mc = new MonteCarlo(plan, seed);
        long[] nanos = mc.sample(samples);
        double sum = 0;
        for (long v : nanos) {
            sum += v;
        }
        // The samples are summarized here and dropped: only the 101 quantiles are kept.
        Percentiles.Summary summary = Percentiles.summarizeNanos(nanos);
        return new Prediction(phases, sum / samples / 1e6, summary.percentiles(),
                "monte-carlo (" + samples + " samples, seed " + seed + ")", summary.quantiles());
    }

    /** {@code samples} page or request times, nanoseconds (unsorted). */
    long[] sample(int samples) {
        long[] out = new long[samples];
        for (int s = 0; s < samples; s++) {
            // One lookup for the page, before any connection opens.
            double dns = plan.dns ? exchange(0, plan.synRtoNanos) : 0;
            double start = dns;
            double documentClientWindow = plan.clientWindow;
            double documentServerWindow = plan.serverWindow;
            LossProcess documentUp = lossUp;
            LossProcess documentDown = lossDown;
            if (plan.documentFirst) {
                // The document, alone on connection 0; the parallel part starts when it has arrived.
                share = 1;
                freshConnection();
                documentUp = lossUp;
                documentDown = lossDown;
                streams = 1;
                double t = open(start);
                t = transfer(Direction.UP, plan.kind.requestBytes(), t);
                t += plan.serverNanos;
                start = transfer(Direction.DOWN, plan.documentBytes, t);
                documentClientWindow = clientWindow;
                documentServerWindow = serverWindow;
            }
            share = plan.share;
            streams = plan.streamsPerResponse;
            double worst = start;
            for (int c = 0; c < plan.connections(); c++) {
                double t = start;
                if (plan.opens(c)) {
                    freshConnection();
                    t = open(t);
                } else {
                    lossUp = documentUp;
                    lossDown = documentDown;
                    clientWindow = documentClientWindow;
                    serverWindow = documentServerWindow;
                }
                worst = Math.max(worst, resources(plan.resourcesPerConnection[c], t));
            }
            out[s] = Math.round(worst);
        }
        return out;
    }

    /** A new connection: its own loss chains (Gilbert–Elliott has state), the initial windows, no credit used. */
    private void freshConnection() {
        if (!bernoulli) {
            lossUp = lossModel.newProcess(rng);
            lossDown = lossModel.newProcess(rng);
        }
        clientWindow = plan.clientWindow;
        serverWindow = plan.serverWindow;
        if (flow != null) {
            flow.reset();
        }
    }

    /** Opens a connection at {@code t}: TCP handshake, TLS round trips, the SETTINGS wait, TLS serialization. */
    private double open(double t) {
        if (plan.tcpHandshake) {
            t = exchange(t, plan.synRtoNanos);
        }
        for (int i = 0; i < plan.tlsRounds + plan.settingsRounds; i++) {
            t = exchange(t, plan.rtoNanos);
        }
        return t + plan.tlsSerializationNanos(share);
    }

    /** The resources of one connection, one after another, from {@code t} with the current windows. */
    private double resources(int resources, double t) {
        for (int r = 0; r < resources; r++) {
            t = transfer(Direction.UP, plan.requestBytes, t);
            t += plan.serverNanos;
            t = transfer(Direction.DOWN, plan.responseBytes, t);
        }
        return t;
    }

    /** A one-packet exchange up and back; a loss either way retries after {@code timeout}, doubling (at most 6). */
    private double exchange(double start, double timeout) {
        double attempt = start;
        double backoff = timeout;
        for (int tries = 0; tries <= MAX_BACKOFFS; tries++) {
            if (!lossUp.nextSegmentLost() && !lossDown.nextSegmentLost()) {
                return attempt + delay(Direction.UP) + delay(Direction.DOWN);
            }
            attempt += backoff;
            backoff *= 2;
        }
        return attempt;
    }

    private double delay(Direction direction) {
        double base = plan.delayNanos(direction);
        return jitter.isNone() ? base : Math.max(0, base + jitter.sample());
    }

    private double maxDelay(Direction direction, int segments) {
        double base = plan.delayNanos(direction);
        return jitter.isNone() ? base : Math.max(0, base + jitter.maxOf(segments));
    }

    private double transfer(Direction direction, long bytes, double start) {
        if (flow != null && direction == Direction.DOWN) {
            flow.beginResponse(streams, bytes);
            if (flow.binds(bytes)) {
                return flowControlledTransfer(bytes, start);
            }
            flow.consumeWhole(bytes);
        }
        long segments = plan.segments(bytes);
        double perSegment = plan.serializationNanos(direction, bytes, share) / segments;
        LossProcess loss = direction == Direction.UP ? lossUp : lossDown;
        Direction back = direction.reverse();
        double ssthresh = plan.ssthresh;
        double w = direction == Direction.UP ? clientWindow : serverWindow;
        double t = start;
        double linkFree = start;
        double delivered = start;
        double target = 0;
        long sent = 0;
        while (sent < segments) {
            target += w;
            long allowance = Double.isInfinite(target) ? Long.MAX_VALUE : (long) Math.floor(target + 1e-9) - sent;
            int n = (int) Math.max(1, Math.min(segments - sent, allowance));
            double depart = Math.max(t, linkFree);
            linkFree = depart + n * perSegment;
            double first = Math.max(delivered, depart + perSegment + delay(direction));
            double last = n == 1 ? first : Math.max(first, linkFree + maxDelay(direction, n - 1));
            boolean more = sent + n < segments;
            // Every lost segment of the flight stalls the stream: one RTT after its departure if three later
            // segments of the flight can raise duplicate ACKs (fast retransmit), else the RTO (doubling while the
            // retransmission is lost too); each loss halves the window (at least 2), as the proxy does.
            boolean anyLoss = false;
            int offset = 0;
            while (offset < n) {
                int i = loss.advanceToLoss(n - offset);
                if (i < 0) {
                    break;
                }
                int lostIndex = offset + i;
                anyLoss = true;
                double lostDeparture = depart + (lostIndex + 1) * perSegment;
                last = Math.max(last, recoveredAt(lostDeparture, n - lostIndex - 1, loss, direction));
                w = Math.max(w / 2, 2);
                ssthresh = w;
                offset = lostIndex + 1;
            }
            if (anyLoss) {
                target = sent + n;
                if (more) {
                    t = last + delay(back);
                }
            } else {
                if (n >= allowance) {
                    // Only a flight that filled the window grows it (Linux, the proxy's growIfFull).
                    w = SlowStart.grow(w, plan.gamma, ssthresh);
                }
                if (more) {
                    t = first + delay(back);
                }
            }
            delivered = last;
            sent += n;
        }
        if (direction == Direction.UP) {
            clientWindow = w;
        } else {
            serverWindow = w;
        }
        return delivered;
    }

    /**
     * A response that HTTP/2 flow control delays: as {@link #transfer(Direction, long, double)}, but a flight
     * carries what the server's credit allows when it leaves (waiting for the next WINDOW_UPDATE when there is
     * none), then more whenever an update arrives before the next flight leaves, while the congestion window has
     * room (TCP sends new data at once); a flight the credit cut short does not grow the window. Each batch of a
     * flight ends in a partial segment. The byte that triggers an update arrives no earlier than its batch's first
     * segment and no later than its last (its own draw in between); after a loss in the batch, with the batch's
     * last delivery (bytes are consumed in order). Updates travel up with their own jitter and are not lost (as
     * ACKs are not).
     */
    private double flowControlledTransfer(long bytes, double start) {
        Direction direction = Direction.DOWN;
        Direction back = Direction.UP;
        int mss = plan.mss;
        double perByte = plan.serializationNanos(direction, bytes, share) / bytes;
        double w = serverWindow;
        flowSsthresh = plan.ssthresh;
        double t = start;
        double linkFree = start;
        double delivered = start;
        double target = 0;
        long sentSegments = 0;
        long sent = 0;
        while (sent < bytes) {
            target += w;
            long allowance = Double.isInfinite(target) ? Long.MAX_VALUE
                    : Math.max(1, (long) Math.floor(target + 1e-9) - sentSegments);
            long cwndBytes = allowance > (bytes - sent) / mss ? bytes - sent : allowance * mss;
            double depart = flow.awaitCredit(Math.max(t, linkFree));
            double next = Double.POSITIVE_INFINITY;
            long flight = 0;
            long flightSegments = 0;
            int losses = 0;
            double flightLast = delivered;
            while (flight < cwndBytes && (flight == 0 || flow.creditTime() < next)) {
                double at = flight == 0 ? depart : flow.awaitCredit(Math.max(flow.creditTime(), linkFree));
                if (flight > 0 && at >= next) {
                    break;
                }
                long n = Math.min(cwndBytes - flight, flow.credit());
                int segments = (int) ((n + mss - 1) / mss);
                flow.send(n);
                linkFree = at + n * perByte;
                double first = Math.max(flightLast, at + Math.min(mss, n) * perByte + delay(direction));
                double last = segments == 1 ? first : Math.max(first, linkFree + maxDelay(direction, segments - 1));
                if (flight == 0) {
                    next = first + delay(back);
                }
                int lost = lossesIn(segments, n, at, perByte);
                if (lost > 0) {
                    last = Math.max(last, recovered);
                    losses += lost;
                }
                double batchFirst = first;
                double batchLast = last;
                boolean lossy = lost > 0;
                flow.consume(n, byteOffset -> {
                    double arrival = batchLast;
                    if (!lossy) {
                        long segment = (byteOffset + mss - 1) / mss;
                        double own = at + Math.min(n, segment * mss) * perByte + delay(direction);
                        arrival = Math.min(batchLast, Math.max(batchFirst, own));
                    }
                    return arrival + delay(back);
                });
                flightLast = last;
                flight += n;
                flightSegments += segments;
            }
            for (int i = 0; i < losses; i++) {
                w = Math.max(w / 2, 2);
                flowSsthresh = w;
            }
            if (losses > 0 || flight < cwndBytes) {
                target = sentSegments + flightSegments;
            } else if ((cwndBytes + mss - 1) / mss >= allowance) {
                w = SlowStart.grow(w, plan.gamma, flowSsthresh);
            }
            sent += flight;
            sentSegments += flightSegments;
            if (sent < bytes) {
                t = losses > 0 ? flightLast + delay(back) : next;
            }
            delivered = flightLast;
        }
        flow.finishResponse();
        serverWindow = w;
        return delivered;
    }

    /** Set by {@link #lossesIn}: when the last lost segment of the batch has been recovered. */
    private double recovered;
    /** The slow-start threshold of the flow-controlled transfer in progress. */
    private double flowSsthresh;

    /**
     * The losses among a batch of {@code segments} segments ({@code bytes}) leaving back to back from
     * {@code depart}: as in {@link #transfer(Direction, long, double)}, fast retransmit with three later segments,
     * else the RTO (doubling while the retransmission is lost). Returns how many; {@link #recovered} is when the
     * stream has them all.
     */
    private int lossesIn(int segments, long bytes, double depart, double perByte) {
        int lost = 0;
        recovered = Double.NEGATIVE_INFINITY;
        int offset = 0;
        while (offset < segments) {
            int i = lossDown.advanceToLoss(segments - offset);
            if (i < 0) {
                break;
            }
            int lostIndex = offset + i;
            lost++;
            double lostDeparture = depart + Math.min(bytes, (lostIndex + 1L) * plan.mss) * perByte;
            recovered = Math.max(recovered, recoveredAt(lostDeparture, segments - lostIndex - 1, lossDown,
                    Direction.DOWN));
            offset = lostIndex + 1;
        }
        return lost;
    }

    /**
     * When a segment that left at {@code lostDeparture} and was lost arrives: one RTT after its departure if
     * {@code laterInFlight} ≥ 3 segments behind it raise duplicate ACKs (fast retransmit, RFC 5681 §3.2), else after
     * the RTO, doubling while the retransmission is lost too (RFC 6298 §5.5); then the one-way delay.
     */
    private double recoveredAt(double lostDeparture, int laterInFlight, LossProcess loss, Direction direction) {
        if (laterInFlight >= 3) {
            return lostDeparture + plan.rttNanos + delay(direction);
        }
        double backoff = plan.rtoNanos;
        double at = lostDeparture + backoff;
        for (int lostAgain = 0; lostAgain < MAX_BACKOFFS && loss.nextSegmentLost(); lostAgain++) {
            backoff *= 2;
            at += backoff;
        }
        return at + delay(direction);
    }
}
