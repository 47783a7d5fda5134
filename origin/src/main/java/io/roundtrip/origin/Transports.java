package io.roundtrip.origin;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
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

    private static Transports epoll() {
        return new Transports("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }

    private static Transports nio() {
        return new Transports("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
