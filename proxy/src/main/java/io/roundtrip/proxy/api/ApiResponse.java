package io.roundtrip.proxy.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A route's answer: status, content type (null without a body) and body bytes. */
record ApiResponse(int status, String contentType, byte[] body) {

    static final String JSON = "application/json";

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, Json.write(value));
    }

    static ApiResponse text(int status, String text) {
        return new ApiResponse(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, null, new byte[0]);
    }

    /** toxiproxy's error shape: {@code {"error": reason, "status": code}}. */
    static ApiResponse error(int status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason);
        body.put("status", status);
        return json(status, body);
    }
}
