package io.roundtrip.path;

import io.roundtrip.model.RetransmissionTimeout;
import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.LossProcess;
import io.roundtrip.model.profile.NetworkProfile;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of the path, as a router and a wire would treat each packet: read from one TUN device, dropped by
 * the profile's loss process (Bernoulli or Gilbert–Elliott, every packet: SYNs and ACKs too), queued drop-tail
 * behind the bottleneck (serialised at the direction's bandwidth; a packet that would find more than
 * {@code queueBytes} ahead of it is dropped), then delayed by the one-way delay plus a jitter sample, and written to
 * the other TUN device at that time. Releases never go backwards, so jitter does not reorder packets (as the proxy),
 * unless {@code reorder} is asked for: then each packet leaves at its own time, and a packet with a large jitter
 * sample is overtaken by the next ones, as netem's jitter does.
 *
 * <p>Two threads: the reader stamps and decides, the writer waits for each release in order.
 */
final class Link implements AutoCloseable {

    private static final int MAX_PACKET_BYTES = 65_535;
    private static final int POLL_MILLIS = 100;
    /**
     * The writer parks until a little before a release and spins the rest: parking alone is 0.1-0.4 ms late on a VM.
     * How early is learned from the writer's own lateness (RFC 6298's estimator, as the proxy's event loops do),
     * never more than this.
     */
    private static final long MAX_SPIN_NANOS = 500_000;
    /** Below this a wait is spun, not parked. */
    private static final long SPIN_NANOS = 20_000;

    /** A packet and the time it leaves the link; in release order (ties: arrival order) when the link reorders. */
    private record Packet(byte[] bytes, long releaseNanos, long sequence) implements Comparable<Packet> {
        @Override
        public int compareTo(Packet other) {
            int byRelease = Long.compare(releaseNanos, other.releaseNanos);
            return byRelease != 0 ? byRelease : Long.compare(sequence, other.sequence);
        }
    }

    /**
     * What the link did, so far; {@code overtaken}: packets written after one that had arrived later;
     * {@code synsDropped}: connection-opening SYNs dropped on request (beside {@code lost}).
     */
    record Counts(long read, long lost, long queueDrops, long written, long overtaken, long synsDropped) {}

    private static final int IP_PROTOCOL_TCP = 6;
    private static final int TCP_FLAG_SYN = 0x02;
    private static final int TCP_FLAG_ACK = 0x10;

    private final String name;
    private final TunDevice from;
    private final TunDevice to;
    private final NetworkProfile profile;
    private final Direction direction;
    private final long queueBytes;
    private final RandomGenerator random;
    private final LossProcess loss;
    /** FIFO when releases never go backwards; ordered by release when the link reorders. */
    private final BlockingQueue<Packet> inFlight;
    private final boolean reorder;
    private long sequence;
    private final LongAdder read = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder queueDrops = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder overtaken = new LongAdder();
    /** SYNs still to drop; reader thread only. */
    private int synsToDrop;
    private final LongAdder synsDropped = new LongAdder();
    private long lastWrittenSequence = -1;
    /** The writer's parking lateness; writer thread only. */
    private final RetransmissionTimeout parkLateness = new RetransmissionTimeout(0, 0, 0);
    private final Thread reader;
    private final Thread writer;
    private volatile boolean running = true;
    private long wireFreeNanos = Long.MIN_VALUE;
    private long lastReleaseNanos = Long.MIN_VALUE;

    Link(String name, TunDevice from, TunDevice to, NetworkProfile profile, Direction direction, long queueBytes,
            long seed, boolean reorder, int dropSyns) {
        this.reorder = reorder;
        this.synsToDrop = dropSyns;
        this.inFlight = reorder ? new PriorityBlockingQueue<>() : new LinkedBlockingQueue<>();
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
        return new Counts(read.sum(), lost.sum(), queueDrops.sum(), written.sum(), overtaken.sum(), synsDropped.sum());
    }

    private void readLoop() {
        byte[] buffer = new byte[MAX_PACKET_BYTES];
        while (running) {
            int length = from.read(buffer, POLL_MILLIS);
            if (length == 0) {
                continue;
            }
            read.increment();
            if (synsToDrop > 0 && isConnectionOpeningSyn(buffer, length)) {
                synsToDrop--;
                synsDropped.increment();
                continue;
            }
            long release = admit(length, System.nanoTime());
            if (release != Long.MIN_VALUE) {
                byte[] packet = new byte[length];
                System.arraycopy(buffer, 0, packet, 0, length);
                inFlight.add(new Packet(packet, release, sequence++));
            }
        }
    }

    /** An IPv4 TCP segment with SYN and without ACK (RFC 791 header, RFC 9293 §3.1 flags at byte 13). */
    static boolean isConnectionOpeningSyn(byte[] packet, int length) {
        if (length < 20 || (packet[0] >> 4) != 4 || packet[9] != IP_PROTOCOL_TCP) {
            return false;
        }
        int headerBytes = (packet[0] & 0x0f) * 4;
        if (length < headerBytes + 14) {
            return false;
        }
        int flags = packet[headerBytes + 13];
        return (flags & TCP_FLAG_SYN) != 0 && (flags & TCP_FLAG_ACK) == 0;
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
        long release = departure + profile.sampleDelayNanos(direction, random);
        if (!reorder) {
            release = Math.max(release, lastReleaseNanos);
            lastReleaseNanos = release;
        }
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
                long ahead = Math.max(SPIN_NANOS, Math.min(MAX_SPIN_NANOS, parkLateness.rtoNanos()));
                if (reorder && wait > ahead) {
                    // a packet that arrives meanwhile may be due first: wait on the queue, not past it
                    inFlight.add(packet);
                    packet = null;
                    LockSupport.parkNanos(Math.min(wait - ahead, TimeUnit.MILLISECONDS.toNanos(1)));
                    break;
                }
                if (wait > ahead) {
                    long wakeAt = packet.releaseNanos() - ahead;
                    LockSupport.parkNanos(wait - ahead);
                    parkLateness.sample(Math.min(Math.max(0, System.nanoTime() - wakeAt), 4 * MAX_SPIN_NANOS));
                } else {
                    Thread.onSpinWait();
                }
            }
            if (packet == null) {
                continue;
            }
            if (to.write(packet.bytes(), packet.bytes().length)) {
                written.increment();
            }
            if (packet.sequence() < lastWrittenSequence) {
                overtaken.increment();
            }
            lastWrittenSequence = Math.max(lastWrittenSequence, packet.sequence());
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
