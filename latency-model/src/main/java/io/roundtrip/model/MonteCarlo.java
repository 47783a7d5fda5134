package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.LossModel;
import io.roundtrip.model.profile.LossProcess;
import io.roundtrip.model.tcp.LossRecovery;
import io.roundtrip.model.tcp.SenderWindow;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Seeded Monte Carlo of a {@link Plan}: a small event simulation of each connection per sample (see
 * {@link LatencyModel} for the rules). Each connection's windows are {@link SenderWindow}s and a lost segment is
 * sent again when {@link LossRecovery} says, the rules the proxy's stages share; the ACK clock goes on through a
 * fast recovery (new data leaves with the reduced window while the hole is repaired) and stops for a timeout. A
 * flight's segments are taken to leave together for the jitter maximum (exact without a bandwidth limit, an upper
 * bound with one). Documented in docs/model.md.
 */
final class MonteCarlo {

    /** Times a retransmission may be lost again, doubling the RTO (RFC 6298 §5.5): the proxy's too. */
    static final int MAX_BACKOFFS = LossRecovery.MAX_BACKOFFS;

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
    private SenderWindow clientWindow;
    private SenderWindow serverWindow;
    /** Connections dividing the bandwidth now: 1 during a page's document, the plan's share after it. */
    private int share = 1;
    /** HTTP/2 flow control of the connection being simulated (h2 has one), or null without. */
    private final FlowWindow flow;
    /** The drawn path: jitter per one-way trip, the connection's loss processes, repairs as Linux makes them. */
    private final MessageFlights.Path path = new MessageFlights.Path() {
        @Override
        public double delay(Direction direction) {
            return MonteCarlo.this.delay(direction);
        }

        @Override
        public double maxDelay(Direction direction, int n) {
            return MonteCarlo.this.maxDelay(direction, n);
        }

        @Override
        public int advanceToLoss(Direction direction, int n) {
            return (direction == Direction.UP ? lossUp : lossDown).advanceToLoss(n);
        }

        @Override
        public MessageFlights.Repair repair(double lostDeparture, int laterInFlight, boolean more,
                int flightSegments, Direction direction) {
            return recoveredAt(lostDeparture, laterInFlight, more, flightSegments, direction);
        }
    };
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
            SenderWindow documentClientWindow = null;
            SenderWindow documentServerWindow = null;
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

    /**
     * A new connection: its own loss chains (Gilbert–Elliott has state), no credit used, the initial windows; a
     * kept-alive one (or an idle one without slow-start-after-idle) first carries an untimed exchange of the same
     * kind, drawn with its own losses, and starts from the windows that left.
     */
    private void freshConnection() {
        if (!bernoulli) {
            lossUp = lossModel.newProcess(rng);
            lossDown = lossModel.newProcess(rng);
        }
        clientWindow = plan.initialWindow();
        serverWindow = plan.initialWindow();
        if (plan.kind.connection() != RequestKind.Connection.FRESH) {
            int streamsNow = streams;
            streams = 1;
            transferPlain(Direction.UP, plan.requestBytes, 0);
            transferPlain(Direction.DOWN, plan.responseBytes, 0);
            streams = streamsNow;
            if (plan.kind.connection() == RequestKind.Connection.IDLE && plan.profile.slowStartAfterIdle()) {
                clientWindow.restartAfterIdle();
                serverWindow.restartAfterIdle();
            }
        }
        if (flow != null) {
            flow.reset();
        }
    }

    /** Opens a connection at {@code t}: TCP handshake, TLS round trips, the SETTINGS wait, TLS serialization. */
    private double open(double t) {
        if (plan.tcpHandshake) {
            t = synExchange(t);
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

    /**
     * The TCP handshake: SYN up, SYN-ACK down; a loss either way waits Linux's SYN timeout
     * ({@link LossRecovery#synTimeoutNanos}: 1 s, linear for the first retries), at most {@value #MAX_BACKOFFS} times.
     */
    private double synExchange(double start) {
        double attempt = start;
        for (int timeouts = 0; timeouts <= MAX_BACKOFFS; timeouts++) {
            if (!lossUp.nextSegmentLost() && !lossDown.nextSegmentLost()) {
                return attempt + delay(Direction.UP) + delay(Direction.DOWN);
            }
            attempt += LossRecovery.synTimeoutNanos(timeouts + 1, plan.synRtoNanos);
        }
        return attempt;
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
        return transferPlain(direction, bytes, start);
    }

    /** A message of {@code bytes} from {@code start} on the drawn path ({@link MessageFlights}). */
    private double transferPlain(Direction direction, long bytes, double start) {
        SenderWindow window = direction == Direction.UP ? clientWindow : serverWindow;
        return MessageFlights.send(plan, path, direction, bytes, share, window, start).deliveredNanos();
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
        SenderWindow window = serverWindow;
        double t = start;
        double linkFree = start;
        double delivered = start;
        double target = 0;
        long sentSegments = 0;
        long sent = 0;
        while (sent < bytes) {
            target += window.segments();
            long allowance = Double.isInfinite(target) ? Long.MAX_VALUE
                    : Math.max(1, (long) Math.floor(target + 1e-9) - sentSegments);
            long cwndBytes = allowance > (bytes - sent) / mss ? bytes - sent : allowance * mss;
            double depart = flow.awaitCredit(Math.max(t, linkFree));
            double next = Double.POSITIVE_INFINITY;
            boolean moreAfterFlight = sent + cwndBytes < bytes;
            timedOut = false;
            long flight = 0;
            long flightSegments = 0;
            int losses = 0;
            int firstLost = -1;
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
                double firstArrival = at + Math.min(mss, n) * perByte + delay(direction);
                double first = Math.max(flightLast, firstArrival);
                double last = segments == 1 ? first : Math.max(first, linkFree + maxDelay(direction, segments - 1));
                if (flight == 0) {
                    next = firstArrival + delay(back);
                }
                int lost = lossesIn(segments, n, at, perByte, moreAfterFlight || flight + n < cwndBytes);
                if (lost > 0) {
                    if (firstLost < 0) {
                        firstLost = (int) flightSegments + firstLostInBatch;
                    }
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
            if (losses > 0 || flight < cwndBytes) {
                target = sentSegments + flightSegments;
            }
            if (losses > 0 && timedOut) {
                window.timedOut();
                next = flightLast + delay(back);
            } else if (losses > 0) {
                window.lost(SenderWindow.deliveredBeforeDetection(firstLost, (int) flightSegments));
            } else {
                window.acked(flightSegments, flight >= cwndBytes && (cwndBytes + mss - 1) / mss >= allowance, next,
                        plan.rttNanos);
            }
            sent += flight;
            sentSegments += flightSegments;
            if (sent < bytes) {
                t = next;
            }
            delivered = flightLast;
        }
        flow.finishResponse();
        return delivered;
    }

    /** Set by {@link #lossesIn}: when the last lost segment of the batch has been recovered. */
    private double recovered;
    /** Set by {@link #lossesIn}: the index in the batch of its first lost segment. */
    private int firstLostInBatch;
    /** Set by {@link #lossesIn}: whether a loss of the flight in progress was repaired by a timeout. */
    private boolean timedOut;

    /**
     * The losses among a batch of {@code segments} segments ({@code bytes}) leaving back to back from
     * {@code depart}, each repaired as {@link #recoveredAt} says ({@code more}: data follows the batch). Returns
     * how many; {@link #recovered} is when the stream has them all.
     */
    private int lossesIn(int segments, long bytes, double depart, double perByte, boolean more) {
        recovered = Double.NEGATIVE_INFINITY;
        int[] lost = MessageFlights.lostIndices(path, Direction.DOWN, segments);
        if (lost.length > 0) {
            firstLostInBatch = lost[0];
        }
        for (int lostIndex : lost) {
            double lostDeparture = depart + Math.min(bytes, (lostIndex + 1L) * plan.mss) * perByte;
            MessageFlights.Repair repair = recoveredAt(lostDeparture, segments - lostIndex - 1, more, segments,
                    Direction.DOWN);
            recovered = Math.max(recovered, repair.arrivalNanos());
            timedOut |= repair.timeout();
        }
        return lost.length;
    }

    /**
     * When a segment that left at {@code lostDeparture} and was lost arrives: its retransmission leaves when
     * {@link LossRecovery} detects the loss ({@code laterInFlight} segments of its {@code flightSegments} behind
     * it, {@code more} data after the flight); while the retransmission is lost too, RACK's 1.25 RTT if more data
     * follows, else the RTO, doubling ({@link LossRecovery#lostAgain}); then the one-way delay.
     */
    private MessageFlights.Repair recoveredAt(double lostDeparture, int laterInFlight, boolean more,
            int flightSegments, Direction direction) {
        LossProcess loss = direction == Direction.UP ? lossUp : lossDown;
        LossRecovery.Retransmission retransmission = LossRecovery.retransmission(laterInFlight, more, flightSegments,
                plan.rttNanos, plan.rttNanos, plan.rtoNanos);
        double at = lostDeparture + retransmission.afterNanos();
        boolean timeout = retransmission.timeout();
        // After a timeout the next one is twice as long; after a fast retransmit the RTO starts afresh.
        double backoff = retransmission.timeout() ? 2 * plan.rtoNanos : plan.rtoNanos;
        for (int lostAgain = 0; lostAgain < MAX_BACKOFFS && loss.nextSegmentLost(); lostAgain++) {
            LossRecovery.Retransmission again = LossRecovery.lostAgain(more, plan.rttNanos, plan.rttNanos, backoff);
            at += again.afterNanos();
            if (again.timeout()) {
                backoff *= 2;
                timeout = true;
            }
        }
        return new MessageFlights.Repair(at + delay(direction), timeout);
    }
}
