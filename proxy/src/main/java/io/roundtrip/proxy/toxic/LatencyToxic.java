package io.roundtrip.proxy.toxic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * toxiproxy's {@code latency}: every segment waits {@code latency} ms (+ uniform {@code jitter} ms either way),
 * measured from when it arrived at this stage. Roundtrip accepts fractional milliseconds.
 */
public final class LatencyToxic implements Toxic {

    private final double latencyMillis;
    private final double jitterMillis;
    private final long latencyNanos;
    private final JitterSampler jitter;

    public LatencyToxic(double latencyMillis, double jitterMillis) {
        this.latencyMillis = Attributes.checkDurationMillis("latency.latency", latencyMillis);
        this.jitterMillis = Attributes.checkDurationMillis("latency.jitter", jitterMillis);
        this.latencyNanos = Attributes.millisToNanos(latencyMillis);
        this.jitter = JitterSampler.uniform(Attributes.millisToNanos(jitterMillis));
    }

    static LatencyToxic from(Attributes a) {
        return new LatencyToxic(a.durationMillis("latency", 0), a.durationMillis("jitter", 0));
    }

    @Override
    public String type() {
        return "latency";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency", ToxicTypes.number(latencyMillis));
        m.put("jitter", ToxicTypes.number(jitterMillis));
        return m;
    }

    @Override
    public long delayNanos() {
        return latencyNanos;
    }

    @Override
    public Stage newStage(StageContext ctx) {
        if (jitter == JitterSampler.NONE) {
            return (segments, c) -> {
                for (int i = 0; i < segments.size(); i++) {
                    segments.get(i).delayBy(latencyNanos);
                }
            };
        }
        return (segments, c) -> delay(segments, latencyNanos, jitter, c);
    }

    /** Each segment: {@code release += max(0, base + sample)}: the delay with jitter, never negative. */
    static void delay(List<Segment> segments, long baseNanos, JitterSampler jitter, StageContext ctx) {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            s.delayBy(Math.max(0, Segment.plus(baseNanos, jitter.sampleNanos(ctx.random()))));
        }
    }
}
