package io.roundtrip.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
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
 */
public final class RequestKind {

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

    private final Protocol protocol;
    private final Connection connection;
    private final Tls tls;
    private final Dns dns;
    private final long requestBytes;
    private final long responseBytes;
    private final Duration serverTime;
    private final int resources;
    private final long resourceBytes;
    private final int h1ConnectionsPerOrigin;

    private RequestKind(Builder b) {
        this.protocol = b.protocol;
        this.connection = b.connection;
        this.tls = b.tls;
        this.dns = b.dns;
        this.requestBytes = b.requestBytes;
        this.responseBytes = b.responseBytes;
        this.serverTime = b.serverTime;
        this.resources = b.resources;
        this.resourceBytes = b.resourceBytes;
        this.h1ConnectionsPerOrigin = b.h1ConnectionsPerOrigin;
    }

    /** Defaults: h1, fresh, no TLS, DNS cached, 300 B request, 1,000 B response, no server time, one request. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().protocol(protocol).connection(connection).tls(tls).dns(dns).requestBytes(requestBytes)
                .responseBytes(responseBytes).serverTime(serverTime).resources(resources).resourceBytes(resourceBytes)
                .h1ConnectionsPerOrigin(h1ConnectionsPerOrigin);
    }

    public Protocol protocol() {
        return protocol;
    }

    public Connection connection() {
        return connection;
    }

    public Tls tls() {
        return tls;
    }

    public Dns dns() {
        return dns;
    }

    public long requestBytes() {
        return requestBytes;
    }

    public long responseBytes() {
        return responseBytes;
    }

    public Duration serverTime() {
        return serverTime;
    }

    /** Resources of a page load; 0 for a single request. */
    public int resources() {
        return resources;
    }

    public long resourceBytes() {
        return resourceBytes;
    }

    public int h1ConnectionsPerOrigin() {
        return h1ConnectionsPerOrigin;
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
        return protocol + " " + connection + " tls=" + tls + " dns=" + dns + " " + what + ", server "
                + io.roundtrip.model.units.Units.formatDuration(serverTime);
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestKind k && protocol == k.protocol && connection == k.connection && tls == k.tls
                && dns == k.dns && requestBytes == k.requestBytes && responseBytes == k.responseBytes
                && serverTime.equals(k.serverTime) && resources == k.resources && resourceBytes == k.resourceBytes
                && h1ConnectionsPerOrigin == k.h1ConnectionsPerOrigin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, connection, tls, dns, requestBytes, responseBytes, serverTime, resources,
                resourceBytes, h1ConnectionsPerOrigin);
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String what, String text, E[] values) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (E e : values) {
                if (e.toString().equals(t) || e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            if (type == Tls.class && (t.equals("tls1.2") || t.equals("tls1.3"))) {
                return parseEnum(type, what, t.substring(3), values);
            }
            if (type == Protocol.class && (t.equals("http/1.1") || t.equals("http1"))) {
                return values[0];
            }
            if (type == Protocol.class && (t.equals("http/2") || t.equals("http2"))) {
                return values[1];
            }
            if (type == Connection.class && t.equals("keep-alive")) {
                return values[1];
            }
        }
        throw new IllegalArgumentException("bad " + what + " '" + text + "': expected one of "
                + Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", ")));
    }

    /** Fluent construction with checked values. */
    public static final class Builder {
        private Protocol protocol = Protocol.H1;
        private Connection connection = Connection.FRESH;
        private Tls tls = Tls.NONE;
        private Dns dns = Dns.CACHED;
        private long requestBytes = 300;
        private long responseBytes = 1000;
        private Duration serverTime = Duration.ZERO;
        private int resources;
        private long resourceBytes = 100_000;
        private int h1ConnectionsPerOrigin = 6;

        private Builder() {}

        public Builder protocol(Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol);
            return this;
        }

        public Builder connection(Connection connection) {
            this.connection = Objects.requireNonNull(connection);
            return this;
        }

        public Builder tls(Tls tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        public Builder dns(Dns dns) {
            this.dns = Objects.requireNonNull(dns);
            return this;
        }

        public Builder requestBytes(long bytes) {
            this.requestBytes = nonNegative("request size", bytes);
            return this;
        }

        public Builder responseBytes(long bytes) {
            this.responseBytes = nonNegative("size", bytes);
            return this;
        }

        public Builder serverTime(Duration serverTime) {
            if (serverTime.isNegative()) {
                throw new IllegalArgumentException("bad server time '" + serverTime + "': must be >= 0");
            }
            this.serverTime = serverTime;
            return this;
        }

        /** A page load of N resources (0 = a single request). */
        public Builder resources(int n) {
            this.resources = (int) nonNegative("resources", n);
            return this;
        }

        public Builder resourceBytes(long bytes) {
            this.resourceBytes = nonNegative("resource size", bytes);
            return this;
        }

        public Builder h1ConnectionsPerOrigin(int k) {
            if (k <= 0) {
                throw new IllegalArgumentException("bad connections per origin '" + k + "': must be > 0");
            }
            this.h1ConnectionsPerOrigin = k;
            return this;
        }

        public RequestKind build() {
            return new RequestKind(this);
        }

        private static long nonNegative(String what, long v) {
            if (v < 0) {
                throw new IllegalArgumentException("bad " + what + " '" + v + "': must be >= 0");
            }
            return v;
        }
    }
}
