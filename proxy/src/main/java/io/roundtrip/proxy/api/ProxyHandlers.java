package io.roundtrip.proxy.api;

import io.roundtrip.proxy.ProxyListener;
import io.roundtrip.proxy.ProxyServer;
import io.roundtrip.proxy.ProxySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routes of proxies: index, create, populate, show, update, delete, stats, reset; and the version. */
final class ProxyHandlers {

    /** The toxiproxy version whose API this one follows. */
    static final String VERSION = "2.12.0";

    private final ProxyServer proxy;

    ProxyHandlers(ProxyServer proxy) {
        this.proxy = proxy;
    }

    ApiResponse index(ApiRequest request) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (ProxyListener l : proxy.listeners()) {
            all.put(l.name(), l.toJson());
        }
        return ApiResponse.json(200, all);
    }

    ApiResponse create(ApiRequest request) {
        ProxySpec spec = request.bind(ProxyRequest.class, "proxy must be a JSON object").toSpec();
        return ApiResponse.json(201, ApiError.fromChange(() -> proxy.create(spec)).toJson());
    }

    ApiResponse populate(ApiRequest request) {
        List<Object> created = new ArrayList<>();
        for (ProxyListener l : populate(proxy, request.body())) {
            created.add(l.toJson());
        }
        return ApiResponse.json(201, Map.of("proxies", created));
    }

    /** Binds a populate list and applies it, all or nothing ({@link ProxyServer#populate}). */
    static List<ProxyListener> populate(ProxyServer proxy, String body) {
        ProxyRequest[] list = Json.bind(body, ProxyRequest[].class, "populate expects a JSON array of proxies");
        List<ProxySpec> specs = new ArrayList<>();
        for (ProxyRequest r : list) {
            if (r == null) {
                throw ApiError.badRequest("populate expects a JSON array of proxies");
            }
            specs.add(r.toSpec());
        }
        return ApiError.fromChange(() -> proxy.populate(specs));
    }

    ApiResponse show(ApiRequest request) {
        return ApiResponse.json(200, listener(request).toJson());
    }

    ApiResponse update(ApiRequest request) {
        String name = request.param("proxy");
        listener(request);
        var update = request.bind(ProxyRequest.class, "proxy must be a JSON object").toUpdate();
        ProxyListener l = ApiError.fromChange(() -> proxy.update(name, update))
                .orElseThrow(() -> ApiError.notFound("proxy", name));
        return ApiResponse.json(200, l.toJson());
    }

    ApiResponse delete(ApiRequest request) {
        String name = request.param("proxy");
        if (!proxy.remove(name)) {
            throw ApiError.notFound("proxy", name);
        }
        return ApiResponse.empty(204);
    }

    ApiResponse stats(ApiRequest request) {
        return ApiResponse.json(200, listener(request).stats().toJson());
    }

    ApiResponse reset(ApiRequest request) {
        ApiError.fromChange(() -> {
            proxy.reset();
            return null;
        });
        return ApiResponse.empty(204);
    }

    /** Text, as toxiproxy answered before 2.6; JSON for a client that asks for it. */
    ApiResponse version(ApiRequest request) {
        if (request.accept().contains(ApiResponse.JSON)) {
            return ApiResponse.json(200, Map.of("version", VERSION));
        }
        return ApiResponse.text(200, VERSION);
    }

    private ProxyListener listener(ApiRequest request) {
        String name = request.param("proxy");
        return proxy.find(name).orElseThrow(() -> ApiError.notFound("proxy", name));
    }
}
