package io.roundtrip.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a connection. On accept it connects to the listener's fixed upstream on the same event loop;
 * the client is not read until that connection is up.
 */
final class FrontendHandler extends RelayHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);

    private final ProxyListener listener;

    FrontendHandler(ProxyListener listener) {
        super(LOG, null);
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long acceptNanos = System.nanoTime();
        Channel frontend = ctx.channel();
        Connection connection = new Connection(listener, frontend, acceptNanos);
        serve(connection);
        listener.connectionOpened(connection);
        connection.updateToxics(listener.toxics());
        Bootstrap b = new Bootstrap()
                .group(frontend.eventLoop())
                .channel(listener.server().transport().channel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new BackendHandler(connection));
        ChannelFuture connect = b.connect(listener.upstreamAddress());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connection.backendConnected(connect.channel());
            } else {
                LOG.debug("upstream {} of {} failed: {}", listener.upstream(), listener.name(), f.cause().toString());
                connection.close();
            }
        });
    }
}
