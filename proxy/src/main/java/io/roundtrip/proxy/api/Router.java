package io.roundtrip.proxy.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the route of a request: a path no route has is a 404, a method its routes lack a 405. */
final class Router {

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    ApiResponse dispatch(String method, String uri, String body, String accept) {
        String path = new QueryStringDecoder(uri).path();
        List<String> segments = segments(path);
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> params = r.match(segments);
            if (params == null) {
                continue;
            }
            if (r.methods().contains(method)) {
                return r.handler().handle(new ApiRequest(method, params, body, accept));
            }
            pathKnown = true;
        }
        throw pathKnown ? ApiError.methodNotAllowed() : ApiError.noRoute(method, path);
    }

    /** The decoded, non-empty segments of a path ({@code //proxies/} is {@code [proxies]}). */
    static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(QueryStringDecoder.decodeComponent(p));
            }
        }
        return parts;
    }
}
