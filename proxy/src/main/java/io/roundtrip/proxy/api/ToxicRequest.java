package io.roundtrip.proxy.api;

import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.ToxicSpec;
import io.roundtrip.proxy.toxic.ToxicTypes;
import java.util.Map;

/** A toxic as toxiproxy's clients send it: to create one, or (every field optional) to update one. */
record ToxicRequest(String name, String type, String stream, Double toxicity, Map<String, Object> attributes) {

    /** A new toxic; a missing stream is downstream and a missing toxicity 1, as in toxiproxy. */
    ToxicSpec toSpec() {
        if (type == null) {
            throw ApiError.badRequest("missing toxic type");
        }
        return ApiError.fromInput(() -> new ToxicSpec(name, Stream.parse(stream), toxicity(1.0),
                ToxicTypes.create(type, attributes == null ? Map.of() : attributes)));
    }

    /** {@code existing} with the fields given here: attributes merge into its own, as toxiproxy's update does. */
    ToxicSpec applyTo(ToxicSpec existing) {
        return ApiError.fromInput(() -> new ToxicSpec(existing.name(),
                stream == null ? existing.stream() : Stream.parse(stream), toxicity(existing.toxicity()),
                attributes == null ? existing.toxic() : ToxicTypes.update(existing.toxic(), attributes)));
    }

    private double toxicity(double otherwise) {
        double t = toxicity == null ? otherwise : toxicity;
        if (!(t >= 0 && t <= 1)) {
            throw ApiError.badRequest("toxicity must be in [0, 1], got " + t);
        }
        return t;
    }
}
