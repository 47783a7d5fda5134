package io.roundtrip.proxy;

import io.netty.channel.EventLoopGroup;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.proxy.api.ApiServer;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency-injecting proxy: named listeners, each forwarding to one fixed upstream through its toxic chain, on
 * one event-loop group; optionally the toxiproxy-compatible control API.
 *
 * <pre>{@code
 * try (ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults())) {
 *     InetSocketAddress bound = proxy.addListener("origin", new InetSocketAddress("127.0.0.1", 0),
 *             new InetSocketAddress("127.0.0.1", 8080), Presets.get("cross-continent"));
 *     // point the client at bound; proxy.listener("origin").stats() for counters
 * }
 * }</pre>
 *
 * <p>Listener mutations are serialised on this object; thread-safe.
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxyConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final Map<String, ProxyListener> listeners = new LinkedHashMap<>();
    private final ApiServer api;

    private ProxyServer(ProxyConfig config) {
        this.config = config;
        this.transport = Transport.choose(config.preferNative());
        this.group = transport.newGroup(config.eventLoops(), "roundtrip-proxy");
        ApiServer started = null;
        if (config.apiAddress() != null) {
            try {
                started = ApiServer.start(this, config.apiAddress());
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw e;
            }
        }
        this.api = started;
    }

    /** Starts the event loops (and the API if configured). */
    public static ProxyServer start(ProxyConfig config) {
        return new ProxyServer(config);
    }

    public static ProxyServer start() {
        return start(ProxyConfig.defaults());
    }

    public ProxyConfig config() {
        return config;
    }

    public Transport transport() {
        return transport;
    }

    EventLoopGroup group() {
        return group;
    }

    /** The API's bound address, or null without an API. */
    public InetSocketAddress apiAddress() {
        return api == null ? null : api.address();
    }

    /**
     * Adds and starts a listener forwarding to {@code upstream} through {@code toxics}; returns the bound address
     * (port 0 picks one). A duplicate name is an {@link IllegalStateException}.
     */
    public synchronized InetSocketAddress addListener(String name, InetSocketAddress listen, InetSocketAddress upstream,
            List<ToxicSpec> toxics) {
        return create(name, listen, upstream, true, toxics).address();
    }

    /**
     * Adds and starts a listener that enforces {@code profile} ({@link ProfileToxics}); returns the bound address.
     */
    public InetSocketAddress addListener(String name, InetSocketAddress listen, InetSocketAddress upstream,
            NetworkProfile profile) {
        return addListener(name, listen, upstream, ProfileToxics.of(profile));
    }

    /** A pass-through listener. */
    public InetSocketAddress addListener(String name, InetSocketAddress listen, InetSocketAddress upstream) {
        return addListener(name, listen, upstream, List.of());
    }

    public synchronized ProxyListener listener(String name) {
        ProxyListener l = listeners.get(name);
        if (l == null) {
            throw new NoSuchElementException("no proxy named '" + name + "'");
        }
        return l;
    }

    public synchronized Collection<ProxyListener> listeners() {
        return new ArrayList<>(listeners.values());
    }

    public synchronized boolean has(String name) {
        return listeners.containsKey(name);
    }

    /** Creates a listener; {@link IllegalStateException} if the name exists. */
    public synchronized ProxyListener create(String name, InetSocketAddress listen, InetSocketAddress upstream,
            boolean enabled) {
        return create(name, listen, upstream, enabled, List.of());
    }

    /**
     * Creates a listener with its toxics, all or nothing: everything is validated first (name, duplicate names,
     * upstream, toxic names) and a listener that cannot bind is never registered. A taken proxy or toxic name is a
     * {@link DuplicateNameException}, bad input an {@link IllegalArgumentException}, a failed bind an
     * {@link IllegalStateException}.
     */
    public synchronized ProxyListener create(String name, InetSocketAddress listen, InetSocketAddress upstream,
            boolean enabled, List<ToxicSpec> toxics) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("missing proxy name");
        }
        if (listeners.containsKey(name)) {
            throw new DuplicateNameException("proxy '" + name + "' already exists");
        }
        checkUpstream(upstream);
        checkToxicNames(toxics);
        ProxyListener l = new ProxyListener(this, name, listen, upstream);
        l.setToxics(toxics);
        if (enabled) {
            l.start(); // a failed bind throws before anything is registered
        }
        listeners.put(name, l);
        LOG.info("proxy {} listening on {} -> {}{}", name, format(l.address()), format(upstream),
                enabled ? "" : " (disabled)");
        return l;
    }

    /**
     * The one check of an upstream address (API, populate files, command line, embedding): it is a destination,
     * so port 0 is not allowed. {@link IllegalArgumentException} with a one-line reason otherwise.
     */
    public static InetSocketAddress checkUpstream(InetSocketAddress upstream) {
        if (upstream == null) {
            throw new IllegalArgumentException("missing upstream");
        }
        if (upstream.getPort() == 0) {
            throw new IllegalArgumentException("upstream " + format(upstream) + ": port 0 is not a destination");
        }
        return upstream;
    }

    /** Every toxic name of a list must be distinct ({@link DuplicateNameException} otherwise). */
    public static void checkToxicNames(List<ToxicSpec> toxics) {
        Set<String> seen = new HashSet<>();
        for (ToxicSpec t : toxics) {
            if (!seen.add(t.name())) {
                throw new DuplicateNameException("toxic '" + t.name() + "' already exists");
            }
        }
    }

    public synchronized void remove(String name) {
        listener(name).stop();
        listeners.remove(name);
    }

    public synchronized void setEnabled(String name, boolean enabled) {
        ProxyListener l = listener(name);
        if (enabled) {
            l.start();
        } else {
            l.stop();
        }
    }

    public synchronized void setListen(String name, InetSocketAddress listen) {
        listener(name).setListen(listen);
    }

    public synchronized void setUpstream(String name, InetSocketAddress upstream) {
        checkUpstream(upstream);
        listener(name).setUpstream(upstream);
    }

    /** Replaces the toxics of a listener; open connections follow without being dropped. */
    public synchronized void setToxics(String name, List<ToxicSpec> toxics) {
        checkToxicNames(toxics);
        listener(name).setToxics(toxics);
    }

    /** toxiproxy's reset: every proxy enabled, every toxic removed. */
    public synchronized void reset() {
        for (ProxyListener l : listeners.values()) {
            l.setToxics(List.of());
            l.start();
        }
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        synchronized (this) {
            for (ProxyListener l : listeners.values()) {
                l.stop();
            }
            listeners.clear();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** {@code host:port}, as toxiproxy shows addresses. */
    public static String format(InetSocketAddress a) {
        String host = a.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return host + ":" + a.getPort();
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port} or {@code :port}; ports are 0..65535. The host is kept as given,
     * unresolved, so the API echoes an address as it was given (toxiproxy's {@code upstream}); it is resolved only
     * for use ({@link #resolved}): a listen address when it binds, an upstream at each connect. An empty host is
     * 127.0.0.1.
     */
    public static InetSocketAddress parseAddress(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing address: expected host:port such as 127.0.0.1:9000");
        }
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("bad address '" + text + "': expected host:port such as 127.0.0.1:9000");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + text + "': expected 0..65535");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port in '" + text + "': expected 0..65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * For use: resolves the host now (an empty host is 127.0.0.1). A name that does not resolve stays unresolved:
     * binding it fails with a {@link ListenException}, connecting to it fails that connection.
     */
    public static InetSocketAddress resolved(InetSocketAddress a) {
        if (!a.isUnresolved()) {
            return a;
        }
        String host = a.getHostString();
        return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, a.getPort());
    }
}
