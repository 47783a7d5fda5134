package io.roundtrip.model;

import static io.roundtrip.model.units.Bounds.checked;
import static io.roundtrip.model.units.Bounds.nonNegative;
import static io.roundtrip.model.units.Bounds.positive;

import java.time.Duration;
import java.util.Objects;

/** Fluent construction of a {@link RequestKind}, with checked values; defaults as {@link RequestKind#builder()}. */
public final class RequestKindBuilder {
    private RequestKind.Protocol protocol = RequestKind.Protocol.H1;
    private RequestKind.Connection connection = RequestKind.Connection.FRESH;
    private RequestKind.Tls tls = RequestKind.Tls.NONE;
    private RequestKind.Dns dns = RequestKind.Dns.CACHED;
    private long requestBytes = 300;
    private long responseBytes = 1000;
    private Duration serverTime = Duration.ZERO;
    private int resources;
    private long resourceBytes = 100_000;
    private int h1ConnectionsPerOrigin = 6;
    private long documentBytes;
    private boolean h2WaitsForServerSettings;
    private long h2ReceiveWindowBytes = RequestKind.UNBOUNDED_WINDOW;
    private int tlsRecordBytes;

    RequestKindBuilder() {}

    public RequestKindBuilder protocol(RequestKind.Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol);
        return this;
    }

    public RequestKindBuilder connection(RequestKind.Connection connection) {
        this.connection = Objects.requireNonNull(connection);
        return this;
    }

    public RequestKindBuilder tls(RequestKind.Tls tls) {
        this.tls = Objects.requireNonNull(tls);
        return this;
    }

    public RequestKindBuilder dns(RequestKind.Dns dns) {
        this.dns = Objects.requireNonNull(dns);
        return this;
    }

    public RequestKindBuilder requestBytes(long bytes) {
        this.requestBytes = nonNegative("request size", bytes);
        return this;
    }

    public RequestKindBuilder responseBytes(long bytes) {
        this.responseBytes = nonNegative("size", bytes);
        return this;
    }

    public RequestKindBuilder serverTime(Duration serverTime) {
        this.serverTime = nonNegative("server time", serverTime);
        return this;
    }

    /** A page load of N resources (0 = a single request). */
    public RequestKindBuilder resources(int n) {
        this.resources = nonNegative("resources", n);
        return this;
    }

    public RequestKindBuilder resourceBytes(long bytes) {
        this.resourceBytes = nonNegative("resource size", bytes);
        return this;
    }

    public RequestKindBuilder h1ConnectionsPerOrigin(int k) {
        this.h1ConnectionsPerOrigin = positive("connections per origin", k);
        return this;
    }

    /**
     * A page load's document, fetched first on connection 1 (0 = none, the default). See
     * {@link RequestKind#documentBytes()}.
     */
    public RequestKindBuilder documentBytes(long bytes) {
        this.documentBytes = nonNegative("document size", bytes);
        return this;
    }

    /**
     * Whether a fresh HTTP/2 connection waits for the server's SETTINGS before its first request (default
     * false). See {@link RequestKind#h2WaitsForServerSettings()}.
     */
    public RequestKindBuilder h2WaitsForServerSettings(boolean waits) {
        this.h2WaitsForServerSettings = waits;
        return this;
    }

    /**
     * The client's initial HTTP/2 receive window, connection and stream, bytes: 1 to 2³¹ − 1
     * ({@link RequestKind#H2_DEFAULT_WINDOW_BYTES} is what Gatling's client advertises), or {@link RequestKind#UNBOUNDED_WINDOW} (the
     * default: no flow control). See {@link RequestKind#h2ReceiveWindowBytes()}.
     */
    public RequestKindBuilder h2ReceiveWindowBytes(long bytes) {
        this.h2ReceiveWindowBytes = checked(bytes == RequestKind.UNBOUNDED_WINDOW
                || (bytes >= 1 && bytes <= RequestKind.H2_MAX_WINDOW_BYTES), "HTTP/2 receive window", bytes,
                "must be 1 to 2147483647 bytes (RFC 9113 §6.9.1), or unbounded");
        return this;
    }

    /**
     * The server's TLS record size, plaintext bytes, 0 to 16,384 (RFC 8446 §5.1; Netty's default is 16,384),
     * 0 (the default) for byte-granular WINDOW_UPDATEs. See {@link RequestKind#tlsRecordBytes()}.
     */
    public RequestKindBuilder tlsRecordBytes(int bytes) {
        this.tlsRecordBytes = checked(bytes >= 0 && bytes <= 16_384, "TLS record size", bytes,
                "must be 0 (byte-granular) to 16384 bytes (RFC 8446 §5.1)");
        return this;
    }

    public RequestKind build() {
        return new RequestKind(protocol, connection, tls, dns, requestBytes, responseBytes, serverTime, resources,
                resourceBytes, h1ConnectionsPerOrigin, documentBytes, h2WaitsForServerSettings, h2ReceiveWindowBytes,
                tlsRecordBytes);
    }
}
