package io.roundtrip.gatling;

import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKindBuilder;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.origin.PageDocument;

/**
 * How Gatling's HTTP client behaves, as the model needs to know it: the request kinds of the simulations, in one
 * place. What it says was measured, then read in Gatling's and Netty's code (docs/model.md, "What was measured"):
 * on a new HTTP/2 connection the client waits for the server's SETTINGS frame before its first request; and it
 * advertises HTTP/2's default 65,535-byte receive window, returning credit in 32 KiB window updates, so a response
 * larger than the window waits for an update; and it can count DATA bytes only when a whole TLS record has arrived,
 * which the embedded origin writes at Netty's default 16 KiB, so an update waits for the end of its record.
 */
public final class GatlingClient {

    /** A GET with Gatling's default headers on the wire, roughly. */
    static final long REQUEST_BYTES = 120;
    /** Netty's {@code SslHandler} default wrap size: the largest TLS record the origin writes. */
    static final int NETTY_TLS_RECORD_BYTES = 16_384;

    private GatlingClient() {}

    /** One request of {@code responseBytes} over the given protocol, connection and TLS. */
    public static RequestKind request(Protocol protocol, Connection connection, Tls tls, long responseBytes) {
        return base(protocol, connection, tls).responseBytes(responseBytes).build();
    }

    /** One request as observed: its own request and response sizes. */
    public static RequestKind request(Protocol protocol, Connection connection, Tls tls, long requestBytes,
            long responseBytes) {
        return base(protocol, connection, tls).requestBytes(requestBytes).responseBytes(responseBytes).build();
    }

    /**
     * A page load on a fresh connection: the origin's {@code /page} document (its exact size), then its
     * resources — over HTTP/1.1 on up to six connections per host (Gatling's default, as browsers), over HTTP/2
     * multiplexed on one.
     */
    public static RequestKind pageLoad(Protocol protocol, Tls tls, int resources, long resourceBytes) {
        return base(protocol, Connection.FRESH, tls)
                .documentBytes(PageDocument.html(resources, resourceBytes).length)
                .resources(resources)
                .resourceBytes(resourceBytes)
                .h1ConnectionsPerOrigin(6)
                .build();
    }

    private static RequestKindBuilder base(Protocol protocol, Connection connection, Tls tls) {
        return RequestKind.builder().protocol(protocol).connection(connection).tls(tls).requestBytes(REQUEST_BYTES)
                .h2WaitsForServerSettings(true)
                .h2ReceiveWindowBytes(RequestKind.H2_DEFAULT_WINDOW_BYTES)
                .tlsRecordBytes(tls == Tls.NONE ? 0 : NETTY_TLS_RECORD_BYTES);
    }
}
