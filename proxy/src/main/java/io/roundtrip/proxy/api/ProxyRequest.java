package io.roundtrip.proxy.api;

import io.roundtrip.proxy.Addresses;
import io.roundtrip.proxy.ProxySpec;
import io.roundtrip.proxy.ProxyUpdate;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A proxy as toxiproxy's clients send it (create, populate, update) plus roundtrip's optional {@code toxics}; an
 * update takes the fields it changes and ignores {@code name} and {@code toxics}, so a client may send back what it
 * was shown.
 */
record ProxyRequest(String name, String listen, String upstream, Boolean enabled, List<ToxicRequest> toxics) {

    /** A proxy to create: listen defaults to 127.0.0.1:0 and enabled to true. */
    ProxySpec toSpec() {
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("missing proxy name");
        }
        if (upstream == null) {
            throw ApiError.badRequest("proxy '" + name + "': missing upstream");
        }
        List<ToxicSpec> specs = new ArrayList<>();
        if (toxics != null) {
            for (ToxicRequest t : toxics) {
                if (t == null) {
                    throw ApiError.badRequest("toxics[" + specs.size() + "] must be a JSON object");
                }
                specs.add(t.toSpec());
            }
        }
        return ApiError.fromInput(() -> new ProxySpec(name, Addresses.parse(listen == null ? "127.0.0.1:0" : listen),
                Addresses.parse(upstream), enabled == null || enabled, specs));
    }

    ProxyUpdate toUpdate() {
        return ApiError.fromInput(() -> new ProxyUpdate(listen == null ? null : Addresses.parse(listen),
                upstream == null ? null : Addresses.parse(upstream), enabled));
    }
}
