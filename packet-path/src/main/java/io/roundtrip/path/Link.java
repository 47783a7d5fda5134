package io.roundtrip.path;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.LossProcess;
import io.roundtrip.model.profile.NetworkProfile;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of the path, as a router and a wire would treat each packet: read from one TUN device, dropped by
 * the profile's loss process (Bernoulli or Gilbert–Elliott, every packet: SYNs and ACKs too), queued drop-tail
 * behind the bottleneck (serialised at the direction's bandwidth; a packet that would find more than
 * {@code queueBytes} ahead of it is dropped), then delayed by the one-way delay plus a jitter sample, and written to
 * the other TUN device at that time. Releases never go backwards, so jitter does not reorder packets (as the proxy).
 *
 * <p>Two threads: the reader stamps and decides, the writer waits for each release in order.
 */
final class Link implements AutoCloseable {

    private static final int MAX_PACKET_BYTES = 65_535;
    private static final int POLL_MILLIS = 100;
    /** The writer parks until this close to a release, then spins: parking alone is 0.1-0.3 ms late on a VM. */
    private static final long SPIN_NANOS = 50_000;

    /** A packet and the time it leaves the link. */
    private record Packet(byte[] bytes, long releaseNanos) {}

    /** What the link did, so far. */
    record Counts(long read, long lost, long queueDrops, long written) {}

    private final String name;
    private final TunDevice from;
    private final TunDevice to;
    private final NetworkProfile profile;
    private final Direction direction;
    private final long queueBytes;
    private final RandomGenerator random;
    private final LossProcess loss;
    private final LinkedBlockingQueue<Packet> inFlight = new LinkedBlockingQueue<>();
    private final LongAdder read = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder queueDrops = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final Thread reader;
    private final Thread writer;
    private volatile boolean running = true;
    private long wireFreeNanos = Long.MIN_VALUE;
    private long lastReleaseNanos = Long.MIN_VALUE;

    Link(String name, TunDevice from, TunDevice to, NetworkProfile profile, Direction direction, long queueBytes,
            long seed) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.profile = profile;
        this.direction = direction;
        this.queueBytes = queueBytes;
        this.random = new Well19937c(seed);
        this.loss = profile.loss().newProcess(seed ^ 0x9E3779B97F4A7C15L);
        this.reader = daemon(this::readLoop, "path-" + name + "-reader");
        this.writer = daemon(this::writeLoop, "path-" + name + "-writer");
    }

    private static Thread daemon(Runnable loop, String threadName) {
        Thread thread = new Thread(loop, threadName);
        thread.setDaemon(true);
        return thread;
    }

    void start() {
        reader.start();
        writer.start();
    }

    Counts counts() {
        return new Counts(read.sum(), lost.sum(), queueDrops.sum(), written.sum());
    }

    private void readLoop() {
        byte[] buffer = new byte[MAX_PACKET_BYTES];
        while (running) {
            int length = from.read(buffer, POLL_MILLIS);
            if (length == 0) {
                continue;
            }
            read.increment();
            long release = admit(length, System.nanoTime());
            if (release != Long.MIN_VALUE) {
                byte[] packet = new byte[length];
                System.arraycopy(buffer, 0, packet, 0, length);
                inFlight.add(new Packet(packet, release));
            }
        }
    }

    /** The time a packet of {@code bytes} arriving at {@code nowNanos} leaves the link, or MIN_VALUE if dropped. */
    long admit(int bytes, long nowNanos) {
        if (loss.nextSegmentLost()) {
            lost.increment();
            return Long.MIN_VALUE;
        }
        long departure = nowNanos;
        long rate = profile.bandwidthBitsPerSecond(direction);
        if (rate > 0) {
            long start = Math.max(nowNanos, wireFreeNanos);
            long backlogBytes = (long) ((start - nowNanos) * (rate / 8e9));
            if (backlogBytes + bytes > queueBytes) {
                queueDrops.increment();
                return Long.MIN_VALUE;
            }
            wireFreeNanos = start + (long) profile.serializationNanos(direction, bytes);
            departure = wireFreeNanos;
        }
        long release = Math.max(departure + profile.sampleDelayNanos(direction, random), lastReleaseNanos);
        lastReleaseNanos = release;
        return release;
    }

    private void writeLoop() {
        while (running) {
            Packet packet;
            try {
                packet = inFlight.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (packet == null) {
                continue;
            }
            long wait;
            while ((wait = packet.releaseNanos() - System.nanoTime()) > 0) {
                if (wait > SPIN_NANOS) {
                    LockSupport.parkNanos(wait - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
            if (to.write(packet.bytes(), packet.bytes().length)) {
                written.increment();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
        writer.interrupt();
        try {
            reader.join(1_000);
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " " + counts();
    }
}
