package io.roundtrip.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.roundtrip.proxy.toxic.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a connection. On accept it connects to the listener's fixed upstream on the same event loop;
 * the client is not read until that connection is up.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);

    private final ProxyListener listener;
    private Connection connection;

    FrontendHandler(ProxyListener listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long acceptNanos = System.nanoTime();
        Channel frontend = ctx.channel();
        connection = new Connection(listener, frontend, acceptNanos);
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

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.upstream().onData((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.upstream().readComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            connection.upstream().onEnd(Segment.Kind.FIN);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.downstream().drain();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.channelInactive(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelErrors.onException(connection, ctx.channel(), cause, LOG);
    }
}
