package io.roundtrip.gatling;

import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.NetworkProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A measured scenario as the model sees it: its name (and {@code .hlog}), the request kind it repeats and the
 * profile of the path it runs over. The simulation declares one per scenario; the summary predicts from it, unless
 * the scenario is not {@code predicted}: one that replays the user's mixed requests has no single kind, and each of
 * its requests is predicted on its own (see {@link RequestRecording}).
 */
public record ScenarioSpec(String name, RequestKind kind, NetworkProfile profile, boolean predicted) {

    public ScenarioSpec(String name, RequestKind kind, NetworkProfile profile) {
        this(name, kind, profile, true);
    }

    /** The {@code request_kind} object of {@code run.json}. */
    public Map<String, Object> requestKindJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", kind.protocol().toString());
        json.put("connection", kind.connection().toString());
        json.put("tls", kind.tls().toString());
        json.put("dns", kind.dns().toString());
        json.put("request_bytes", kind.requestBytes());
        json.put("size_bytes", kind.responseBytes());
        json.put("server_time_ms", kind.serverTime().toNanos() / 1e6);
        json.put("document_bytes", kind.documentBytes());
        json.put("resources", kind.resources());
        json.put("resource_size_bytes", kind.resourceBytes());
        json.put("h1_connections_per_origin", kind.h1ConnectionsPerOrigin());
        json.put("h2_waits_for_settings", kind.h2WaitsForServerSettings());
        json.put("h2_receive_window_bytes", kind.h2FlowControlled() ? kind.h2ReceiveWindowBytes() : null);
        json.put("tls_record_bytes", kind.tlsRecordBytes());
        return json;
    }
}
