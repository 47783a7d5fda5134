package io.roundtrip.cli;

import io.roundtrip.model.units.Units;
import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code bin/harness origin}: runs the origin until SIGINT/SIGTERM. */
@Command(
        name = "origin",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the origin: HTTP/1.1 and h2c on --port, h2 and http/1.1 (ALPN) over TLS on --tls-port.",
            "Endpoints: /bytes/{n}, /delay/{duration}, /status/{code}, POST /echo, /page?resources=N&size=S, "
                    + "/res/{i}?size=S, /stats. Stop with Ctrl-C (SIGINT) or SIGTERM."
        })
final class OriginCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Plain HTTP/1.1 + h2c port; 0 = ephemeral, -1 = off (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--tls-port", defaultValue = "8443", paramLabel = "PORT",
            description = "TLS port (h2, http/1.1 by ALPN); 0 = ephemeral, -1 = off (default: ${DEFAULT-VALUE}).")
    int tlsPort;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address both listeners bind to (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--no-keepalive",
            description = "Answer every HTTP/1.x request with 'Connection: close' and close the connection.")
    boolean noKeepAlive;

    @Option(names = "--tls-versions", defaultValue = "TLSv1.2,TLSv1.3", split = ",", paramLabel = "VERSION",
            converter = TlsVersionConverter.class,
            description = "TLS versions offered: TLSv1.2, TLSv1.3 or both (default: ${DEFAULT-VALUE}).")
    List<String> tlsVersions;

    @Option(names = "--cert", paramLabel = "PEM",
            description = "Certificate chain (PEM); default: a self-signed certificate for localhost/127.0.0.1.")
    Path certificate;

    @Option(names = "--key", paramLabel = "PEM", description = "Private key (PEM) of --cert.")
    Path privateKey;

    @Option(names = "--nagle",
            description = "TCP_NODELAY off, response head and body written separately (shows Nagle vs delayed ACK).")
    boolean nagle;

    @Option(names = "--idle-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Close a connection silent this long with nothing in flight; also the slow-peer limit: a request "
                    + "must be whole, and a stalled reader must read, within it; 0 = never (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--max-body", defaultValue = "8MiB", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest request body; larger gets 413 (default: ${DEFAULT-VALUE}, at most 1GiB).")
    long maxBody;

    @Option(names = "--max-header", defaultValue = "8KiB", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest request header block; larger gets 431 (default: ${DEFAULT-VALUE}).")
    long maxHeader;

    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N",
            description = "Event-loop threads; 0 = Netty's default, 2 x cores (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--tls-provider", defaultValue = "auto", paramLabel = "openssl|jdk|auto",
            converter = TlsProviderConverter.class,
            description = "TLS engine: openssl (BoringSSL), jdk, or auto = openssl where it loads (default: ${DEFAULT-VALUE}).")
    OriginConfig.TlsProvider tlsProvider;

    @Option(names = "--transport", defaultValue = "auto", paramLabel = "epoll|nio|auto",
            converter = TransportConverter.class,
            description = "Socket transport: epoll, nio, or auto = epoll where available (default: ${DEFAULT-VALUE}).")
    OriginConfig.Transport transport;

    /** Tests: called with the running origin (close it to make {@link #run()} return). */
    Consumer<Origin> onStarted = origin -> { };

    @Override
    public void run() {
        OriginConfig config = config();
        Origin origin = Origin.start(config);
        Thread stopper = new Thread(origin::close, "origin-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        PrintWriter out = spec.commandLine().getOut();
        out.println(listening(origin));
        out.println("transport " + origin.transport() + (config.tlsPort() >= 0 ? ", TLS engine " + origin.tlsProvider()
                + (origin.certificate().isSelfSigned() ? ", self-signed certificate" : "") : "")
                + (config.nagle() ? ", Nagle on (TCP_NODELAY off)" : "") + "; stop with Ctrl-C");
        out.flush();
        try {
            onStarted.accept(origin);
            origin.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            origin.close();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the origin
            }
        }
    }

    /** The configuration from the options; a combination that cannot work is bad input (exit 2). */
    OriginConfig config() {
        if (maxHeader > Integer.MAX_VALUE) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-header is too large");
        }
        try {
            return OriginConfig.builder()
                    .bindAddress(bind)
                    .port(port)
                    .tlsPort(tlsPort)
                    .keepAlive(!noKeepAlive)
                    .tlsVersions(new LinkedHashSet<>(tlsVersions))
                    .certificate(certificate, privateKey)
                    .nagle(nagle)
                    .idleTimeout(idleTimeout)
                    .maxBodyBytes(maxBody)
                    .maxHeaderBytes((int) maxHeader)
                    .ioThreads(ioThreads)
                    .tlsProvider(tlsProvider)
                    .transport(transport)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** "origin listening on http://127.0.0.1:8080 and https://127.0.0.1:8443 (h2, http/1.1; TLSv1.2, TLSv1.3)". */
    static String listening(Origin origin) {
        OriginConfig config = origin.config();
        StringBuilder line = new StringBuilder("origin listening on ");
        if (config.port() >= 0) {
            line.append(origin.httpUri()).append(config.tlsPort() >= 0 ? " and " : " (http/1.1, h2c)");
        }
        if (config.tlsPort() >= 0) {
            line.append(origin.httpsUri()).append(" (h2, http/1.1; ").append(config.tlsVersionsText()).append(')');
        }
        return line.toString();
    }

    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Units.parseBytes(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class TlsVersionConverter implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            String version = switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "tlsv1.2", "tls1.2", "1.2" -> "TLSv1.2";
                case "tlsv1.3", "tls1.3", "1.3" -> "TLSv1.3";
                default -> throw new TypeConversionException("unsupported TLS version '" + text
                        + "' (use TLSv1.2, TLSv1.3)");
            };
            return version;
        }
    }

    static final class TlsProviderConverter implements ITypeConverter<OriginConfig.TlsProvider> {
        @Override
        public OriginConfig.TlsProvider convert(String text) {
            return enumValue(OriginConfig.TlsProvider.class, text, "openssl, jdk, auto");
        }
    }

    static final class TransportConverter implements ITypeConverter<OriginConfig.Transport> {
        @Override
        public OriginConfig.Transport convert(String text) {
            return enumValue(OriginConfig.Transport.class, text, "epoll, nio, auto");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String choices) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not one of " + choices);
        }
    }
}
