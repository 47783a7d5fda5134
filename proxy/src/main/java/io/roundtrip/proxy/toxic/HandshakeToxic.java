package io.roundtrip.proxy.toxic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * roundtrip's {@code handshake}: what SYN / SYN-ACK would have cost. The client's first bytes are held until
 * {@code rtt} ms after the proxy accepted the connection; put it before the upstream {@code latency} so the one-way
 * delay is added on top (the client's first byte reaches the server at accept + RTT + one-way delay). Upstream only
 * makes sense. The kernel's own handshake is not delayed (a user-space proxy cannot): the client sees the cost in its
 * time to first byte, not in connect().
 */
public final class HandshakeToxic implements Toxic {

    private final double rttMillis;
    private final long rttNanos;

    public HandshakeToxic(double rttMillis) {
        this.rttMillis = Attributes.checkDurationMillis("handshake.rtt", rttMillis);
        this.rttNanos = Attributes.millisToNanos(rttMillis);
    }

    static HandshakeToxic from(Attributes a) {
        return new HandshakeToxic(a.durationMillis("rtt", 0));
    }

    @Override
    public String type() {
        return "handshake";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rtt", ToxicTypes.number(rttMillis));
        return m;
    }

    @Override
    public Stage newStage(StageContext ctx) {
        long gate = Segment.plus(ctx.acceptNanos(), rttNanos);
        return (segments, c) -> {
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                if (s.releaseNanos < gate) {
                    s.releaseNanos = gate;
                }
            }
        };
    }
}
