package io.roundtrip.proxy.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.roundtrip.proxy.ProxyServer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The control API in toxiproxy's REST dialect, on its own single-thread event loop (so it may wait for listener
 * binds on the proxy's loops without blocking them).
 */
public final class ApiServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel channel;

    private ApiServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    public static ApiServer start(ProxyServer proxy, InetSocketAddress address) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("roundtrip-proxy-api", true),
                NioIoHandler.newFactory());
        ApiHandler handler = new ApiHandler(proxy);
        try {
            InetSocketAddress target = address.isUnresolved()
                    ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4 << 20), handler);
                        }
                    })
                    .bind(target).syncUninterruptibly().channel();
            return new ApiServer(group, channel);
        } catch (Exception e) { // Netty rethrows the checked BindException unchecked
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot start the API on " + ProxyServer.format(address) + ": "
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
