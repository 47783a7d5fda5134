package io.roundtrip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections opened and closed by the thousand, the four ways clients end them (a full exchange then close, a
 * half-close then read to EOF, a reset right after writing, a close before sending anything): every completed
 * exchange is byte-exact, no channel is left open afterwards, and the heap does not grow with the count.
 */
class ProxyChurnTest {

    private static final int WAVES = 9;
    private static final int CONNECTIONS_PER_WAVE = 1_000;
    private static final int PAYLOAD_BYTES = 1_024;
    /** Heap retained after 9,000 connections, beyond what the first wave left: generous, a leak is per connection. */
    private static final long MAX_HEAP_GROWTH_BYTES = 24L << 20;

    private ProxyServer proxy;
    private EventLoopGroup clientAndUpstream;
    private Channel upstream;

    @BeforeEach
    void start() throws Exception {
        proxy = ProxyServer.start(ProxyConfig.defaults().withEventLoops(2));
        clientAndUpstream = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        upstream = new ServerBootstrap().group(clientAndUpstream).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4_096)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new Echo())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        upstream.close().sync();
        clientAndUpstream.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void nineThousandConnectionsComeAndGoWithoutALeakOrALostByte() throws Exception {
        InetSocketAddress bound = proxy.addListener("churn", new InetSocketAddress("127.0.0.1", 0),
                (InetSocketAddress) upstream.localAddress());
        ProxyStats stats = proxy.listener("churn").stats();
        long heapAfterFirstWave = 0;
        int exact = 0;
        for (int wave = 0; wave < WAVES; wave++) {
            List<CompletableFuture<Boolean>> ends = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS_PER_WAVE; i++) {
                ends.add(connect(bound, Ending.values()[i % Ending.values().length]));
            }
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (CompletableFuture<Boolean> end : ends) {
                exact += end.join() ? 1 : 0;
            }
            stats.whenNoConnectionsOpen().get(30, TimeUnit.SECONDS);
            if (wave == 0) {
                heapAfterFirstWave = heapAfterGc();
            }
        }
        long growth = heapAfterGc() - heapAfterFirstWave;
        System.out.printf("churn: %d connections, %d byte-exact exchanges, heap growth after GC %.1f MiB%n",
                stats.connectionsTotal(), exact, growth / 1048576.0);
        assertThat(stats.connectionsTotal()).isEqualTo((long) WAVES * CONNECTIONS_PER_WAVE);
        assertThat(stats.connectionsOpen()).isZero();
        // the full and half-closed exchanges: every one byte-exact
        assertThat(exact).isEqualTo(WAVES * CONNECTIONS_PER_WAVE / 2);
        assertThat(growth).as("heap growth after GC, bytes").isLessThan(MAX_HEAP_GROWTH_BYTES);
    }

    /** How a client ends its connection. */
    private enum Ending { EXCHANGE_THEN_CLOSE, HALF_CLOSE_THEN_READ, RESET_AFTER_WRITE, CLOSE_AT_ONCE }

    /** Completes with whether the payload came back byte-exact (false for the endings that do not read). */
    private CompletableFuture<Boolean> connect(InetSocketAddress proxyAddress, Ending ending) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        ByteBuf payload = Unpooled.buffer(PAYLOAD_BYTES);
        for (int i = 0; i < PAYLOAD_BYTES; i++) {
            payload.writeByte((byte) (i * 31 + ending.ordinal()));
        }
        new Bootstrap().group(clientAndUpstream).channel(NioSocketChannel.class)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new Client(ending, payload, done))
                .connect(proxyAddress).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        done.completeExceptionally(f.cause());
                    }
                });
        return done;
    }

    private static final class Client extends ChannelInboundHandlerAdapter {
        private final Ending ending;
        private final ByteBuf expected;
        private final ByteBuf received = Unpooled.buffer(PAYLOAD_BYTES);
        private final CompletableFuture<Boolean> done;

        Client(Ending ending, ByteBuf expected, CompletableFuture<Boolean> done) {
            this.ending = ending;
            this.expected = expected;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.channel().closeFuture().addListener(f -> done.complete(
                    ending.ordinal() <= Ending.HALF_CLOSE_THEN_READ.ordinal() && received.equals(expected)));
            switch (ending) {
                case EXCHANGE_THEN_CLOSE -> ctx.writeAndFlush(expected.retainedDuplicate());
                case HALF_CLOSE_THEN_READ -> ctx.writeAndFlush(expected.retainedDuplicate())
                        .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput());
                case RESET_AFTER_WRITE -> ctx.writeAndFlush(expected.retainedDuplicate()).addListener(f -> {
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    ctx.close();
                });
                case CLOSE_AT_ONCE -> ctx.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            received.writeBytes(in);
            in.release();
            if (ending == Ending.EXCHANGE_THEN_CLOSE && received.readableBytes() == PAYLOAD_BYTES) {
                ctx.close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ctx.close(); // the echo's half-close came back through the proxy: all of it has arrived
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset, as asked for; the close future completes the exchange
        }
    }

    /** Echoes what arrives; on EOF, half-closes back (as a server answering a finished request does), then closes. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ((DuplexChannel) ctx.channel()).shutdownOutput().addListener(f -> ctx.close());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
