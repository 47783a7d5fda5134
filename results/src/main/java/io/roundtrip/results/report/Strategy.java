package io.roundtrip.results.report;

import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;

/** A protocol and connection strategy the what-if compares: HTTP/1.1 or HTTP/2, connections kept alive or fresh. */
enum Strategy {
    H1_KEEPALIVE(Protocol.H1, Connection.KEEPALIVE, "HTTP/1.1 kept-alive"),
    H1_FRESH(Protocol.H1, Connection.FRESH, "HTTP/1.1 fresh"),
    H2_KEEPALIVE(Protocol.H2, Connection.KEEPALIVE, "HTTP/2 kept-alive"),
    H2_FRESH(Protocol.H2, Connection.FRESH, "HTTP/2 fresh");

    final Protocol protocol;
    final Connection connection;
    final String words;

    Strategy(Protocol protocol, Connection connection, String words) {
        this.protocol = protocol;
        this.connection = connection;
        this.words = words;
    }

    /** {@code kind} with this strategy's protocol and connection, everything else kept. */
    RequestKind applyTo(RequestKind kind) {
        return kind.toBuilder().protocol(protocol).connection(connection).build();
    }

    /** The JSON key: {@code h2_keepalive}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
