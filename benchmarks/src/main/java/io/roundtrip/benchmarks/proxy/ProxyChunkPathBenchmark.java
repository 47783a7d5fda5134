package io.roundtrip.benchmarks.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.roundtrip.model.profile.JitterDistribution;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.proxy.ProfileToxics;
import io.roundtrip.proxy.toxic.CongestionWindow;
import io.roundtrip.proxy.toxic.LossDecider;
import io.roundtrip.proxy.toxic.Segment;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.TokenBucket;
import io.roundtrip.proxy.toxic.ToxicChain;
import io.roundtrip.proxy.toxic.ToxicSpec;
import io.roundtrip.proxy.toxic.VirtualStageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The proxy's per-chunk path without sockets: a chunk through a latency chain and through a full profile chain
 * (handshake, slow start, bandwidth, loss, latency, jitter), a token-bucket reservation, a loss decision, a
 * congestion-window send, and scheduling (and cancelling) a delayed release on an epoll event loop.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ProxyChunkPath -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ProxyChunkPathBenchmark {

    private final List<Segment> segments = new ArrayList<>();
    private ToxicChain latencyChain;
    private ToxicChain profileChain;
    private VirtualStageContext ctx;
    private ByteBuf chunk;
    private TokenBucket bucket;
    private CongestionWindow window;
    private long clock;
    private EventLoopGroup group;
    private EventLoop loop;
    private final Runnable nothing = () -> { };

    @Setup
    public void setUp() {
        ctx = new VirtualStageContext(1);
        latencyChain = new ToxicChain();
        latencyChain.update(List.of(ToxicSpec.of("latency", Stream.DOWNSTREAM, Map.of("latency", 50))), ctx);
        profileChain = new ToxicChain();
        NetworkProfile profile = NetworkProfile.builder().rtt(Duration.ofMillis(80))
                .jitter(JitterDistribution.parse("normal:5ms")).bandwidth(100_000_000).lossRate(0.005).build();
        profileChain.update(ProfileToxics.of(profile), ctx);
        chunk = Unpooled.directBuffer(16 * 1024).writeZero(16 * 1024);
        bucket = new TokenBucket(12_500_000, 0);
        window = new CongestionWindow(1460, 10, 0, 1_000_000, 80_000_000L, 200_000_000L);
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        loop = group.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        group.shutdownGracefully();
        chunk.release();
    }

    /** A 16 KiB chunk through a latency-only chain (one segment, one addition). */
    @Benchmark
    public long latencyChain16k() {
        return chunkThrough(latencyChain, 1000);
    }

    /** A 16 KiB chunk through a full downstream profile chain (split into 12 MSS segments). */
    @Benchmark
    public long profileChain16k() {
        return chunkThrough(profileChain, 2_000_000);
    }

    @Benchmark
    public long tokenBucketReserve() {
        clock += 100;
        return bucket.reserve(clock, 1460);
    }

    /** One decision of a loss model (Bernoulli, Gilbert-Elliott): is this segment lost? */
    @Benchmark
    public boolean lossDecision(Loss loss) {
        return loss.decider.lost(loss.random);
    }

    @Benchmark
    public long congestionWindowSend() {
        clock += 1000;
        return window.send(clock, 1460);
    }

    /** Scheduling a delayed release from another thread and cancelling it (the event loop's timer queue). */
    @Benchmark
    public boolean scheduleDelayedRelease() {
        ScheduledFuture<?> f = loop.schedule(nothing, 50, TimeUnit.MILLISECONDS);
        return f.cancel(false);
    }

    /** A loss model, named as the loss toxic names it; a state of its own, so only lossDecision runs per model. */
    @State(Scope.Thread)
    public static class Loss {

        @Param({"bernoulli", "gilbert_elliott"})
        public String model;

        private final SplittableRandom random = new SplittableRandom(1);
        private LossDecider decider;

        @Setup
        public void setUp() {
            decider = switch (model) {
                case "bernoulli" -> LossDecider.bernoulli(0.005);
                case "gilbert_elliott" -> LossDecider.gilbertElliott(0.01, 0.3, 1, 0);
                default -> throw new IllegalArgumentException("unknown loss model '" + model + "'");
            };
        }
    }

    /**
     * The chunk, arriving {@code afterNanos} after the previous one, through {@code chain}: the last segment's release
     * time (0 if the chain dropped them all), the segments discarded.
     */
    private long chunkThrough(ToxicChain chain, long afterNanos) {
        segments.clear();
        clock += afterNanos;
        ctx.setNowNanos(clock);
        segments.add(Segment.data(chunk.retainedDuplicate(), clock));
        chain.apply(segments, ctx);
        long released = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).releaseNanos;
        for (Segment s : segments) {
            s.discard();
        }
        return released;
    }
}
