package io.roundtrip.proxy.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.roundtrip.proxy.Addresses;
import io.roundtrip.proxy.ProxyServer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The control API of a running {@link ProxyServer} in toxiproxy's REST dialect, on its own single-thread event loop
 * (so requests are answered one at a time, and may wait for listener binds on the proxy's loops without blocking
 * them). Close it before the proxy.
 *
 * <pre>{@code
 * try (ProxyServer proxy = ProxyServer.start(); ApiServer api = ApiServer.start(proxy, ApiServer.DEFAULT_ADDRESS)) {
 *     ...
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {

    /** toxiproxy's default. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 8474);

    /** The largest request body taken (4 MiB: a populate list of thousands of proxies); more is a 413. */
    static final int MAX_BODY_BYTES = 4 << 20;

    private final EventLoopGroup group;
    private final Channel channel;

    private ApiServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Serves the API for {@code proxy} on {@code address} (port 0 picks one); {@link IllegalStateException} if it cannot bind. */
    public static ApiServer start(ProxyServer proxy, InetSocketAddress address) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("roundtrip-proxy-api", true),
                NioIoHandler.newFactory());
        ApiHandler handler = new ApiHandler(Routes.of(proxy));
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new ApiAggregator(MAX_BODY_BYTES), handler);
                        }
                    })
                    .bind(Addresses.resolved(address)).syncUninterruptibly().channel();
            return new ApiServer(group, channel);
        } catch (Exception e) { // Netty rethrows the checked BindException unchecked
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot start the API on " + Addresses.format(address) + ": "
                    + e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
