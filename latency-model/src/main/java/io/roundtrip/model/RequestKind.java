package io.roundtrip.model;

import io.roundtrip.model.units.Units;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is being fetched, and over what state of connection: the model's second input beside the
 * {@link io.roundtrip.model.profile.NetworkProfile}.
 *
 * <p>With {@code resources} = 0 it is one request ({@code requestBytes} up, {@code responseBytes} down,
 * {@code serverTime} in between). With {@code resources} = N &gt; 0 it is a page load: N resources of
 * {@code resourceBytes} each, all wanted at once (as after the HTML arrives), each costing {@code serverTime};
 * HTTP/1.1 spreads them over {@code h1ConnectionsPerOrigin} connections (6, as browsers do), one request at a
 * time per connection; HTTP/2 multiplexes them on one connection.
 *
 * <p>Three switches describe what real clients do beyond the reference text's accounting; all default to the
 * reference behaviour:
 * <ul>
 * <li>{@link #documentBytes()} &gt; 0 makes a page load fetch its document first (as a browser, or Gatling's
 *     {@code .resources(...)}, does): on connection 1, with its handshakes; then the resources, HTTP/1.1 on
 *     connection 1 (window grown by the document) plus up to k − 1 new connections, HTTP/2 multiplexed on
 *     connection 1.</li>
 * <li>{@link #h2WaitsForServerSettings()} makes a fresh HTTP/2 connection wait for the server's SETTINGS frame
 *     (RFC 9113 §3.4) before its first request, as Gatling's Netty-based client does; with a Netty server that
 *     sends SETTINGS when its side of the TLS handshake completes, that costs one more round trip with TLS 1.3
 *     (the server completes on the client's Finished, RFC 8446 §2) and none with TLS 1.2 (the server sends its
 *     Finished last, RFC 5246 §7.3). Counted in the {@code tls_handshake} phase.</li>
 * <li>{@link #h2ReceiveWindowBytes()} bounded makes HTTP/2 flow control (RFC 9113 §5.2, §6.9) cap the server's
 *     bytes in flight by the client's receive window, returned in WINDOW_UPDATE frames every half window as
 *     Gatling's Netty-based client does (65,535 bytes). Counted in the {@code transfer} phase.</li>
 * </ul>
 *
 * @param resources resources of a page load; 0 for a single request
 * @param documentBytes the page's document, fetched before its resources on connection 1; 0 (the default) = no
 *     document, the resources are wanted at once on fresh connections (the reference text's accounting); ignored
 *     for a single request
 * @param h2WaitsForServerSettings whether a fresh HTTP/2 connection sends its first request only once the server's
 *     SETTINGS frame (the server connection preface, RFC 9113 §3.4) has arrived, as Gatling's client does, with a
 *     server that sends SETTINGS when its side of the TLS handshake completes (Netty); default false; when true, a
 *     fresh h2 connection's {@code tls_handshake} phase gains {@link #settingsWaitRoundTrips()}
 * @param h2ReceiveWindowBytes the client's initial HTTP/2 receive window, bytes, for the connection and for each
 *     stream (RFC 9113 §6.9.2: 65,535 unless SETTINGS_INITIAL_WINDOW_SIZE and WINDOW_UPDATE frames say otherwise);
 *     {@link #UNBOUNDED_WINDOW} (the default) = no flow control. When set, on h2 the server's bytes in flight are
 *     capped by the window as well as by the congestion window, and the client returns credit as Netty's
 *     {@code DefaultHttp2LocalFlowController} does (Gatling's client): a WINDOW_UPDATE each time it has consumed
 *     {@link #h2WindowUpdateBytes()} since its last one, half a round trip later at the server; ignored for h1
 */
public record RequestKind(Protocol protocol, Connection connection, Tls tls, Dns dns, long requestBytes,
        long responseBytes, Duration serverTime, int resources, long resourceBytes, int h1ConnectionsPerOrigin,
        long documentBytes, boolean h2WaitsForServerSettings, long h2ReceiveWindowBytes, int tlsRecordBytes) {

    /** {@link #h2ReceiveWindowBytes()} without a limit: no HTTP/2 flow control (the default). */
    public static final long UNBOUNDED_WINDOW = Long.MAX_VALUE;
    /** HTTP/2's initial window, connection and stream, without SETTINGS or WINDOW_UPDATE (RFC 9113 §6.9.2). */
    public static final long H2_DEFAULT_WINDOW_BYTES = 65_535;
    /** The largest flow-control window (RFC 9113 §6.9.1): 2³¹ − 1. */
    public static final long H2_MAX_WINDOW_BYTES = (1L << 31) - 1;
    /** Netty's {@code DefaultHttp2LocalFlowController.DEFAULT_WINDOW_UPDATE_RATIO}. */
    static final float WINDOW_UPDATE_RATIO = 0.5f;

    /** Application protocol. */
    public enum Protocol {
        H1("h1"), H2("h2");

        private final String text;

        Protocol(String text) {
            this.text = text;
        }

        public static Protocol parse(String text) {
            return parseEnum(Protocol.class, "protocol", text, values());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The connection's state when the request starts. */
    public enum Connection {
        /** A new connection: handshakes, then slow start from initcwnd. */
        FRESH("fresh"),
        /** Reused and recently busy: no handshakes, the window already open. */
        KEEPALIVE("keepalive"),
        /** Reused after idling past the RTO: no handshakes, but the window restarts (slow-start-after-idle). */
        IDLE("idle");

        private final String text;

        Connection(String text) {
            this.text = text;
        }

        public static Connection parse(String text) {
            return parseEnum(Connection.class, "connection", text, values());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** TLS on the connection. */
    public enum Tls {
        NONE("none", 0), TLS_1_2("1.2", 2), TLS_1_3("1.3", 1),
        /**
         * TLS 1.3 resumption as Java clients (Gatling, Netty's JDK provider) really behave: the PSK skips the
         * certificate, but no 0-RTT early data is sent, so it still costs 1 round trip.
         */
        TLS_1_3_RESUMED("1.3-resumed", 1);

        private final String text;
        private final int roundTrips;

        Tls(String text, int roundTrips) {
            this.text = text;
            this.roundTrips = roundTrips;
        }

        /** Round trips of a fresh connection's TLS handshake before application data can go. */
        public int roundTrips() {
            return roundTrips;
        }

        public static Tls parse(String text) {
            return parseEnum(Tls.class, "tls", text, values());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Whether the client has the name's address cached. */
    public enum Dns {
        CACHED("cached"), UNCACHED("uncached");

        private final String text;

        Dns(String text) {
            this.text = text;
        }

        public static Dns parse(String text) {
            return parseEnum(Dns.class, "dns", text, values());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Defaults: h1, fresh, no TLS, DNS cached, 300 B request, 1,000 B response, no server time, one request. */
    public static RequestKindBuilder builder() {
        return new RequestKindBuilder();
    }

    public RequestKindBuilder toBuilder() {
        return new RequestKindBuilder().protocol(protocol).connection(connection).tls(tls).dns(dns).requestBytes(requestBytes)
                .responseBytes(responseBytes).serverTime(serverTime).resources(resources).resourceBytes(resourceBytes)
                .h1ConnectionsPerOrigin(h1ConnectionsPerOrigin).documentBytes(documentBytes)
                .h2WaitsForServerSettings(h2WaitsForServerSettings).h2ReceiveWindowBytes(h2ReceiveWindowBytes).tlsRecordBytes(tlsRecordBytes);
    }

    /**
     * The server's TLS record size, plaintext bytes (Netty's {@code SslHandler} default is 16,384), or 0 (the
     * default): byte-granular, as without TLS. With TLS and HTTP/2 flow control, the client can only decrypt, and
     * so count, the DATA bytes of a record once the whole record has arrived: a WINDOW_UPDATE leaves when the
     * record holding the byte that triggers it has arrived (records cut on the connection's plaintext stream,
     * HTTP/2 frame overhead included, and never past the end of what the server could write at once).
     */
    public int tlsRecordBytes() {
        return tls == Tls.NONE ? 0 : tlsRecordBytes;
    }

    /** Whether a page load fetches its document first: a page load with {@link #documentBytes()} &gt; 0. */
    public boolean hasDocument() {
        return isPageLoad() && documentBytes > 0;
    }

    /**
     * Round trips a fresh connection's first request waits for the server's SETTINGS beyond the TLS handshake:
     * 1 for h2 over TLS 1.3 (full or resumed: the server's handshake completes on the client's Finished, RFC 8446
     * §2, so SETTINGS leaves one one-way trip after the client could have sent and arrives one round trip late),
     * 0 over TLS 1.2 (the full handshake ends with the server's Finished, RFC 5246 §7.3, and SETTINGS travels with
     * it), 0 without TLS (Gatling speaks h2 only over TLS with ALPN; see docs/model.md), and 0 unless
     * {@link #h2WaitsForServerSettings()}, the protocol is h2 and the connection fresh.
     */
    public int settingsWaitRoundTrips() {
        if (!h2WaitsForServerSettings || protocol != Protocol.H2 || connection != Connection.FRESH) {
            return 0;
        }
        return tls == Tls.TLS_1_3 || tls == Tls.TLS_1_3_RESUMED ? 1 : 0;
    }

    /** Whether HTTP/2 flow control can cap this request's responses: h2 with a bounded receive window. */
    public boolean h2FlowControlled() {
        return protocol == Protocol.H2 && h2ReceiveWindowBytes != UNBOUNDED_WINDOW;
    }

    /**
     * Bytes the client consumes between two WINDOW_UPDATE frames: W − ⌊W · 0.5⌋ for a window of W (32,768 for
     * 65,535). Netty's {@code DefaultHttp2LocalFlowController} (ratio {@value #WINDOW_UPDATE_RATIO}) sends an update
     * when the window's unreturned bytes leave at most {@code (int) (W * ratio)} of it, for all of them.
     */
    public long h2WindowUpdateBytes() {
        return h2ReceiveWindowBytes == UNBOUNDED_WINDOW ? UNBOUNDED_WINDOW
                : h2ReceiveWindowBytes - (long) (h2ReceiveWindowBytes * WINDOW_UPDATE_RATIO);
    }

    public boolean isPageLoad() {
        return resources > 0;
    }

    /** One line: {@code h1 fresh tls=1.3 dns=cached 300 B up, 65535 B down, server 40ms}. */
    public String describe() {
        String what = isPageLoad()
                ? resources + " × " + resourceBytes + " B" + (protocol == Protocol.H1
                        ? " over " + Math.min(resources, h1ConnectionsPerOrigin) + " connections" : " multiplexed")
                : requestBytes + " B up, " + responseBytes + " B down";
        String document = hasDocument() ? ", document " + documentBytes + " B first" : "";
        String settings = h2WaitsForServerSettings && protocol == Protocol.H2 ? ", waits for SETTINGS" : "";
        String window = h2FlowControlled() ? ", receive window " + h2ReceiveWindowBytes + " B"
                + (tlsRecordBytes() > 0 ? ", TLS records " + tlsRecordBytes() + " B" : "") : "";
        return protocol + " " + connection + " tls=" + tls + " dns=" + dns + " " + what + document + ", server "
                + io.roundtrip.model.units.Units.formatDuration(serverTime) + settings + window;
    }

    /**
     * For people: {@code HTTP/2, fresh TLS 1.3, 1 KiB} or {@code HTTP/1.1, kept-alive, 12 × 8 KiB page}: what a
     * capacity review needs to tell two rows apart; {@link #describe()} has every switch.
     */
    public String inWords() {
        String protocolWords = protocol == Protocol.H2 ? "HTTP/2" : "HTTP/1.1";
        String connectionWords = switch (connection) {
            case FRESH -> "fresh";
            case KEEPALIVE -> "kept-alive";
            case IDLE -> "reused at the initial window";
        };
        String tlsWords = switch (tls) {
            case NONE -> connection == Connection.FRESH ? "TCP" : "";
            case TLS_1_2 -> "TLS 1.2";
            case TLS_1_3 -> "TLS 1.3";
            case TLS_1_3_RESUMED -> "TLS 1.3 resumed";
        };
        // a fresh connection pays its handshakes: "fresh TLS 1.3"; a reused one only runs over TLS: "kept-alive, TLS 1.3"
        String separator = connection == Connection.FRESH ? " " : ", ";
        String size = isPageLoad()
                ? resources + " × " + Units.formatBytes(resourceBytes) + " page"
                : Units.formatBytes(responseBytes);
        return protocolWords + ", " + connectionWords + (tlsWords.isEmpty() ? "" : separator + tlsWords) + ", " + size;
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Other names the enums are read by (the command line, {@code run.json}), beside their own and Java's. */
    private static final Map<String, Enum<?>> ALIASES = Map.of("http/1.1", Protocol.H1, "http1", Protocol.H1,
            "http/2", Protocol.H2, "http2", Protocol.H2, "keep-alive", Connection.KEEPALIVE, "tls1.2", Tls.TLS_1_2,
            "tls1.3", Tls.TLS_1_3);

    /** One of {@code values} by its name ({@code toString}), its Java name or an alias, ignoring case. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String what, String text, E[] values) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (E e : values) {
                if (e.toString().equals(t) || e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            Enum<?> alias = ALIASES.get(t);
            if (type.isInstance(alias)) {
                return type.cast(alias);
            }
        }
        throw new IllegalArgumentException("bad " + what + " '" + text + "': expected one of "
                + Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", ")));
    }
}
