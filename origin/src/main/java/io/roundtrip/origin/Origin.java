package io.roundtrip.origin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running origin: a plain listener (HTTP/1.1, h2c) and a TLS listener (h2 and http/1.1 by ALPN) sharing one
 * event-loop group. Start it with {@link #start(OriginConfig)}, stop it with {@link #close()}.
 *
 * <pre>{@code
 * try (Origin origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).build())) {
 *     URI page = origin.httpsUri().resolve("/page?resources=20&size=8KiB");
 *     ...
 * }
 * }</pre>
 */
public final class Origin implements AutoCloseable {

    /** Unsent bytes a connection may leave in the kernel (see {@link Transports#capUnsentBytes}). */
    static final int MAX_UNSENT_KERNEL_BYTES = 256 << 10;

    private final OriginConfig config;
    private final OriginStats stats;
    private final ServerCertificate certificate;
    private final EventLoopGroup group;
    private final String transportName;
    private final String tlsProviderName;
    private final Channel plainChannel;
    private final Channel tlsChannel;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Origin(OriginConfig config, OriginStats stats, ServerCertificate certificate, EventLoopGroup group,
            String transportName, String tlsProviderName, Channel plainChannel, Channel tlsChannel) {
        this.config = config;
        this.stats = stats;
        this.certificate = certificate;
        this.group = group;
        this.transportName = transportName;
        this.tlsProviderName = tlsProviderName;
        this.plainChannel = plainChannel;
        this.tlsChannel = tlsChannel;
    }

    /**
     * Binds the listeners and returns once both accept connections.
     *
     * @throws IllegalArgumentException if the configuration cannot work (unreadable certificate, ...)
     * @throws IllegalStateException    if a port cannot be bound or a demanded transport / TLS engine is missing
     */
    public static Origin start(OriginConfig config) {
        Transports transport = Transports.select(config.transport());
        ServerCertificate certificate = null;
        SslContext sslContext = null;
        String tlsProviderName = "none";
        if (config.tlsPort() >= 0) {
            certificate = config.certificate() == null
                    ? ServerCertificate.selfSigned()
                    : ServerCertificate.fromPem(config.certificate(), config.privateKey());
            sslContext = TlsContexts.server(config, certificate);
            tlsProviderName = TlsContexts.provider(config.tlsProvider()) == SslProvider.OPENSSL
                    ? "OpenSSL" : "JDK";
        }
        OriginStats stats = new OriginStats();
        HttpPipelines pipelines = new HttpPipelines(config, stats, sslContext);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.ioThreads(),
                new DefaultThreadFactory("origin", true), transport.ioHandlerFactory());
        try {
            Channel plain = config.port() >= 0 ? bind(config, transport, group, config.port(), pipelines.plain()) : null;
            Channel tls = config.tlsPort() >= 0 ? bind(config, transport, group, config.tlsPort(), pipelines.tls()) : null;
            return new Origin(config, stats, certificate, group, transport.name(), tlsProviderName, plain, tls);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
    }

    private static Channel bind(OriginConfig config, Transports transport, EventLoopGroup group, int port,
            ChannelInitializer<Channel> initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, !config.nagle())
                .childHandler(initializer);
        transport.capUnsentBytes(bootstrap, MAX_UNSENT_KERNEL_BYTES);
        try {
            return bootstrap.bind(config.bindAddress(), port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + config.bindAddress() + ":" + port, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + config.bindAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code http://host:port} of the plain listener (HTTP/1.1 and h2c). */
    public URI httpUri() {
        return uri("http", require(plainChannel, "plain"));
    }

    /** {@code https://host:port} of the TLS listener (h2 and http/1.1 by ALPN). */
    public URI httpsUri() {
        return uri("https", require(tlsChannel, "TLS"));
    }

    /** The plain listener's actual port, or -1 if it is off. */
    public int httpPort() {
        return plainChannel == null ? -1 : port(plainChannel);
    }

    /** The TLS listener's actual port, or -1 if it is off. */
    public int httpsPort() {
        return tlsChannel == null ? -1 : port(tlsChannel);
    }

    /** The counters since start. */
    public OriginStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** The TLS listener's certificate (trust it with {@link ServerCertificate#trustingSslContext()}); null if TLS is off. */
    public ServerCertificate certificate() {
        return certificate;
    }

    public OriginConfig config() {
        return config;
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return transportName;
    }

    /** {@code OpenSSL}, {@code JDK}, or {@code none} when TLS is off. */
    public String tlsProvider() {
        return tlsProviderName;
    }

    /** Blocks until {@link #close()} has finished (from another thread or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops listening, closes every connection and the event loops; idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            if (plainChannel != null) {
                plainChannel.close().syncUninterruptibly();
            }
            if (tlsChannel != null) {
                tlsChannel.close().syncUninterruptibly();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        } finally {
            closed.countDown();
        }
    }

    private static Channel require(Channel channel, String which) {
        if (channel == null) {
            throw new IllegalStateException("the " + which + " listener is off (port -1)");
        }
        return channel;
    }

    private static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private static URI uri(String scheme, Channel channel) {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        InetAddress host = address.getAddress();
        try {
            if (host.isAnyLocalAddress()) {
                host = InetAddress.getLoopbackAddress();
            }
            String text = host.getHostAddress();
            if (text.contains("%")) {
                text = text.substring(0, text.indexOf('%'));
            }
            return new URI(scheme, null, text, address.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
