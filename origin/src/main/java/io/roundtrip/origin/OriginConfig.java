package io.roundtrip.origin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the origin can be told, as one immutable value. Ports: {@code 0} binds an ephemeral port (read the
 * actual one from {@link Origin#httpUri()}), {@code -1} disables that listener.
 *
 * @param bindAddress     the address both listeners bind to; default {@code 127.0.0.1}
 * @param port            plain HTTP/1.1 + h2c port; 0 = ephemeral, -1 = off
 * @param tlsPort         TLS port (h2 and http/1.1 by ALPN); 0 = ephemeral, -1 = off
 * @param keepAlive       false answers every HTTP/1.x request with {@code Connection: close} and closes
 * @param tlsVersions     the TLS protocol versions offered, a non-empty subset of {@code TLSv1.2}, {@code TLSv1.3}
 * @param certificate     PEM certificate chain, or null for a self-signed certificate generated at start
 * @param privateKey      PEM private key of {@code certificate}, or null
 * @param nagle           true: TCP_NODELAY off and response head and body written (and flushed) separately
 * @param idleTimeout     a connection with nothing in flight and no traffic for this long is closed, and so is one
 *                        whose HTTP/1.x request is not whole this long after its first byte (408) or whose peer
 *                        leaves it unread this long ({@link SlowPeerGuard}); zero = never
 * @param maxBodyBytes    largest request body accepted (larger: 413)
 * @param maxHeaderBytes  largest request header block accepted (larger: 431)
 * @param ioThreads       event-loop threads; 0 = Netty's default (2 × cores)
 * @param tlsProvider     TLS engine
 * @param transport       socket transport
 */
public record OriginConfig(
        String bindAddress,
        int port,
        int tlsPort,
        boolean keepAlive,
        Set<String> tlsVersions,
        Path certificate,
        Path privateKey,
        boolean nagle,
        Duration idleTimeout,
        long maxBodyBytes,
        int maxHeaderBytes,
        int ioThreads,
        TlsProvider tlsProvider,
        Transport transport) {

    /** The TLS versions the origin knows how to offer. */
    public static final Set<String> SUPPORTED_TLS_VERSIONS = Set.of("TLSv1.2", "TLSv1.3");
    /** The largest request body any configuration may accept. */
    public static final long MAX_BODY_LIMIT = 1L << 30;

    /** Which TLS engine terminates TLS. */
    public enum TlsProvider {
        /** BoringSSL (netty-tcnative) when it loads on this platform, else the JDK. */
        AUTO,
        /** BoringSSL via netty-tcnative; fails at start if it does not load. */
        OPENSSL,
        /** The JDK's SSLEngine. */
        JDK
    }

    /** Which socket transport carries the connections. */
    public enum Transport {
        /** Native epoll where available (Linux), NIO otherwise. */
        AUTO,
        /** Native epoll; fails at start where it is unavailable. */
        EPOLL,
        /** The JDK's NIO selector. */
        NIO
    }

    public OriginConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        checkPort("port", port);
        checkPort("tlsPort", tlsPort);
        if (port == -1 && tlsPort == -1) {
            throw new IllegalArgumentException("both listeners are disabled (port and tls port are -1)");
        }
        if (port > 0 && port == tlsPort) {
            throw new IllegalArgumentException("port and tls port are both " + port);
        }
        tlsVersions = Set.copyOf(Objects.requireNonNull(tlsVersions, "tlsVersions"));
        if (tlsVersions.isEmpty()) {
            throw new IllegalArgumentException("no TLS version given (use TLSv1.2, TLSv1.3 or both)");
        }
        for (String version : tlsVersions) {
            if (!SUPPORTED_TLS_VERSIONS.contains(version)) {
                throw new IllegalArgumentException("unsupported TLS version '" + version + "' (use TLSv1.2, TLSv1.3)");
            }
        }
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("give both a certificate and its private key, or neither");
        }
        if (certificate != null) {
            requireReadable("certificate", certificate);
            requireReadable("private key", privateKey);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative");
        }
        if (maxBodyBytes < 0 || maxBodyBytes > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("max body must be between 0 and 1GiB, got " + maxBodyBytes);
        }
        if (maxHeaderBytes < 256 || maxHeaderBytes > (1 << 20)) {
            throw new IllegalArgumentException("max header must be between 256B and 1MiB, got " + maxHeaderBytes);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("io threads must not be negative");
        }
        Objects.requireNonNull(tlsProvider, "tlsProvider");
        Objects.requireNonNull(transport, "transport");
    }

    /** The defaults: 127.0.0.1, ports 8080 and 8443, keep-alive, TLS 1.2 and 1.3, self-signed, TCP_NODELAY on. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The TLS versions, in a stable order (for messages). */
    public String tlsVersionsText() {
        return String.join(", ", new TreeSet<>(tlsVersions));
    }

    private static void checkPort(String name, int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be -1 (off), 0 (ephemeral) or 1-65535, got " + port);
        }
    }

    private static void requireReadable(String what, Path path) {
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(what + " file not readable: " + path);
        }
    }

    /** Fluent construction of {@link OriginConfig}; every setter has a sensible default. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 8080;
        private int tlsPort = 8443;
        private boolean keepAlive = true;
        private Set<String> tlsVersions = SUPPORTED_TLS_VERSIONS;
        private Path certificate;
        private Path privateKey;
        private boolean nagle;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private long maxBodyBytes = 8L << 20;
        private int maxHeaderBytes = 8 << 10;
        private int ioThreads;
        private TlsProvider tlsProvider = TlsProvider.AUTO;
        private Transport transport = Transport.AUTO;

        private Builder() {}

        private Builder(OriginConfig c) {
            bindAddress = c.bindAddress;
            port = c.port;
            tlsPort = c.tlsPort;
            keepAlive = c.keepAlive;
            tlsVersions = c.tlsVersions;
            certificate = c.certificate;
            privateKey = c.privateKey;
            nagle = c.nagle;
            idleTimeout = c.idleTimeout;
            maxBodyBytes = c.maxBodyBytes;
            maxHeaderBytes = c.maxHeaderBytes;
            ioThreads = c.ioThreads;
            tlsProvider = c.tlsProvider;
            transport = c.transport;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /** Plain HTTP/1.1 + h2c port: 0 = ephemeral, -1 = off. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** TLS port: 0 = ephemeral, -1 = off. */
        public Builder tlsPort(int tlsPort) {
            this.tlsPort = tlsPort;
            return this;
        }

        public Builder keepAlive(boolean keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        public Builder tlsVersions(Set<String> tlsVersions) {
            this.tlsVersions = tlsVersions;
            return this;
        }

        /** PEM files; both or neither (then a self-signed certificate is generated). */
        public Builder certificate(Path certificate, Path privateKey) {
            this.certificate = certificate;
            this.privateKey = privateKey;
            return this;
        }

        public Builder nagle(boolean nagle) {
            this.nagle = nagle;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder maxHeaderBytes(int maxHeaderBytes) {
            this.maxHeaderBytes = maxHeaderBytes;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder tlsProvider(TlsProvider tlsProvider) {
            this.tlsProvider = tlsProvider;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public OriginConfig build() {
            return new OriginConfig(bindAddress, port, tlsPort, keepAlive, tlsVersions, certificate, privateKey,
                    nagle, idleTimeout, maxBodyBytes, maxHeaderBytes, ioThreads, tlsProvider, transport);
        }
    }
}
