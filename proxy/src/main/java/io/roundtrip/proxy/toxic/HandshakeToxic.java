package io.roundtrip.proxy.toxic;

import io.roundtrip.model.tcp.LossRecovery;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * roundtrip's {@code handshake}: what SYN / SYN-ACK would have cost. The client's first bytes are held until
 * {@code rtt} ms after the proxy accepted the connection; put it before the upstream {@code latency} so the one-way
 * delay is added on top (the client's first byte reaches the server at accept + RTT + one-way delay). Upstream only
 * makes sense. The kernel's own handshake is not delayed (a user-space proxy cannot): the client sees the cost in its
 * time to first byte, not in connect().
 *
 * <p>With {@code loss} (a probability per packet, 0 by default) the SYN and the SYN-ACK are each lost with it, and
 * every attempt that lost either adds Linux's SYN timeout ({@code syn_rto} ms, 1000: 1 s, linear for the first
 * retries, {@link LossRecovery#synTimeoutNanos}), at most {@link LossToxic#MAX_BACKOFFS} times, as the model's
 * Monte Carlo charges it and as the kernel on the packet path pays it.
 */
public final class HandshakeToxic implements Toxic {

    private final double rttMillis;
    private final long rttNanos;
    private final double loss;
    private final double synRtoMillis;

    public HandshakeToxic(double rttMillis) {
        this(rttMillis, 0, 1000);
    }

    public HandshakeToxic(double rttMillis, double loss, double synRtoMillis) {
        this.rttMillis = Attributes.checkDurationMillis("handshake.rtt", rttMillis);
        this.rttNanos = Attributes.millisToNanos(rttMillis);
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("handshake.loss: expected a probability in [0, 1], got " + loss);
        }
        this.loss = loss;
        this.synRtoMillis = Attributes.checkDurationMillis("handshake.syn_rto", synRtoMillis);
    }

    static HandshakeToxic from(Attributes a) {
        return new HandshakeToxic(a.durationMillis("rtt", 0), a.fraction("loss", 0), a.durationMillis("syn_rto", 1000));
    }

    @Override
    public String type() {
        return "handshake";
    }

    @Override
    public Map<String, Object> attributes() {
        return new AttributeMap().number("rtt", rttMillis).value("loss", loss).number("syn_rto", synRtoMillis).build();
    }

    @Override
    public Stage newStage(StageContext ctx) {
        long gate = Segment.plus(ctx.acceptNanos(), Segment.plus(rttNanos, lostSynNanos(ctx.random())));
        return (segments, c) -> {
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                if (s.releaseNanos < gate) {
                    s.releaseNanos = gate;
                }
            }
        };
    }

    /** The SYN timeouts this connection's handshake waits: one per attempt whose SYN or SYN-ACK was lost. */
    long lostSynNanos(SplittableRandom random) {
        long waited = 0;
        for (int k = 1; k <= LossToxic.MAX_BACKOFFS && loss > 0; k++) {
            boolean attemptLost = random.nextDouble() < loss || random.nextDouble() < loss;
            if (!attemptLost) {
                break;
            }
            waited = Segment.plus(waited, Math.round(LossRecovery.synTimeoutNanos(k, synRtoMillis * 1e6)));
        }
        return waited;
    }
}
