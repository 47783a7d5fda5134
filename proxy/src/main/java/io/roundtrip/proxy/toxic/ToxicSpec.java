package io.roundtrip.proxy.toxic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named toxic on a proxy, as toxiproxy's API shows it: name, type, stream, toxicity and the configured toxic.
 * Immutable; updating a toxic replaces its spec. A blank name becomes {@code <type>_<stream>}, as in toxiproxy.
 */
public record ToxicSpec(String name, Stream stream, double toxicity, Toxic toxic) {

    public ToxicSpec {
        if (toxicity < 0 || toxicity > 1 || Double.isNaN(toxicity)) {
            throw new IllegalArgumentException("toxicity must be in [0, 1], got " + toxicity);
        }
        Objects.requireNonNull(toxic, "toxic");
        Objects.requireNonNull(stream, "stream");
        name = name == null || name.isBlank() ? toxic.type() + "_" + stream.wireName() : name;
    }

    /** A toxic of a registered type, validated; e.g. {@code ToxicSpec.of("latency", DOWNSTREAM, Map.of("latency", 50))}. */
    public static ToxicSpec of(String type, Stream stream, Map<String, ?> attributes) {
        return new ToxicSpec(null, stream, 1.0, ToxicTypes.create(type, attributes));
    }

    public static ToxicSpec of(String name, String type, Stream stream, Map<String, ?> attributes) {
        return new ToxicSpec(name, stream, 1.0, ToxicTypes.create(type, attributes));
    }

    public String type() {
        return toxic.type();
    }

    public ToxicSpec withToxicity(double newToxicity) {
        return new ToxicSpec(name, stream, newToxicity, toxic);
    }

    /** toxiproxy's JSON shape. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", toxic.type());
        json.put("stream", stream.wireName());
        json.put("toxicity", toxicity);
        json.put("attributes", toxic.attributes());
        return json;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
