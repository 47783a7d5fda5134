package io.roundtrip.origin;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SlowPeerGuard}'s request deadline for one HTTP/2 stream (slow POST over h2: a body trickled, or stalled,
 * while the connection keeps busy with other frames, so the idle timeout never fires): a stream whose request is not
 * whole within the limit of its opening is reset (RST_STREAM CANCEL). The connection and its other streams go on.
 * Slowloris over h2 needs no deadline here: a header block is bounded by the small-CONTINUATION and header-list
 * limits, and a silent one by the idle timeout. Slow read over h2 is bounded by flow control.
 */
final class SlowStreamGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SlowStreamGuard.class);

    private final long limitNanos;
    private final OriginStats stats;
    private ScheduledFuture<?> deadline;

    SlowStreamGuard(Duration limit, OriginStats stats) {
        this.limitNanos = limit.toNanos();
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            deadline = null;
            LOG.debug("{} request not whole within {} ms: stream reset", ctx.channel(), limitNanos / 1_000_000);
            stats.slowRequestDropped();
            ctx.close();
        }, limitNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
            cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
