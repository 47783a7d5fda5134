package io.roundtrip.proxy.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the route of a request: a path no route has is a 404, a method its routes lack a 405, a path segment that is
 * not valid percent-encoding a 400.
 */
final class Router {

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The table, in order (tests reach every route through it). */
    List<Route> routes() {
        return routes;
    }

    ApiResponse dispatch(String method, String uri, String body, String accept) {
        String path = new QueryStringDecoder(uri).rawPath();
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

    /**
     * The non-empty segments of a raw (still encoded) path, each decoded once ({@code //proxies/} is
     * {@code [proxies]}): split first, so that {@code %2F} is a slash inside a name, and decoded as a path, where
     * {@code +} is a plus (RFC 3986, section 3.3), not a space as in a query.
     */
    static List<String> segments(String rawPath) {
        List<String> parts = new ArrayList<>();
        for (String p : rawPath.split("/")) {
            if (!p.isEmpty()) {
                parts.add(decode(p));
            }
        }
        return parts;
    }

    private static String decode(String segment) {
        try {
            return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // "%", "%zz": Netty names the bad escape
            throw ApiError.badRequest("bad percent-encoding in path segment '" + shortened(segment) + "'");
        }
    }

    private static String shortened(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
