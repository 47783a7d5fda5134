package io.roundtrip.proxy;

import io.netty.channel.Channel;
import io.roundtrip.proxy.toxic.Segment;
import java.io.IOException;
import org.slf4j.Logger;

/** What an I/O error on either side means: the peer reset, so the other side is reset too (after the delay). */
final class ChannelErrors {

    private ChannelErrors() {}

    static void onException(Connection connection, Channel channel, Throwable cause, Logger log) {
        if (cause instanceof IOException) {
            log.debug("{}: {}", channel, cause.toString());
            Direction from = connection.sourcedBy(channel);
            connection.sinkingInto(channel).sinkGone();
            if (!from.ended()) {
                from.onEnd(Segment.Kind.RST);
            } else if (from.delivered()) {
                connection.reset();
            }
        } else {
            log.warn("unexpected error on {}", channel, cause);
            connection.reset();
        }
    }
}
