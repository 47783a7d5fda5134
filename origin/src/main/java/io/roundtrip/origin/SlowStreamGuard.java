package io.roundtrip.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SlowPeerGuard}'s request deadline for one HTTP/2 stream (slow POST over h2: a body trickled, or stalled,
 * while the connection keeps busy with other frames, so the idle timeout never fires): a stream whose request is not
 * whole within the limit of its opening is reset (RST_STREAM CANCEL). The connection and its other streams go on.
 * Slowloris over h2 needs no deadline here: a header block is bounded by the small-CONTINUATION and header-list
 * limits, and a silent one by the idle timeout. Slow read over h2 is bounded by flow control.
 */
final class SlowStreamGuard extends DeadlineGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SlowStreamGuard.class);

    private final Deadline deadline = newDeadline();

    SlowStreamGuard(Duration limit, OriginStats stats) {
        super(limit, stats);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline.arm(ctx, () -> {
            LOG.debug("{} request not whole within {} ms: stream reset", ctx.channel(), limitMillis());
            stats.slowRequestDropped();
            ctx.close();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
            deadline.cancel();
        }
        ctx.fireChannelRead(msg);
    }
}
