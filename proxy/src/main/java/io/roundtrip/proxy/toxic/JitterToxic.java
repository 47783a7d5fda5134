package io.roundtrip.proxy.toxic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * roundtrip's {@code jitter}: a delay offset per segment drawn from a distribution ({@code uniform}, {@code normal},
 * {@code pareto}, {@code empirical}). Combine with {@code latency} for the base delay. Segments are never reordered:
 * a segment whose draw would overtake the one ahead of it leaves right after it instead (see docs/proxy.md).
 */
public final class JitterToxic implements Toxic {

    private final Map<String, Object> attributes;
    private final JitterSampler sampler;

    JitterToxic(Map<String, Object> attributes, JitterSampler sampler) {
        this.attributes = attributes;
        this.sampler = sampler;
    }

    /** A jitter toxic from a sampler built in code (the profile path); attributes describe it for the API. */
    public static JitterToxic of(JitterSampler sampler, Map<String, Object> description) {
        return new JitterToxic(new LinkedHashMap<>(description), sampler);
    }

    static JitterToxic from(Attributes a, Map<String, ?> raw) {
        return new JitterToxic(new LinkedHashMap<>(raw == null ? Map.of() : raw), JitterSampler.fromAttributes(a));
    }

    public JitterSampler sampler() {
        return sampler;
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
        return (segments, c) -> LatencyToxic.delay(segments, 0, sampler, c);
    }
}
