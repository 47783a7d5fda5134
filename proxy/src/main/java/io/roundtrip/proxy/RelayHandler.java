package io.roundtrip.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.roundtrip.proxy.toxic.Segment;
import org.slf4j.Logger;

/**
 * One side of a proxied connection, client or upstream: what it reads (and its FIN) feeds the direction leaving
 * it; when it becomes writable again, the direction arriving at it drains. Which direction is which the
 * {@link Connection} tells from the channel ({@link Connection#sourcedBy}, {@link Connection#sinkingInto}), so the
 * two sides differ only in when they learn their connection.
 */
abstract class RelayHandler extends ChannelInboundHandlerAdapter {

    private final Logger log;
    private Connection connection;

    /** {@code connection} may be null until {@link #serve} (the client's side learns it on accept). */
    RelayHandler(Logger log, Connection connection) {
        this.log = log;
        this.connection = connection;
    }

    final void serve(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.sourcedBy(ctx.channel()).onData((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.sourcedBy(ctx.channel()).readComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            connection.sourcedBy(ctx.channel()).onEnd(Segment.Kind.FIN);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.sinkingInto(ctx.channel()).drain();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.channelInactive(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelErrors.onException(connection, ctx.channel(), cause, log);
    }
}
