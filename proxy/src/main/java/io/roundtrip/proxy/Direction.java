package io.roundtrip.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.roundtrip.proxy.toxic.CongestionWindow;
import io.roundtrip.proxy.toxic.Segment;
import io.roundtrip.proxy.toxic.StageContext;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.ToxicChain;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one connection: bytes read from {@code source} go through the toxic chain, which stamps each
 * segment with its release time; segments wait in one FIFO (release times never decrease: no reordering) and a
 * single timer, set to the head's deadline on the event loop, writes every due segment to {@code sink} and flushes
 * once. The queue is bounded: past the limit (bandwidth-delay product plus a margin) the source stops being read,
 * and reading resumes below half of it; a sink that is not writable stops the draining.
 *
 * <p>Confined to the connection's event loop.
 */
final class Direction extends StageContext {

    private static final long MARGIN_BYTES = 64 * 1024;

    private final Connection connection;
    private final Stream stream;
    private final ToxicChain chain = new ToxicChain();
    private final ArrayDeque<Segment> queue = new ArrayDeque<>();
    private final List<Segment> batch = new ArrayList<>(4);
    private final Runnable drainTask = this::onTimer;
    private Channel source;
    private Channel sink;
    private long queuedBytes;
    private long queueLimitBytes;
    private long lastReleaseNanos = Long.MIN_VALUE;
    private ScheduledFuture<?> timer;
    /** When the timer was asked to run: a little before the head's release ({@link WakeAhead}). */
    private long timerAskedNanos;
    private boolean ready;
    private boolean reading;
    private boolean ended;
    private boolean delivered;
    private boolean flushPending;

    Direction(Connection connection, Stream stream) {
        this.connection = connection;
        this.stream = stream;
    }

    void attach(Channel source, Channel sink) {
        this.source = source;
        this.sink = sink;
        this.ready = true;
        drain();
    }

    void updateToxics(List<ToxicSpec> specs) {
        if (congestionWindow() != null) {
            boolean stillThere = specs.stream().anyMatch(s -> s.stream() == stream && "slow_start".equals(s.type()));
            if (!stillThere) {
                forgetCongestionWindow();
            }
        }
        chain.update(specs, this);
        long max = connection.listener().server().config().maxQueuedBytes();
        long rate = chain.rateBytesPerSecond();
        // the bandwidth-delay product, with the delay floored at 250 ms so a paced stream stays fed through
        // scheduling hiccups (the bucket must never starve, or the achieved rate drops below the cap)
        // (in double: rate × delay overflows a long for fast links and long delays)
        long bdp = rate > 0 ? (long) Math.min(max, rate * (Math.max(chain.delayNanos(), 250_000_000L) / 1e9)) : max;
        // a pass-through holds nothing back: its bound is the margin alone
        queueLimitBytes = (chain.isEmpty() ? 0 : Math.min(bdp, max)) + MARGIN_BYTES;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    long queueLimitBytes() {
        return queueLimitBytes;
    }

    /** Bytes read from the source. */
    void onData(ByteBuf data) {
        if (ended) {
            data.release();
            return;
        }
        if (ready && chain.isEmpty() && queue.isEmpty() && sink.isWritable()) {
            // pass-through fast path: no toxics, nothing queued ahead; flushed once per read loop
            connection.listener().stats().bytes(stream, data.readableBytes());
            sink.write(data, sink.voidPromise());
            flushPending = true;
            return;
        }
        long now = System.nanoTime();
        batch.add(Segment.data(data, now));
        process();
    }

    /** The source ended: FIN (half-close), or RST. Later markers are ignored. */
    void onEnd(Segment.Kind kind) {
        if (ended) {
            return;
        }
        ended = true;
        batch.add(Segment.marker(kind, System.nanoTime()));
        process();
    }

    boolean ended() {
        return ended;
    }

    /** Everything up to the end marker has been delivered (or the sink is gone). */
    boolean delivered() {
        return delivered;
    }

    /** The sink is gone: nothing more can be delivered this way. */
    void sinkGone() {
        delivered = true;
        ended = true;
        discardQueue();
    }

    private void process() {
        chain.apply(batch, this);
        for (int i = 0; i < batch.size(); i++) {
            Segment s = batch.get(i);
            if (s.releaseNanos < lastReleaseNanos) {
                s.releaseNanos = lastReleaseNanos;
            }
            lastReleaseNanos = s.releaseNanos;
            queue.add(s);
            queuedBytes += s.sizeBytes();
        }
        batch.clear();
        CongestionWindow window = congestionWindow();
        if (window != null) {
            connection.listener().stats().window(window.windowBytes());
        }
        drain();
    }

    private void onTimer() {
        timer = null;
        WakeAhead ahead = wakeAhead();
        ahead.observe(timerAskedNanos, System.nanoTime());
        Segment head = queue.peek();
        if (head != null) {
            long now = ahead.spinUntil(head.releaseNanos);
            connection.listener().stats().released(Math.max(0, now - head.releaseNanos));
        }
        drain();
    }

    private WakeAhead wakeAhead() {
        return WakeAhead.forThisLoop(connection.listener().server().config().maxSpinNanos());
    }

    /** End of a read loop on the source: flushes what the fast path wrote. */
    void readComplete() {
        if (flushPending) {
            flushPending = false;
            sink.flush();
        }
    }

    /** Writes every due segment, flushes once, sets the timer for the next one. */
    void drain() {
        if (!ready || delivered) {
            return;
        }
        boolean wrote = false;
        long now = System.nanoTime();
        Segment s;
        while ((s = queue.peek()) != null) {
            if (s.releaseNanos > now) {
                now = System.nanoTime();
                if (s.releaseNanos > now) {
                    break;
                }
            }
            if (s.isData()) {
                if (!sink.isWritable()) {
                    break;
                }
                queue.poll();
                int size = s.sizeBytes();
                queuedBytes -= size;
                connection.listener().stats().bytes(stream, size);
                ByteBuf data = s.data;
                s.data = null;
                sink.write(data, sink.voidPromise());
                wrote = true;
            } else {
                queue.poll();
                if (wrote) {
                    sink.flush();
                    wrote = false;
                }
                delivered = true;
                connection.deliver(this, s.kind);
                return;
            }
        }
        if (wrote || flushPending) {
            flushPending = false;
            sink.flush();
        }
        Segment head = queue.peek();
        if (head != null && timer == null && head.releaseNanos > now) {
            // saturating: a release time far in the future must not wrap into "now"; woken early to spin the rest
            long wakeAt = Segment.plus(head.releaseNanos, -wakeAhead().aheadNanos());
            long askedAt = System.nanoTime();
            long wait = Math.max(0, Segment.plus(wakeAt, -askedAt));
            timerAskedNanos = Segment.plus(askedAt, wait);
            timer = sink.eventLoop().schedule(drainTask, wait, TimeUnit.NANOSECONDS);
        }
        updateReading();
    }

    /** Reads the source only while the queue is under its bound (hysteresis: resume below half). */
    void updateReading() {
        if (!ready || source == null || !source.isActive()) {
            return;
        }
        boolean shouldRead = !ended && queuedBytes < (reading ? queueLimitBytes : queueLimitBytes / 2);
        if (shouldRead != reading) {
            reading = shouldRead;
            source.config().setAutoRead(shouldRead);
            if (!shouldRead && !ended) {
                connection.listener().stats().readPaused();
            }
        }
    }

    Channel sink() {
        return sink;
    }

    void close() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        chain.close();
        discardQueue();
        for (Segment s : batch) {
            s.discard();
        }
        batch.clear();
    }

    private void discardQueue() {
        Segment s;
        while ((s = queue.poll()) != null) {
            s.discard();
        }
        queuedBytes = 0;
    }

    // StageContext

    @Override
    public Stream stream() {
        return stream;
    }

    @Override
    public long acceptNanos() {
        return connection.acceptNanos();
    }

    @Override
    public long nowNanos() {
        return System.nanoTime();
    }

    @Override
    public SplittableRandom random() {
        return connection.random();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return connection.eventLoop().schedule(task, delay, unit);
    }

    @Override
    public void resetConnection() {
        connection.reset();
    }

    @Override
    public void closeConnection() {
        connection.close();
    }

    @Override
    public void countStall() {
        connection.listener().stats().stall();
    }
}
