package io.roundtrip.results.report;

import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKindBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The model's {@link RequestKind} from {@code run.json}'s {@code request_kind} object. */
public final class RequestKinds {

    private RequestKinds() {}

    /**
     * A {@code request_kind} for people: the model's words ({@code HTTP/2, fresh TLS 1.3, 1 KiB}) when it describes
     * a kind the model knows, otherwise its own fields as {@code key value} pairs; empty (a group): {@code group}.
     */
    public static String inWords(Map<String, String> json) {
        if (json.isEmpty()) {
            return "group";
        }
        return fromJson(json).map(RequestKind::inWords).orElseGet(() -> {
            StringBuilder text = new StringBuilder();
            json.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k.replace('_', ' ')).append(' ').append(v));
            return text.toString();
        });
    }

    /** The model's request kind from {@code run.json}'s {@code request_kind}, when it describes one. */
    public static Optional<RequestKind> fromJson(Map<String, String> json) {
        if (!json.containsKey("protocol") || !json.containsKey("connection")) {
            return Optional.empty();
        }
        try {
            RequestKindBuilder b = RequestKind.builder()
                    .protocol(RequestKind.Protocol.parse(json.get("protocol")))
                    .connection(RequestKind.Connection.parse(json.get("connection")));
            if (json.containsKey("tls")) {
                b.tls(RequestKind.Tls.parse(json.get("tls")));
            }
            if (json.containsKey("dns")) {
                b.dns(RequestKind.Dns.parse(json.get("dns")));
            }
            if (json.containsKey("request_bytes")) {
                b.requestBytes(Math.round(Double.parseDouble(json.get("request_bytes"))));
            }
            if (json.containsKey("size_bytes")) {
                b.responseBytes(Math.round(Double.parseDouble(json.get("size_bytes"))));
            }
            if (json.containsKey("server_time_ms")) {
                b.serverTime(Duration.ofNanos(Math.round(Double.parseDouble(json.get("server_time_ms")) * 1e6)));
            }
            if (json.containsKey("resources")) {
                b.resources((int) Math.round(Double.parseDouble(json.get("resources"))));
            }
            if (json.containsKey("resource_size_bytes")) {
                b.resourceBytes(Math.round(Double.parseDouble(json.get("resource_size_bytes"))));
            }
            if (json.containsKey("h1_connections_per_origin")) {
                b.h1ConnectionsPerOrigin((int) Math.round(Double.parseDouble(json.get("h1_connections_per_origin"))));
            }
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a kind the model knows (e.g. an external target's own labels)
        }
    }
}
