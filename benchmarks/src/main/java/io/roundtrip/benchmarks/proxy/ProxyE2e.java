package io.roundtrip.benchmarks.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.roundtrip.proxy.ProxyConfig;
import io.roundtrip.proxy.ProxyServer;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end proxy measurements for {@code benchmarks/proxy-e2e.sh} (not a timed test):
 *
 * <ul>
 * <li>{@code proxy LISTEN_PORT UPSTREAM_PORT EVENT_LOOPS}: a pass-through proxy for wrk (until killed);</li>
 * <li>{@code delay SECONDS CONNECTIONS DELAY_MS}: injected-delay error. An echo upstream, a proxy adding DELAY_MS
 *     one way, CONNECTIONS clients each pinging 64 bytes every 10 ms; the same through a pass-through listener as
 *     the baseline; prints p50/p99/max of (RTT − delay − baseline p50) and the minimum (never early);</li>
 * <li>{@code bandwidth RATE_KBPS MEGABYTES}: achieved rate of a bandwidth-capped bulk transfer;</li>
 * <li>{@code echo PORT} and {@code clients N PROXY_PORT HOLD_S [RTT_MS]}: the two ends of the connection-count run
 * (separate processes, so each stays under the file-descriptor limit); the clients print their echoes' round trips
 * and, given the proxy's RTT, what was added above it.</li>
 * </ul>
 */
public final class ProxyE2e {

    private ProxyE2e() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "proxy":
                proxy(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        args.length > 4 ? Double.parseDouble(args[4]) : 0);
                break;
            case "echo":
                echo(Integer.parseInt(args[1]));
                break;
            case "clients":
                ManyConnections.clients(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        args.length > 4 ? Double.parseDouble(args[4]) : 0);
                break;
            case "delay":
                delay(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]));
                break;
            case "bandwidth":
                bandwidth(Long.parseLong(args[1]), Integer.parseInt(args[2]));
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /**
     * A proxy until killed; with an RTT, half of it each way, and a line every 2 s with open connections and the
     * heap used after a GC (for the connection-count run; off for throughput runs).
     */
    static void proxy(int listenPort, int upstreamPort, int loops, double rttMillis) throws InterruptedException {
        ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults().withEventLoops(loops));
        List<ToxicSpec> toxics = rttMillis <= 0 ? List.of() : List.of(
                ToxicSpec.of("latency", Stream.UPSTREAM, Map.of("latency", rttMillis / 2)),
                ToxicSpec.of("latency", Stream.DOWNSTREAM, Map.of("latency", rttMillis / 2)));
        InetSocketAddress bound = proxy.addListener("bench", new InetSocketAddress("127.0.0.1", listenPort),
                new InetSocketAddress("127.0.0.1", upstreamPort), toxics);
        System.out.println("roundtrip proxy on " + bound + " (" + proxy.transport().name() + ", " + loops + " loops)");
        while (rttMillis > 0) {
            Thread.sleep(2000); // a periodic report, not synchronisation
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("open %d total %d heap-used-after-gc %.1f MB%n",
                    proxy.listener("bench").stats().connectionsOpen(), proxy.listener("bench").stats().connectionsTotal(),
                    (rt.totalMemory() - rt.freeMemory()) / 1e6);
        }
        Thread.currentThread().join();
    }

    /** An echo server until killed. */
    static void echo(int port) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel ch = echoServer(group, port);
        System.out.println("echo on " + ch.localAddress());
        Thread.currentThread().join();
    }

    // --- delay accuracy

    static void delay(int seconds, int connections, double delayMillis) throws Exception {
        EventLoopGroup echoGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel echo = echoServer(echoGroup);
        ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults().withEventLoops(1));
        InetSocketAddress upstream = (InetSocketAddress) echo.localAddress();
        InetSocketAddress plain = proxy.addListener("plain", new InetSocketAddress("127.0.0.1", 0), upstream);
        InetSocketAddress delayed = proxy.addListener("delayed", new InetSocketAddress("127.0.0.1", 0), upstream,
                List.of(ToxicSpec.of("latency", Stream.DOWNSTREAM, Map.of("latency", delayMillis))));
        try {
            long[] base = pings(clientGroup, plain, connections, 2, seconds);
            long[] withDelay = pings(clientGroup, delayed, connections, 2, seconds);
            double baseP50 = percentile(base, 0.5) / 1e6;
            long delayNanos = Math.round(delayMillis * 1e6);
            System.out.printf("baseline (pass-through) RTT ms: p50 %.3f p99 %.3f (n=%d)%n", baseP50,
                    percentile(base, 0.99) / 1e6, base.length);
            System.out.printf("delayed RTT ms: p50 %.3f p99 %.3f max %.3f min %.3f (n=%d)%n",
                    percentile(withDelay, 0.5) / 1e6, percentile(withDelay, 0.99) / 1e6,
                    withDelay[withDelay.length - 1] / 1e6, withDelay[0] / 1e6, withDelay.length);
            System.out.printf("injected-delay error at %.0f ms, %d connections: p50 %+.3f ms, p99 %+.3f ms, "
                    + "min RTT - delay %+.3f ms (never early: %s)%n", delayMillis, connections,
                    percentile(withDelay, 0.5) / 1e6 - delayMillis - baseP50,
                    percentile(withDelay, 0.99) / 1e6 - delayMillis - baseP50,
                    (withDelay[0] - delayNanos) / 1e6, withDelay[0] >= delayNanos);
            io.roundtrip.proxy.LatenessHistogram late = proxy.listener("delayed").stats().releaseLateness();
            System.out.printf("proxy's own release lateness (timer deadline -> write, n=%d): p50 %.0f us, p99 %.0f us,"
                    + " mean %.1f us%n", late.count(), late.percentileMicros(0.5), late.percentileMicros(0.99),
                    late.meanMicros());
        } finally {
            proxy.close();
            echo.close();
            echoGroup.shutdownGracefully();
            clientGroup.shutdownGracefully();
        }
    }

    /** Each connection pings 64 bytes, waits 10 ms after the answer, repeats; the first {@code warmup} s discarded. */
    static long[] pings(EventLoopGroup group, InetSocketAddress target, int connections, int warmupSeconds,
            int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<long[]> perConnection = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(connections);
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long[] samples = new long[seconds * 200 + 16];
            perConnection.add(samples);
            Pinger pinger = new Pinger(samples, measureFrom, end, done);
            Channel ch = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true).handler(pinger).connect(target).syncUninterruptibly()
                    .channel();
            channels.add(ch);
        }
        done.await(seconds + warmupSeconds + 30L, TimeUnit.SECONDS);
        for (Channel ch : channels) {
            ch.close();
        }
        int n = 0;
        for (long[] s : perConnection) {
            n += (int) s[s.length - 1];
        }
        long[] all = new long[n];
        int k = 0;
        for (long[] s : perConnection) {
            int count = (int) s[s.length - 1];
            System.arraycopy(s, 0, all, k, count);
            k += count;
        }
        Arrays.sort(all);
        return all;
    }

    private static final class Pinger extends ChannelInboundHandlerAdapter {
        private static final int SIZE = 64;
        private final long[] samples;
        private final long measureFrom;
        private final long end;
        private final CountDownLatch done;
        private long sentAt;
        private int received;
        private int count;

        Pinger(long[] samples, long measureFrom, long end, CountDownLatch done) {
            this.samples = samples;
            this.measureFrom = measureFrom;
            this.end = end;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            if (System.nanoTime() > end) {
                samples[samples.length - 1] = count;
                done.countDown();
                return;
            }
            received = 0;
            sentAt = System.nanoTime();
            ctx.writeAndFlush(Unpooled.buffer(SIZE).writeZero(SIZE));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            received += b.readableBytes();
            b.release();
            if (received >= SIZE) {
                long now = System.nanoTime();
                if (sentAt >= measureFrom && count < samples.length - 1) {
                    samples[count++] = now - sentAt;
                }
                ctx.executor().schedule(() -> send(ctx), 10, TimeUnit.MILLISECONDS);
            }
        }
    }

    static Channel echoServer(EventLoopGroup group) {
        return echoServer(group, 0);
    }

    static Channel echoServer(EventLoopGroup group, int port) {
        return new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 16384)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }
                        });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
    }

    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }

    // --- bandwidth accuracy

    static void bandwidth(long rateKilobytesPerSecond, int megabytes) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        int size = megabytes * 1_000_000;
        Channel source = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[size]))
                                .addListener(f -> ctx.channel().close());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        try (ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults().withEventLoops(1))) {
            InetSocketAddress bound = proxy.addListener("bw", new InetSocketAddress("127.0.0.1", 0),
                    (InetSocketAddress) source.localAddress(),
                    List.of(ToxicSpec.of("bandwidth", Stream.DOWNSTREAM, Map.of("rate", rateKilobytesPerSecond))));
            try (Socket s = new Socket(bound.getAddress(), bound.getPort())) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[65536];
                long first = 0;
                long got = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    got += n;
                }
                double seconds = (System.nanoTime() - first) / 1e9;
                double achieved = got / seconds / 1000;
                System.out.printf("bandwidth cap %d KB/s: %d bytes in %.3f s = %.1f KB/s (%+.2f%%)%n",
                        rateKilobytesPerSecond, got, seconds, achieved,
                        (achieved / rateKilobytesPerSecond - 1) * 100);
            }
        } finally {
            source.close();
            group.shutdownGracefully();
        }
    }
}
