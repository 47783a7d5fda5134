package io.roundtrip.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named proxy: one listen address, ONE fixed upstream (never chosen by the client: not an open relay), a toxic
 * list applied to every connection, and stats. Mutations are serialised by the {@link ProxyServer}.
 */
public final class ProxyListener {

    private final ProxyServer server;
    private final String name;
    private final ProxyStats stats = new ProxyStats();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress listen;
    private volatile InetSocketAddress upstream;
    private volatile List<ToxicSpec> toxics = List.of();
    private volatile Channel serverChannel;
    private volatile InetSocketAddress boundAddress;

    ProxyListener(ProxyServer server, String name, InetSocketAddress listen, InetSocketAddress upstream) {
        this.server = server;
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
    }

    public String name() {
        return name;
    }

    /**
     * The listen address: as given until the listener first binds, then the bound address (so a picked port is kept
     * across disable/enable), as toxiproxy keeps it.
     */
    public InetSocketAddress listen() {
        return listen;
    }

    /** The address actually bound, or the requested one while disabled. */
    public InetSocketAddress address() {
        InetSocketAddress bound = boundAddress;
        return bound != null ? bound : listen;
    }

    public InetSocketAddress upstream() {
        return upstream;
    }

    public boolean enabled() {
        return serverChannel != null;
    }

    public List<ToxicSpec> toxics() {
        return toxics;
    }

    public ProxyStats stats() {
        return stats;
    }

    ProxyServer server() {
        return server;
    }

    InetSocketAddress upstreamAddress() {
        return Addresses.resolved(upstream);
    }

    synchronized InetSocketAddress start() {
        if (serverChannel != null) {
            return boundAddress;
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(server.group())
                .channel(server.transport().serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new FrontendHandler(ProxyListener.this));
                    }
                });
        try {
            InetSocketAddress target = Addresses.resolved(listen);
            if (target.isUnresolved()) {
                throw new ListenException("cannot listen on " + Addresses.format(listen) + ": unknown host "
                        + target.getHostString(), null);
            }
            Channel channel = b.bind(target).syncUninterruptibly().channel();
            serverChannel = channel;
            boundAddress = (InetSocketAddress) channel.localAddress();
            // toxiproxy answers the bound address from then on (localhost:0 -> 127.0.0.1:41234) and keeps it, so a
            // picked port survives disable/enable
            // (the address without the name it was resolved from: toxiproxy answers 127.0.0.1, not localhost)
            listen = new InetSocketAddress(InetAddress.getByAddress(target.getAddress().getAddress()),
                    boundAddress.getPort());
            return boundAddress;
        } catch (ListenException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows the checked BindException unchecked
            throw new ListenException("cannot listen on " + Addresses.format(listen) + ": " + e.getMessage(), e);
        }
    }

    /** Stops listening and closes every open connection (toxiproxy's disable). */
    synchronized void stop() {
        Channel channel = serverChannel;
        serverChannel = null;
        boundAddress = null;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        for (Connection c : new ArrayList<>(connections)) {
            c.eventLoop().execute(c::close);
        }
    }

    /** Moves the listener (rebinding it if enabled); {@link ProxyServer#update} undoes it if a later step fails. */
    synchronized void setListen(InetSocketAddress newListen) {
        boolean wasEnabled = enabled();
        if (wasEnabled) {
            stop();
        }
        listen = newListen;
        if (wasEnabled) {
            start();
        }
    }

    /** What a transaction records of a listener to put it back as it was. */
    record State(InetSocketAddress listen, InetSocketAddress upstream, boolean enabled, List<ToxicSpec> toxics) {}

    synchronized State state() {
        return new State(listen, upstream, enabled(), toxics);
    }

    /** First half of putting a listener back: stops it unless it is already listening where {@code s} says. */
    synchronized void stopUnlessListeningAs(State s) {
        if (enabled() && !(s.enabled() && s.listen().equals(listen))) {
            stop();
        }
    }

    /** Second half (once every listener that must move has stopped): the recorded state, listening if it was. */
    synchronized void restore(State s) {
        if (!enabled()) {
            listen = s.listen();
        }
        upstream = s.upstream();
        if (toxics != s.toxics()) {
            setToxics(s.toxics());
        }
        if (s.enabled()) {
            start();
        }
    }

    void setUpstream(InetSocketAddress newUpstream) {
        upstream = newUpstream;
    }

    /** Replaces the toxic list; open connections pick it up on their event loops without being dropped. */
    void setToxics(List<ToxicSpec> newToxics) {
        List<ToxicSpec> copy = List.copyOf(newToxics);
        toxics = copy;
        for (Connection c : connections) {
            c.eventLoop().execute(() -> c.updateToxics(copy));
        }
    }

    /** Bytes held in the delay queues of every open connection (both directions); waits on each event loop. */
    public long queuedBytes() {
        long total = 0;
        for (Connection c : new ArrayList<>(connections)) {
            try {
                total += c.eventLoop().submit(() -> c.upstream().queuedBytes() + c.downstream().queuedBytes())
                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // a connection closing meanwhile holds nothing
            }
        }
        return total;
    }

    /** The largest queue bound of the open connections in one direction (bytes). */
    public long queueLimitBytes(io.roundtrip.proxy.toxic.Stream stream) {
        long max = 0;
        for (Connection c : new ArrayList<>(connections)) {
            try {
                max = Math.max(max, c.eventLoop().submit(() -> (stream == io.roundtrip.proxy.toxic.Stream.UPSTREAM
                        ? c.upstream() : c.downstream()).queueLimitBytes()).get(5, java.util.concurrent.TimeUnit.SECONDS));
            } catch (Exception e) {
                // closing
            }
        }
        return max;
    }

    void connectionOpened(Connection c) {
        connections.add(c);
        stats.connectionOpened();
    }

    void connectionClosed(Connection c) {
        if (connections.remove(c)) {
            stats.connectionClosed();
        }
    }

    /** toxiproxy's JSON shape. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("listen", Addresses.format(address()));
        m.put("upstream", Addresses.format(upstream));
        m.put("enabled", enabled());
        List<Object> list = new ArrayList<>();
        for (ToxicSpec t : toxics) {
            list.add(t.toJson());
        }
        m.put("toxics", list);
        return m;
    }
}
