package io.roundtrip.proxy.toxic;

import io.roundtrip.model.profile.JitterDistribution;
import java.util.Map;

/**
 * roundtrip's {@code jitter}: a delay offset per segment drawn from a distribution ({@code uniform}, {@code normal},
 * {@code pareto}, {@code empirical}; {@code jitter} ms is the half-width, sigma or mean; {@code shape} for pareto;
 * {@code table} a list of ms for empirical). Put it right after a {@code latency} toxic and set {@code base} to that
 * latency (ms): a negative sample then shortens that delay (to no less than zero), as the profile's
 * {@code delay + jitter, clamped at 0} says; without {@code base} it only ever adds. Segments are never reordered:
 * a segment whose draw would overtake the one ahead of it leaves right after it instead (see docs/proxy.md).
 */
public final class JitterToxic implements Toxic {

    private final Map<String, Object> attributes;
    private final JitterDistribution distribution;
    private final long baseNanos;

    JitterToxic(Map<String, Object> attributes, JitterDistribution distribution, long baseNanos) {
        this.attributes = attributes;
        this.distribution = distribution;
        this.baseNanos = baseNanos;
    }

    /**
     * A jitter toxic from the profile's distribution; {@code baseNanos} is the one-way delay in
     * front of it that negative samples may eat into; attributes describe it for the API.
     */
    public static JitterToxic of(JitterDistribution distribution, long baseNanos, Map<String, Object> description) {
        return new JitterToxic(new AttributeMap().values(description).number("base", baseNanos / 1e6).build(),
                distribution, baseNanos);
    }

    static JitterToxic from(Attributes a, Map<String, ?> raw) {
        return new JitterToxic(new AttributeMap().values(raw == null ? Map.of() : raw).build(),
                JitterAttributes.distribution(a), Attributes.millisToNanos(a.durationMillis("base", 0)));
    }

    public JitterDistribution distribution() {
        return distribution;
    }

    @Override
    public String type() {
        return "jitter";
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public Stage newStage(StageContext ctx) {
        return (segments, c) -> {
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                s.delayBy(Math.max(-baseNanos, distribution.quantileNanos(c.random().nextDouble())));
            }
        };
    }
}
