package io.roundtrip.benchmarks.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/** The client end of {@link ProxyE2e}'s connection-count run: many connections held open through the proxy. */
final class ManyConnections {

    private ManyConnections() {}

    /**
     * Opens {@code n} connections to the proxy, each sending one byte and waiting for its echo; prints how many
     * answered and failed. Then, with every connection open, each sends one more byte (paced at 10,000 a second) and
     * the clients print those echoes' round trips and, given the proxy's RTT, what was added above it (the echo
     * server's own time is in it: microseconds; the first echoes are not, they carry the connects and both JVMs'
     * warm-up). Holds the connections open {@code holdSeconds}, then closes them.
     */
    static void clients(int n, int port, int holdSeconds, double rttMillis) throws Exception {
        // one client event loop: every send time, read and the histogram on one thread
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        AtomicLong failed = new AtomicLong();
        EchoRound connecting = new EchoRound(n);
        AtomicReference<EchoRound> round = new AtomicReference<>(connecting);
        List<Channel> channels = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Bootstrap b = new Bootstrap().group(clientGroup).channel(EpollSocketChannel.class)
                    .handler(new EchoClient(round, failed));
            b.connect(target).addListener(f -> {
                if (f.isSuccess()) {
                    synchronized (channels) {
                        channels.add(((ChannelFuture) f).channel());
                    }
                } else {
                    if (failed.incrementAndGet() == 1) {
                        System.out.println("first failure: " + f.cause());
                    }
                    connecting.answers.countDown();
                }
            });
            if (i % 200 == 199) {
                Thread.sleep(20); // pace the connects so the accept backlog keeps up (load shaping, not sync)
            }
        }
        boolean complete = connecting.answers.await(120, TimeUnit.SECONDS);
        System.out.printf("clients: %d connections, %d answered, %d failed, complete %s in %.1f s%n", n,
                n - connecting.answers.getCount() - failed.get(), failed.get(), complete,
                (System.nanoTime() - start) / 1e9);
        if (complete && failed.get() == 0) {
            EchoRound open = new EchoRound(n);
            round.set(open);
            List<Channel> all;
            synchronized (channels) {
                all = List.copyOf(channels);
            }
            for (int i = 0; i < all.size(); i++) {
                Channel ch = all.get(i);
                ch.eventLoop().execute(() -> ((EchoClient) ch.pipeline().first()).send(ch));
                if (i % 100 == 99) {
                    Thread.sleep(10); // pace the pings (load shaping, not sync)
                }
            }
            if (open.answers.await(120, TimeUnit.SECONDS)) {
                Histogram echoes = clientGroup.submit(open.roundTripNanos::copy).get(); // on the loop that records
                System.out.printf("echo round trip with %d connections open, ms: min %.3f p50 %.3f p99 %.3f max %.3f;"
                        + " above the %.0f ms RTT: p50 %+.3f ms, p99 %+.3f ms, min %+.3f ms (never early: %s)%n", n,
                        echoes.getMinValue() / 1e6, echoes.getValueAtPercentile(50) / 1e6,
                        echoes.getValueAtPercentile(99) / 1e6, echoes.getMaxValue() / 1e6, rttMillis,
                        echoes.getValueAtPercentile(50) / 1e6 - rttMillis,
                        echoes.getValueAtPercentile(99) / 1e6 - rttMillis,
                        echoes.getMinValue() / 1e6 - rttMillis, echoes.getMinValue() / 1e6 >= rttMillis);
            } else {
                System.out.printf("echo round trip with %d connections open: %d of %d unanswered after 120 s%n", n,
                        open.answers.getCount(), n);
            }
        }
        System.out.flush();
        Thread.sleep(holdSeconds * 1000L); // hold them open while the proxy reports its heap
        synchronized (channels) {
            for (Channel ch : channels) {
                ch.close();
            }
        }
        clientGroup.shutdownGracefully().syncUninterruptibly();
    }

    /** One round of pings: an answer counted per connection, the round trips (recorded on the client loop). */
    private static final class EchoRound {
        final CountDownLatch answers;
        final Histogram roundTripNanos = new Histogram(3);

        EchoRound(int connections) {
            answers = new CountDownLatch(connections);
        }
    }

    /** One connection's end: a byte out, its echo timed into the current round. */
    private static final class EchoClient extends ChannelInboundHandlerAdapter {
        private final AtomicReference<EchoRound> round;
        private final AtomicLong failed;
        private long sentNanos;

        EchoClient(AtomicReference<EchoRound> round, AtomicLong failed) {
            this.round = round;
            this.failed = failed;
        }

        void send(Channel ch) {
            sentNanos = System.nanoTime();
            ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
            EchoRound current = round.get();
            current.roundTripNanos.recordValue(System.nanoTime() - sentNanos);
            current.answers.countDown();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failed.incrementAndGet() == 1) {
                System.out.println("first failure: " + cause);
            }
            round.get().answers.countDown();
            ctx.close();
        }
    }
}
