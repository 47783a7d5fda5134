package io.roundtrip.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2FrameCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow-peer defence, one per connection, next to the socket; the limit is the idle timeout. The idle timeout alone
 * does not stop the slow HTTP attacks (slowhttptest's slowloris, slow POST, slow read), since each keeps a trickle
 * of traffic going:
 * <ul>
 *   <li>slowloris and slow POST (HTTP/1.x): a request must be whole within the limit of its first byte (at most
 *       twice the limit, since the deadline is checked once per limit), else {@code 408} and close; nginx's
 *       {@code client_header_timeout} / {@code client_body_timeout} play this part;</li>
 *   <li>slow read (any protocol): a connection that stays unwritable (more than the write buffer's high-water mark
 *       queued, the peer not reading) for the limit is closed; nginx's {@code send_timeout}.</li>
 * </ul>
 * A request that has arrived whole and waits for its answer ({@code /delay}) is not slow: its deadline is over.
 */
final class SlowPeerGuard extends DeadlineGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SlowPeerGuard.class);
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain\r\n"
            + "content-length: 20\r\nconnection: close\r\n\r\n408 Request Timeout\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Deadline requestDeadline = newDeadline();
    private long requestsAtArming;
    private final Deadline stallDeadline = newDeadline();
    /** Set once the connection turns out to speak HTTP/2: {@link SlowStreamGuard}s take over the requests. */
    private boolean http2;

    SlowPeerGuard(Duration limit, OriginStats stats) {
        super(limit, stats);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf && !requestDeadline.armed() && !http2(ctx)) {   // HTTP/1.x (or not known yet)
            requestsAtArming = ConnectionState.of(ctx.channel()).requestsStarted();
            requestDeadline.arm(ctx, () -> requestDue(ctx));
        }
        ctx.fireChannelRead(msg);
    }

    private void requestDue(ChannelHandlerContext ctx) {
        ConnectionState state = ConnectionState.of(ctx.channel());
        if (state.requestsStarted() > requestsAtArming || state.busy() || http2(ctx)) {
            return;   // the request came whole in time (or is being answered): the next bytes arm a new deadline
        }
        LOG.debug("{} request not whole within {} ms: 408 and close", ctx.channel(), limitMillis());
        stats.slowRequestDropped();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && !stallDeadline.armed()) {
            stallDeadline.arm(ctx, () -> {
                LOG.debug("{} peer left the connection unread for {} ms: closing", ctx.channel(), limitMillis());
                stats.stalledReaderDropped();
                ctx.close();
            });
        } else if (ctx.channel().isWritable()) {
            stallDeadline.cancel();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** HTTP/2 multiplexes: a stream's slowness is its own, the connection's only when it stops reading. */
    private boolean http2(ChannelHandlerContext ctx) {
        if (!http2) {
            http2 = ctx.pipeline().get(Http2FrameCodec.class) != null;
        }
        return http2;
    }
}
