package io.roundtrip.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@link SlowPeerGuard} and {@link SlowStreamGuard} share: deadlines of one limit, scheduled on the channel's
 * event loop, and all of them cancelled when the channel goes inactive or the guard is removed.
 */
abstract class DeadlineGuard extends ChannelInboundHandlerAdapter {

    /** One deadline of the guard: armed, or not (cancelled, or over). Used on the event loop only. */
    final class Deadline {
        private ScheduledFuture<?> due;

        boolean armed() {
            return due != null;
        }

        /** Runs {@code onDue} the guard's limit from now, unless cancelled first. */
        void arm(ChannelHandlerContext ctx, Runnable onDue) {
            due = ctx.executor().schedule(() -> {
                due = null;
                onDue.run();
            }, limitNanos, TimeUnit.NANOSECONDS);
        }

        void cancel() {
            if (due != null) {
                due.cancel(false);
                due = null;
            }
        }
    }

    protected final long limitNanos;
    protected final OriginStats stats;
    private final List<Deadline> deadlines = new ArrayList<>(2);

    DeadlineGuard(Duration limit, OriginStats stats) {
        this.limitNanos = limit.toNanos();
        this.stats = stats;
    }

    /** A new deadline of this guard, cancelled with the others. */
    protected final Deadline newDeadline() {
        Deadline deadline = new Deadline();
        deadlines.add(deadline);
        return deadline;
    }

    protected final long limitMillis() {
        return limitNanos / 1_000_000;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadlines.forEach(Deadline::cancel);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handlerRemoved(ctx);
        ctx.fireChannelInactive();
    }
}
