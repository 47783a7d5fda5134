package io.roundtrip.origin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters since start, shared by every event loop (wait-free {@link LongAdder}s). Read them with
 * {@link #snapshot()}; {@code GET /stats} serves the same snapshot as JSON, and counts itself as a request.
 */
public final class OriginStats {

    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectionsClosed = new LongAdder();
    private final ConcurrentMap<String, LongAdder> requestsByProtocol = new ConcurrentHashMap<>();
    private final LongAdder rejected = new LongAdder();
    private final ConcurrentMap<String, LongAdder> tlsHandshakesByVersion = new ConcurrentHashMap<>();
    private final LongAdder tlsHandshakesFailed = new LongAdder();
    private final LongAdder h2Streams = new LongAdder();
    private final ConcurrentMap<String, LongAdder> h2GoAwaysByError = new ConcurrentHashMap<>();
    private final LongAdder slowRequestsDropped = new LongAdder();
    private final LongAdder stalledReadersDropped = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    void connectionOpened() {
        connectionsOpened.increment();
    }

    void connectionClosed() {
        connectionsClosed.increment();
    }

    /** A well-formed request reached the router; {@code protocol} is HTTP/1.0, HTTP/1.1, h2 or h2c. */
    void request(String protocol) {
        requestsByProtocol.computeIfAbsent(protocol, p -> new LongAdder()).increment();
    }

    /** A request the HTTP decoder could not read (malformed, header too large): answered 400/431, not counted above. */
    void rejected() {
        rejected.increment();
    }

    void tlsHandshake(String version) {
        tlsHandshakesByVersion.computeIfAbsent(version, v -> new LongAdder()).increment();
    }

    void tlsHandshakeFailed() {
        tlsHandshakesFailed.increment();
    }

    void h2StreamOpened() {
        h2Streams.increment();
    }

    /** The origin ended an HTTP/2 connection with GOAWAY; {@code error} is its code's name (NO_ERROR when graceful). */
    void h2GoAwaySent(String error) {
        h2GoAwaysByError.computeIfAbsent(error, e -> new LongAdder()).increment();
    }

    /** A request was not whole in time: its HTTP/1.x connection answered 408 and closed, or its HTTP/2 stream reset. */
    void slowRequestDropped() {
        slowRequestsDropped.increment();
    }

    /** A connection whose peer left it unread for the limit was closed. */
    void stalledReaderDropped() {
        stalledReadersDropped.increment();
    }

    void bytesIn(long bytes) {
        bytesIn.add(bytes);
    }

    void bytesOut(long bytes) {
        bytesOut.add(bytes);
    }

    /** The counters now (each read on its own: a snapshot taken under load is not one instant). */
    public Snapshot snapshot() {
        long opened = connectionsOpened.sum();
        long closed = connectionsClosed.sum();
        return new Snapshot(opened, opened - closed, sums(requestsByProtocol), rejected.sum(),
                sums(tlsHandshakesByVersion), tlsHandshakesFailed.sum(), h2Streams.sum(), sums(h2GoAwaysByError),
                slowRequestsDropped.sum(), stalledReadersDropped.sum(), bytesIn.sum(),
                bytesOut.sum());
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((key, adder) -> out.put(key, adder.sum()));
        return Map.copyOf(out);
    }

    /**
     * The counters at one moment.
     *
     * @param connectionsOpened      TCP connections accepted since start (both listeners)
     * @param connectionsOpen        of those, still open
     * @param requestsByProtocol     well-formed requests by protocol: {@code HTTP/1.0}, {@code HTTP/1.1}, {@code h2},
     *                               {@code h2c}
     * @param requestsRejected       requests the decoder could not read (answered 400 or 431)
     * @param tlsHandshakesByVersion completed TLS handshakes by negotiated version ({@code TLSv1.2}, {@code TLSv1.3})
     * @param tlsHandshakesFailed    failed TLS handshakes
     * @param h2Streams              HTTP/2 streams opened by clients (h2 and h2c)
     * @param h2GoAwaysByError       GOAWAY frames the origin sent, by error code name ({@code ENHANCE_YOUR_CALM},
     *                               {@code PROTOCOL_ERROR}, ...): the abuse limits at work
     * @param slowRequestsDropped    HTTP/1.x connections closed (408) and HTTP/2 streams reset because a request was
     *                               not whole within the idle timeout of its first byte: slowloris, slow POST
     * @param stalledReadersDropped  connections closed because the peer left them unread for the idle timeout: slow
     *                               read
     * @param bytesIn                bytes read from sockets (TLS records included)
     * @param bytesOut               bytes handed to sockets (TLS records included)
     */
    public record Snapshot(
            long connectionsOpened,
            long connectionsOpen,
            Map<String, Long> requestsByProtocol,
            long requestsRejected,
            Map<String, Long> tlsHandshakesByVersion,
            long tlsHandshakesFailed,
            long h2Streams,
            Map<String, Long> h2GoAwaysByError,
            long slowRequestsDropped,
            long stalledReadersDropped,
            long bytesIn,
            long bytesOut) {

        /** Well-formed requests of every protocol. */
        public long requests() {
            return requestsByProtocol.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Requests of one protocol (0 if none). */
        public long requests(String protocol) {
            return requestsByProtocol.getOrDefault(protocol, 0L);
        }

        /** GOAWAY frames sent with error {@code error} (0 if none). */
        public long h2GoAwaysSent(String error) {
            return h2GoAwaysByError.getOrDefault(error, 0L);
        }

        /** Completed TLS handshakes of every version. */
        public long tlsHandshakes() {
            return tlsHandshakesByVersion.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The JSON shape served at {@code /stats}: nested maps in a fixed order. */
        public Map<String, Object> toJsonTree() {
            Map<String, Object> connections = new LinkedHashMap<>();
            connections.put("opened", connectionsOpened);
            connections.put("open", connectionsOpen);
            Map<String, Object> requests = new LinkedHashMap<>();
            requests.put("total", requests());
            requests.put("by_protocol", new TreeMap<>(requestsByProtocol));
            requests.put("rejected", requestsRejected);
            Map<String, Object> tls = new LinkedHashMap<>();
            tls.put("total", tlsHandshakes());
            tls.put("by_version", new TreeMap<>(tlsHandshakesByVersion));
            tls.put("failed", tlsHandshakesFailed);
            Map<String, Object> bytes = new LinkedHashMap<>();
            bytes.put("in", bytesIn);
            bytes.put("out", bytesOut);
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("connections", connections);
            root.put("requests", requests);
            root.put("tls_handshakes", tls);
            root.put("h2_streams", h2Streams);
            root.put("h2_goaways_sent", new TreeMap<>(h2GoAwaysByError));
            Map<String, Object> slowPeers = new LinkedHashMap<>();
            slowPeers.put("request_timeouts", slowRequestsDropped);
            slowPeers.put("stalled_readers", stalledReadersDropped);
            root.put("slow_peers_dropped", slowPeers);
            root.put("bytes", bytes);
            return root;
        }
    }
}
