package io.roundtrip.benchmarks.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A minimal keep-alive HTTP/1.1 server answering {@code hello} (the peer for wrk in proxy-e2e.sh; the origin module
 * is deliberately not used so the proxy benchmark measures only the proxy).
 */
public final class HelloServer implements AutoCloseable {

    private static final ByteBuf BODY = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes("hello\n".getBytes(StandardCharsets.US_ASCII)));

    private final EventLoopGroup group;
    private final Channel channel;

    public HelloServer(InetSocketAddress address, int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
        channel = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Handler());
                    }
                }).bind(address).syncUninterruptibly().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY.duplicate());
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, BODY.readableBytes());
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            ctx.writeAndFlush(r);
        }
    }

    /** {@code HelloServer PORT [THREADS]}: serves until killed. */
    public static void main(String[] args) throws InterruptedException {
        HelloServer server = new HelloServer(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])),
                args.length > 1 ? Integer.parseInt(args[1]) : 1);
        System.out.println("hello server on " + server.address());
        Thread.currentThread().join();
    }
}
