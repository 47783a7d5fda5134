package io.roundtrip.proxy.api;

import java.util.Map;

/** What a route's handler is given: the path's named parts, the body and the {@code Accept} header. */
record ApiRequest(String method, Map<String, String> params, String body, String accept) {

    String param(String name) {
        return params.get(name);
    }

    /** The body bound to {@code type} ({@link Json#bind}). */
    <T> T bind(Class<T> type, String wrongShape) {
        return Json.bind(body, type, wrongShape);
    }
}
