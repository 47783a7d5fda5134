package io.roundtrip.origin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The socket transport: native epoll where it loads, NIO otherwise (or as asked). */
record Transports(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

    static Transports select(OriginConfig.Transport choice) {
        return switch (choice) {
            case AUTO -> Epoll.isAvailable() ? epoll() : nio();
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("transport epoll is not available here: "
                            + Epoll.unavailabilityCause().getMessage());
                }
                yield epoll();
            }
            case NIO -> nio();
        };
    }

    /**
     * Caps what a connection may leave unsent in the kernel (Linux {@code TCP_NOTSENT_LOWAT}, epoll only; NIO has no
     * such option and keeps the kernel's own limit, up to {@code tcp_wmem}'s maximum). Without it a peer that reads
     * nothing parks megabytes per connection in the kernel's send buffer before the origin's own buffer, and so
     * {@link SlowPeerGuard}, ever sees it. Bytes in flight are not capped: throughput over long paths is kept.
     */
    void capUnsentBytes(ServerBootstrap bootstrap, int bytes) {
        if (Epoll.isAvailable() && serverChannel == EpollServerSocketChannel.class) {
            bootstrap.childOption(EpollChannelOption.TCP_NOTSENT_LOWAT, (long) bytes);
        }
    }

    private static Transports epoll() {
        return new Transports("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }

    private static Transports nio() {
        return new Transports("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
