package io.roundtrip.proxy.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of the route table: methods, a path pattern whose {@code {name}} parts match any one segment, and the
 * handler (toxiproxy's {@code r.HandleFunc(path, handler).Methods(...)}).
 */
record Route(Set<String> methods, List<String> pattern, Handler handler) {

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /** e.g. {@code Route.of("POST PATCH", "/proxies/{proxy}", proxies::update)}. */
    static Route of(String methods, String path, Handler handler) {
        return new Route(Set.of(methods.split(" ")), Router.segments(path), handler);
    }

    /** The named parts of {@code segments} if the pattern matches them, else null. */
    Map<String, String> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
