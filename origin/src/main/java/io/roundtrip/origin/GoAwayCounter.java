package io.roundtrip.origin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.logging.LogLevel;

/**
 * Counts the GOAWAY frames the origin sends, by error code, into {@link OriginStats}: the one place a tripped abuse
 * limit shows even when the peer never reads the frame (a flood from a peer that does not read is the attack).
 * Netty's frame logger is the hook the codec offers for outbound frames; the logging itself stays at TRACE.
 */
final class GoAwayCounter extends Http2FrameLogger {

    private final OriginStats stats;

    GoAwayCounter(OriginStats stats) {
        super(LogLevel.TRACE, GoAwayCounter.class);
        this.stats = stats;
    }

    @Override
    public void logGoAway(Direction direction, ChannelHandlerContext ctx, int lastStreamId, long errorCode,
            ByteBuf debugData) {
        if (direction == Direction.OUTBOUND) {
            Http2Error error = Http2Error.valueOf(errorCode);
            stats.h2GoAwaySent(error == null ? "0x" + Long.toHexString(errorCode) : error.name());
        }
        super.logGoAway(direction, ctx, lastStreamId, errorCode, debugData);
    }
}
