package io.roundtrip.proxy.toxic;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of toxic types: toxiproxy's own and roundtrip's network conditions. */
public final class ToxicTypes {

    /** Every type name the API accepts. */
    public static final List<String> NAMES = List.of("latency", "bandwidth", "slow_close", "timeout", "reset_peer",
            "slicer", "limit_data", "jitter", "handshake", "slow_start", "loss");

    private ToxicTypes() {}

    /** Creates a validated toxic; an unknown type or a bad attribute is an {@link IllegalArgumentException}. */
    public static Toxic create(String type, Map<String, ?> attributes) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("missing toxic type");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = attributes == null ? Map.of() : (Map<String, Object>) attributes;
        Attributes a = new Attributes(type, raw);
        switch (type) {
            case "latency":
                return LatencyToxic.from(a);
            case "bandwidth":
                return BandwidthToxic.from(a);
            case "slow_close":
                return SimpleToxics.slowClose(a);
            case "timeout":
                return SimpleToxics.timeout(a);
            case "reset_peer":
                return SimpleToxics.resetPeer(a);
            case "slicer":
                return SimpleToxics.slicer(a);
            case "limit_data":
                return SimpleToxics.limitData(a);
            case "jitter":
                return JitterToxic.from(a, raw);
            case "handshake":
                return HandshakeToxic.from(a);
            case "slow_start":
                return SlowStartToxic.from(a);
            case "loss":
                return LossToxic.from(a);
            default:
                throw new IllegalArgumentException("unknown toxic type '" + type + "': expected one of " + NAMES);
        }
    }

    /** The toxic with some attributes changed (toxiproxy's update merges into the existing attributes). */
    public static Toxic update(Toxic existing, Map<String, ?> changes) {
        Map<String, Object> merged = new HashMap<>(existing.attributes());
        if (changes != null) {
            merged.putAll(changes);
        }
        return create(existing.type(), merged);
    }

    /** Integral values as integers in JSON, as toxiproxy shows them. */
    static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }

    static Map<String, Object> copy(Map<String, ?> m) {
        return new LinkedHashMap<>(m);
    }
}
