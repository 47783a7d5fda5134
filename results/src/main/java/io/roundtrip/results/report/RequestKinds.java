package io.roundtrip.results.report;

import io.roundtrip.model.RequestKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The model's {@link RequestKind} from {@code run.json}'s {@code request_kind} object. */
public final class RequestKinds {

    private RequestKinds() {}

    /** The model's request kind from {@code run.json}'s {@code request_kind}, when it describes one. */
    public static Optional<RequestKind> fromJson(Map<String, String> json) {
        if (!json.containsKey("protocol") || !json.containsKey("connection")) {
            return Optional.empty();
        }
        try {
            RequestKind.Builder b = RequestKind.builder()
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
