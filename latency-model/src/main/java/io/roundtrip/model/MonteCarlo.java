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

    /**
     * Simulated messages (requests, responses, handshake exchanges) per prediction, at most: a page of thousands
     * of resources gets fewer samples (never under {@value #MIN_SAMPLES}) rather than minutes of work. The
     * method string reports the samples actually drawn.
     */
    static final long WORK_BUDGET = 30_000_000L;
    static final int MIN_SAMPLES = 2_000;

    private final Plan plan;
    private final RandomGenerator rng;
    private final LossModel lossModel;
    private final boolean bernoulli;
    /** The drawn path: jitter per one-way trip, the connection's loss processes, repairs as Linux makes them. */
    private final DrawnPath path;
    private SenderWindow clientWindow;
    private SenderWindow serverWindow;
    /** Connections dividing the bandwidth now: 1 during a page's document, the plan's share after it. */
    private int share = 1;
    /** HTTP/2 flow control of the connection being simulated (h2 has one), or null without. */
    private final FlowWindow flow;
    /** Streams of the response being transferred (a h2 page's resources, else 1). */
    private int streams = 1;

    private MonteCarlo(Plan plan, long seed) {
        this.plan = plan;
        this.rng = new MersenneTwister(seed);
        this.lossModel = plan.profile.loss();
        this.bernoulli = !(lossModel instanceof LossModel.GilbertElliott);
        this.path = new DrawnPath(plan, new JitterSampler(plan.profile.jitter(), rng), lossModel.newProcess(rng),
                lossModel.newProcess(rng));
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
            double dns = plan.dns ? path.exchange(0, plan.synRtoNanos) : 0;
            double start = dns;
            SenderWindow documentClientWindow = null;
            SenderWindow documentServerWindow = null;
            LossProcess documentUp = path.up;
            LossProcess documentDown = path.down;
            if (plan.documentFirst) {
                // The document, alone on connection 0; the parallel part starts when it has arrived.
                share = 1;
                freshConnection();
                documentUp = path.up;
                documentDown = path.down;
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
                    path.up = documentUp;
                    path.down = documentDown;
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
            path.up = lossModel.newProcess(rng);
            path.down = lossModel.newProcess(rng);
        }
        clientWindow = plan.initialWindow();
        serverWindow = plan.initialWindow();
        if (plan.kind.connection() != RequestKind.Connection.FRESH) {
            transferPlain(Direction.UP, plan.requestBytes, 0);
            transferPlain(Direction.DOWN, plan.responseBytes, 0);
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
            t = path.synExchange(t);
        }
        for (int i = 0; i < plan.tlsRounds + plan.settingsRounds; i++) {
            t = path.exchange(t, plan.rtoNanos);
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

    /** A message of {@code bytes} from {@code start} on the drawn path; a response under flow control if any. */
    private double transfer(Direction direction, long bytes, double start) {
        if (direction == Direction.DOWN) {
            return MessageFlights.sendResponse(plan, path, bytes, share, serverWindow, flow, streams, start)
                    .deliveredNanos();
        }
        return transferPlain(direction, bytes, start);
    }

    /** A message of {@code bytes} from {@code start} on the drawn path, without flow control. */
    private double transferPlain(Direction direction, long bytes, double start) {
        SenderWindow window = direction == Direction.UP ? clientWindow : serverWindow;
        return MessageFlights.send(plan, path, direction, bytes, share, window, start).deliveredNanos();
    }
}
