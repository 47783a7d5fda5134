package io.roundtrip.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.roundtrip.proxy.toxic.Segment;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied connection: the client's channel (frontend), the upstream channel (backend, on the same event loop),
 * and a {@link Direction} each way. Ends: a FIN is forwarded as a half-close once the data before it is delivered;
 * when both directions have delivered their FIN the connection closes. A reset is forwarded as a reset
 * (SO_LINGER 0). A graceful close flushes first, but a peer that does not read cannot hold it open: after
 * {@link #CLOSE_GRACE_MILLIS} the channel is reset, as toxiproxy does. The listener counts the connection open until
 * both sockets are closed. Confined to the frontend's event loop.
 */
final class Connection {

    /** How long a graceful close may wait for its flush before the channel is reset. */
    static final long CLOSE_GRACE_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final ProxyListener listener;
    private final Channel frontend;
    private final long acceptNanos;
    private final SplittableRandom random;
    private final Direction upstream;
    private final Direction downstream;
    private Channel backend;
    private boolean closed;
    private int finsStarted;
    private int finsDone;

    Connection(ProxyListener listener, Channel frontend, long acceptNanos) {
        this.listener = listener;
        this.frontend = frontend;
        this.acceptNanos = acceptNanos;
        this.random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
        this.upstream = new Direction(this, Stream.UPSTREAM);
        this.downstream = new Direction(this, Stream.DOWNSTREAM);
    }

    ProxyListener listener() {
        return listener;
    }

    long acceptNanos() {
        return acceptNanos;
    }

    SplittableRandom random() {
        return random;
    }

    EventLoop eventLoop() {
        return frontend.eventLoop();
    }

    Direction upstream() {
        return upstream;
    }

    Direction downstream() {
        return downstream;
    }

    /** Applies a changed toxic list; runs on the event loop. */
    void updateToxics(List<ToxicSpec> specs) {
        if (closed) {
            return;
        }
        upstream.updateToxics(specs);
        downstream.updateToxics(specs);
        upstream.updateReading();
        downstream.updateReading();
    }

    /** The upstream connection is up: start reading both sides. */
    void backendConnected(Channel backend) {
        if (closed) {
            backend.close();
            return;
        }
        this.backend = backend;
        upstream.attach(frontend, backend);
        downstream.attach(backend, frontend);
    }

    Direction sourcedBy(Channel channel) {
        return channel == frontend ? upstream : downstream;
    }

    Direction sinkingInto(Channel channel) {
        return channel == frontend ? downstream : upstream;
    }

    /** A direction reached its end marker after delivering everything before it. */
    void deliver(Direction direction, Segment.Kind kind) {
        Channel sink = direction.sink();
        switch (kind) {
            case FIN:
                finsStarted++;
                // shut the output down only after everything written before has left: Netty's shutdownOutput
                // fails writes still pending in the outbound buffer
                if (sink instanceof DuplexChannel && sink.isActive()) {
                    sink.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                        if (sink.isActive()) {
                            ((DuplexChannel) sink).shutdownOutput();
                        }
                        finsDone++;
                        closeIfBothEnded();
                    });
                } else {
                    finsDone++;
                    closeIfBothEnded();
                }
                break;
            case RST:
                reset();
                break;
            case CLOSE:
            default:
                close();
                break;
        }
    }

    private void closeIfBothEnded() {
        if (upstream.delivered() && downstream.delivered() && finsDone >= finsExpected()) {
            close();
        }
    }

    /** FINs whose shutdown is in flight must finish before the close; a direction whose sink went away has none. */
    private int finsExpected() {
        return finsStarted;
    }

    /** A channel was closed under us (by its peer or an error) without an end marker from its side. */
    void channelInactive(Channel channel) {
        if (closed) {
            return;
        }
        sinkingInto(channel).sinkGone();
        Direction from = sourcedBy(channel);
        if (!from.ended()) {
            from.onEnd(Segment.Kind.FIN);
        } else if (from.delivered()) {
            closeIfBothEnded();
        }
    }

    /** Closes both sides gracefully: whatever was written before is flushed first. */
    void close() {
        end(Connection::closeGracefully);
    }

    /** Resets both sides now (RST). */
    void reset() {
        end(Connection::resetChannel);
    }

    /** The first close or reset ends both sides, each channel as {@code endChannel} says; later ones do nothing. */
    private void end(Consumer<Channel> endChannel) {
        if (closed) {
            return;
        }
        closed = true;
        endChannel.accept(frontend);
        if (backend != null) {
            endChannel.accept(backend);
        }
        release();
    }

    /** Frees the queues now; the listener stops counting the connection once its sockets are closed. */
    private void release() {
        upstream.close();
        downstream.close();
        Channel b = backend;
        frontend.closeFuture().addListener(f -> {
            if (b == null) {
                listener.connectionClosed(this);
            } else {
                b.closeFuture().addListener(g -> listener.connectionClosed(this));
            }
        });
    }

    /**
     * Flushes what was written, then closes; if the flush has not completed after {@link #CLOSE_GRACE_MILLIS} (a
     * peer that does not read), resets the channel instead of waiting for ever.
     */
    private static void closeGracefully(Channel channel) {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                LOG.debug("{}: not flushed after {} ms, resetting", channel, CLOSE_GRACE_MILLIS);
                resetChannel(channel);
            }
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> deadline.cancel(false));
    }

    private static void resetChannel(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            }
        } catch (RuntimeException e) {
            LOG.debug("SO_LINGER 0 failed on {}", channel, e);
        }
        channel.close();
    }
}
