package io.roundtrip.proxy.toxic;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of toxic types: toxiproxy's own and roundtrip's network conditions. */
public final class ToxicTypes {

    /** How a type's toxic is made from its attributes (the raw map too, for a type that reads more than numbers). */
    @FunctionalInterface
    private interface Factory {
        Toxic create(Attributes attributes, Map<String, Object> raw);
    }

    /** The types by name, in the order the API lists them: toxiproxy's, then roundtrip's network conditions. */
    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("latency", (a, raw) -> LatencyToxic.from(a));
        FACTORIES.put("bandwidth", (a, raw) -> BandwidthToxic.from(a));
        FACTORIES.put("slow_close", (a, raw) -> SimpleToxics.slowClose(a));
        FACTORIES.put("timeout", (a, raw) -> SimpleToxics.timeout(a));
        FACTORIES.put("reset_peer", (a, raw) -> SimpleToxics.resetPeer(a));
        FACTORIES.put("slicer", (a, raw) -> SimpleToxics.slicer(a));
        FACTORIES.put("limit_data", (a, raw) -> SimpleToxics.limitData(a));
        FACTORIES.put("jitter", JitterToxic::from);
        FACTORIES.put("handshake", (a, raw) -> HandshakeToxic.from(a));
        FACTORIES.put("slow_start", (a, raw) -> SlowStartToxic.from(a));
        FACTORIES.put("loss", (a, raw) -> LossToxic.from(a));
    }

    /** Every type name the API accepts. */
    public static final List<String> NAMES = List.copyOf(FACTORIES.keySet());

    private ToxicTypes() {}

    /** Creates a validated toxic; an unknown type or a bad attribute is an {@link IllegalArgumentException}. */
    public static Toxic create(String type, Map<String, ?> attributes) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("missing toxic type");
        }
        Factory factory = FACTORIES.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("unknown toxic type '" + type + "': expected one of " + NAMES);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = attributes == null ? Map.of() : (Map<String, Object>) attributes;
        return factory.create(new Attributes(type, raw), raw);
    }

    /** The toxic with some attributes changed (toxiproxy's update merges into the existing attributes). */
    public static Toxic update(Toxic existing, Map<String, ?> changes) {
        Map<String, Object> merged = new HashMap<>(existing.attributes());
        if (changes != null) {
            merged.putAll(changes);
        }
        return create(existing.type(), merged);
    }
}
