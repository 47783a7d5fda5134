package io.roundtrip.proxy.toxic;

import io.roundtrip.model.profile.JitterDistribution;
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
    private final JitterDistribution jitter;

    /** Embedding: both in [0, 1 h]. */
    public LatencyToxic(double latencyMillis, double jitterMillis) {
        this(Attributes.checkDurationMillis("latency.latency", latencyMillis),
                Attributes.checkDurationMillis("latency.jitter", jitterMillis),
                Attributes.millisToNanos(latencyMillis), Attributes.millisToNanos(jitterMillis));
    }

    /** The values as given (answered so) and as used. */
    private LatencyToxic(double latencyMillis, double jitterMillis, long latencyNanos, long jitterNanos) {
        this.latencyMillis = latencyMillis;
        this.jitterMillis = jitterMillis;
        this.latencyNanos = latencyNanos;
        this.jitter = jitterNanos == 0 ? JitterDistribution.NONE : new JitterDistribution.Uniform(jitterNanos);
    }

    /**
     * From the API: what toxiproxy accepts ({@link Attributes#toxiproxyMillis}), answered as given; a negative
     * latency or jitter acts as 0, as in toxiproxy.
     */
    static LatencyToxic from(Attributes a) {
        double latency = a.toxiproxyMillis("latency", 0);
        double jitter = a.toxiproxyMillis("jitter", 0);
        return new LatencyToxic(latency, jitter, Attributes.nonNegativeNanos(latency),
                Attributes.nonNegativeNanos(jitter));
    }

    @Override
    public String type() {
        return "latency";
    }

    @Override
    public Map<String, Object> attributes() {
        return new AttributeMap().number("latency", latencyMillis).number("jitter", jitterMillis).build();
    }

    @Override
    public long delayNanos() {
        return latencyNanos;
    }

    @Override
    public Stage newStage(StageContext ctx) {
        if (jitter.isNone()) {
            return (segments, c) -> {
                for (int i = 0; i < segments.size(); i++) {
                    segments.get(i).delayBy(latencyNanos);
                }
            };
        }
        return (segments, c) -> delay(segments, latencyNanos, jitter, c);
    }

    /** Each segment: {@code release += max(0, base + sample)}: the delay with jitter, never negative. */
    static void delay(List<Segment> segments, long baseNanos, JitterDistribution jitter, StageContext ctx) {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            s.delayBy(Math.max(0, Segment.plus(baseNanos, jitter.quantileNanos(ctx.random().nextDouble()))));
        }
    }
}
