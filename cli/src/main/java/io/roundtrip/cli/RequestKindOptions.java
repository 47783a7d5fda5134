package io.roundtrip.cli;

import io.roundtrip.model.RequestKind;
import io.roundtrip.model.RequestKindBuilder;
import io.roundtrip.model.units.Units;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The request-kind flags ({@code --protocol --connection --tls --size ...}), one set with one set of defaults
 * ({@link RequestKind}'s: HTTP/1.1, a fresh connection, no TLS, 1000 bytes), for every subcommand that asks the
 * model about a request: add it with {@code @Mixin RequestKindOptions kind;} and call {@link #toKind()}. Each value
 * is checked as it is parsed: a bad one is one line, exit 2.
 */
public final class RequestKindOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private final RequestKindBuilder kind = RequestKind.builder();

    @Option(names = "--protocol", paramLabel = "h1|h2", order = 1, description = "Application protocol (h1).")
    void protocol(String v) {
        kind.protocol(parse(v, RequestKind.Protocol::parse));
    }

    @Option(names = "--connection", paramLabel = "fresh|keepalive|idle", order = 2,
            description = "Connection state: fresh (handshakes, slow start), keepalive (window open), "
                    + "idle (window restarts) (fresh).")
    void connection(String v) {
        kind.connection(parse(v, RequestKind.Connection::parse));
    }

    @Option(names = "--tls", paramLabel = "none|1.2|1.3|1.3-resumed", order = 3, description = "TLS (none).")
    void tls(String v) {
        kind.tls(parse(v, RequestKind.Tls::parse));
    }

    @Option(names = "--dns", paramLabel = "cached|uncached", order = 4, description = "DNS cache state (cached).")
    void dns(String v) {
        kind.dns(parse(v, RequestKind.Dns::parse));
    }

    @Option(names = "--size", paramLabel = "BYTES", order = 5, description = "Response size, e.g. 65535 or 64KiB (1000).")
    void size(String v) {
        kind.responseBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--request-size", paramLabel = "BYTES", order = 6, description = "Request size (300).")
    void requestSize(String v) {
        kind.requestBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--server-time", paramLabel = "DURATION", order = 7, description = "Server time, e.g. 40ms (0).")
    void serverTime(Duration v) {
        kind.serverTime(v);
    }

    @Option(names = "--resources", paramLabel = "N", order = 8,
            description = "A page load of N resources instead of one request (0).")
    void resources(int n) {
        kind.resources(parse(String.valueOf(n), text -> {
            if (n < 0) {
                throw new IllegalArgumentException("bad resources '" + n + "': must be >= 0");
            }
            return n;
        }));
    }

    @Option(names = "--resource-size", paramLabel = "BYTES", order = 9, description = "Size of each resource (100kB).")
    void resourceSize(String v) {
        kind.resourceBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--connections-per-origin", paramLabel = "K", order = 10,
            description = "HTTP/1.1 connections per origin for page loads (6).")
    void connectionsPerOrigin(int k) {
        kind.h1ConnectionsPerOrigin(parse(String.valueOf(k), text -> {
            if (k <= 0) {
                throw new IllegalArgumentException("bad connections-per-origin '" + k + "': must be > 0");
            }
            return k;
        }));
    }

    @Option(names = "--document-size", paramLabel = "BYTES", order = 10,
            description = "Page loads: fetch a document of this size first on connection 1, then the resources "
                    + "(0: no document, the resources at once).")
    void documentSize(String v) {
        kind.documentBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--h2-waits-for-settings", order = 10,
            description = "A fresh HTTP/2 connection waits for the server's SETTINGS before its first request, "
                    + "as Gatling's client does (+1 RTT over TLS 1.3, 0 over TLS 1.2).")
    void h2WaitsForSettings(boolean waits) {
        kind.h2WaitsForServerSettings(waits);
    }

    @Option(names = "--h2-receive-window", paramLabel = "BYTES", order = 10,
            description = "HTTP/2 flow control: the client's initial receive window, connection and stream "
                    + "(65535 as Gatling's client advertises; 'unbounded', the default: no flow control). The "
                    + "server's bytes in flight are capped by it; the client returns credit every half window.")
    void h2ReceiveWindow(String v) {
        kind.h2ReceiveWindowBytes(parse(v, text -> {
            String t = text.strip().toLowerCase(Locale.ROOT);
            return t.equals("unbounded") || t.equals("none") ? RequestKind.UNBOUNDED_WINDOW : Units.parseBytes(text);
        }));
    }

    @Option(names = "--tls-record-size", paramLabel = "BYTES", order = 10,
            description = "The server's TLS record size, plaintext bytes (16384, Netty's default; 0, the default: "
                    + "byte-granular). With --h2-receive-window, a WINDOW_UPDATE leaves when the whole record "
                    + "holding the byte that triggers it has arrived.")
    void tlsRecordSize(String v) {
        kind.tlsRecordBytes((int) (long) parse(v, Units::parseBytes));
    }

    /** The request kind: {@link RequestKind}'s defaults, then every flag given. */
    public RequestKind toKind() {
        return kind.build();
    }

    private <T> T parse(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw mixee == null ? e : new ParameterException(mixee.commandLine(), e.getMessage(), e);
        }
    }
}
