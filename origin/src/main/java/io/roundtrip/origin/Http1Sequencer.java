package io.roundtrip.origin;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 pipelining: responses must leave in request order, but {@code /delay} answers later than the request
 * behind it. This handler lets one request at a time through to the router and holds the next until the current
 * response's last part has been written. One instance per connection, on its event loop.
 */
final class Http1Sequencer extends ChannelDuplexHandler {

    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            if (busy) {
                waiting.add(request);
                return;
            }
            busy = true;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean last = msg instanceof LastHttpContent || msg instanceof ChunkedInput;
        ctx.write(msg, promise);
        if (last) {
            busy = false;
            FullHttpRequest next = waiting.poll();
            if (next != null) {
                busy = true;
                ctx.executor().execute(() -> ctx.fireChannelRead(next));
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handlerRemoved(ctx);
        ctx.fireChannelInactive();
    }
}
