package io.roundtrip.proxy.api;

import io.roundtrip.proxy.ProxyListener;
import io.roundtrip.proxy.ProxyServer;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.util.ArrayList;
import java.util.List;

/** The routes of a proxy's toxics: index, create, show, update, delete. */
final class ToxicHandlers {

    private final ProxyServer proxy;

    ToxicHandlers(ProxyServer proxy) {
        this.proxy = proxy;
    }

    ApiResponse index(ApiRequest request) {
        List<Object> list = new ArrayList<>();
        for (ToxicSpec t : listener(request).toxics()) {
            list.add(t.toJson());
        }
        return ApiResponse.json(200, list);
    }

    ApiResponse create(ApiRequest request) {
        String name = listener(request).name();
        ToxicSpec spec = request.bind(ToxicRequest.class, "toxic must be a JSON object").toSpec();
        return ApiResponse.json(200, ApiError.fromChange(() -> proxy.addToxic(name, spec)).toJson());
    }

    ApiResponse show(ApiRequest request) {
        ProxyListener l = listener(request);
        String toxic = request.param("toxic");
        for (ToxicSpec t : l.toxics()) {
            if (t.name().equals(toxic)) {
                return ApiResponse.json(200, t.toJson());
            }
        }
        throw ApiError.toxicNotFound(l.name(), toxic);
    }

    ApiResponse update(ApiRequest request) {
        String name = listener(request).name();
        String toxic = request.param("toxic");
        ToxicRequest changes = request.bind(ToxicRequest.class, "toxic must be a JSON object");
        ToxicSpec updated = ApiError.fromChange(() -> proxy.updateToxic(name, toxic, changes::applyTo))
                .orElseThrow(() -> ApiError.toxicNotFound(name, toxic));
        return ApiResponse.json(200, updated.toJson());
    }

    ApiResponse delete(ApiRequest request) {
        String name = listener(request).name();
        String toxic = request.param("toxic");
        if (!proxy.removeToxic(name, toxic)) {
            throw ApiError.toxicNotFound(name, toxic);
        }
        return ApiResponse.empty(204);
    }

    private ProxyListener listener(ApiRequest request) {
        String name = request.param("proxy");
        return proxy.find(name).orElseThrow(() -> ApiError.notFound("proxy", name));
    }
}
