package io.roundtrip.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Native epoll where available (its timers are timerfd-based, microsecond-precise, which the delay accuracy depends
 * on), NIO elsewhere.
 */
public final class Transport {

    static {
        // Netty's epoll loop waits with epoll_wait's millisecond timeout for delays above this threshold (10 ms by
        // default) and only uses the nanosecond timerfd below it; 0 makes every wait use the timerfd. Measured on
        // a 50 ms timer: lateness p50 0.09 ms -> 0.03-0.045 ms. Has no effect if Netty's epoll Native class was
        // loaded earlier in this JVM; an explicit setting wins.
        if (System.getProperty("io.netty.channel.epoll.epollWaitThreshold") == null) {
            System.setProperty("io.netty.channel.epoll.epollWaitThreshold", "0");
        }
    }

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll if {@code preferNative} and available, else NIO. */
    public static Transport choose(boolean preferNative) {
        return new Transport(preferNative && Epoll.isAvailable());
    }

    public boolean isNative() {
        return epoll;
    }

    public String name() {
        return epoll ? "epoll" : "nio";
    }

    EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        DefaultThreadFactory threads0 = new DefaultThreadFactory(name, true) {
            @Override
            protected Thread newThread(Runnable loop, String threadName) {
                return super.newThread(() -> {
                    TimerSlack.minimise();
                    loop.run();
                }, threadName);
            }
        };
        return new MultiThreadIoEventLoopGroup(threads, threads0, factory);
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends Channel> channel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
