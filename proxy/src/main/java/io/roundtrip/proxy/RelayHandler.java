package io.roundtrip.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.roundtrip.proxy.toxic.Segment;
import org.slf4j.Logger;

/**
 * One side of a proxied connection, client or upstream: what it reads (and its FIN) feeds the direction leaving
 * it; when it becomes writable again, the direction arriving at it drains. The two sides differ only in which
 * direction is which.
 */
abstract class RelayHandler extends ChannelInboundHandlerAdapter {

    private final Logger log;

    RelayHandler(Logger log) {
        this.log = log;
    }

    abstract Connection connection();

    /** The direction this side's reads go into. */
    abstract Direction leaving(Connection connection);

    /** The direction that writes to this side. */
    abstract Direction arriving(Connection connection);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        leaving(connection()).onData((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        leaving(connection()).readComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            leaving(connection()).onEnd(Segment.Kind.FIN);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        arriving(connection()).drain();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection().channelInactive(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelErrors.onException(connection(), ctx.channel(), cause, log);
    }
}
