package io.roundtrip.proxy;

import io.netty.channel.EventLoopGroup;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency-injecting proxy: named listeners, each forwarding to one fixed upstream through its toxic chain, on
 * one event-loop group. It knows nothing of its control API, which drives it from outside
 * ({@code io.roundtrip.proxy.api.ApiServer}).
 *
 * <pre>{@code
 * try (ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults())) {
 *     InetSocketAddress bound = proxy.addListener("origin", new InetSocketAddress("127.0.0.1", 0),
 *             new InetSocketAddress("127.0.0.1", 8080), Presets.get("cross-continent"));
 *     // point the client at bound; proxy.listener("origin").stats() for counters
 * }
 * }</pre>
 *
 * <p>Every change is serialised on this object and all or nothing: a change that fails leaves every listener as it
 * was ({@link Transaction}). Refusals are named: {@link InvalidProxyException} (bad input),
 * {@link DuplicateNameException} (a taken proxy or toxic name), {@link ListenException} (an address that cannot be
 * bound). A name that does not exist is a {@link NoSuchElementException} where no {@link Optional} is answered.
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxyConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final Map<String, ProxyListener> listeners = new LinkedHashMap<>();
    /** Tests fail a transaction at a chosen step through it. */
    volatile StepHook stepHook = StepHook.NONE;

    private ProxyServer(ProxyConfig config) {
        this.config = config;
        this.transport = Transport.choose(config.preferNative());
        this.group = transport.newGroup(config.eventLoops(), "roundtrip-proxy");
    }

    /** Starts the event loops. */
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

    /**
     * Adds and starts a listener forwarding to {@code upstream} through {@code toxics}; returns the bound address
     * (port 0 picks one).
     */
    public InetSocketAddress addListener(String name, InetSocketAddress listen, InetSocketAddress upstream,
            List<ToxicSpec> toxics) {
        return create(new ProxySpec(name, listen, upstream, true, toxics)).address();
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
        return find(name).orElseThrow(() -> new NoSuchElementException("no proxy named '" + name + "'"));
    }

    public synchronized Optional<ProxyListener> find(String name) {
        return Optional.ofNullable(listeners.get(name));
    }

    public synchronized Collection<ProxyListener> listeners() {
        return new ArrayList<>(listeners.values());
    }

    public synchronized boolean has(String name) {
        return listeners.containsKey(name);
    }

    /** Creates a listener with its toxics; one that cannot bind is never registered. */
    public synchronized ProxyListener create(ProxySpec spec) {
        if (listeners.containsKey(spec.name())) {
            throw new DuplicateNameException("proxy '" + spec.name() + "' already exists");
        }
        ProxyListener l = new ProxyListener(this, spec.name(), spec.listen(), spec.upstream());
        l.setToxics(spec.toxics());
        if (spec.enabled()) {
            l.start(); // a failed bind throws before anything is registered
        }
        listeners.put(spec.name(), l);
        LOG.info("proxy {} listening on {} -> {}{}", spec.name(), Addresses.format(l.address()),
                Addresses.format(spec.upstream()), spec.enabled() ? "" : " (disabled)");
        return l;
    }

    /**
     * toxiproxy's populate: creates the proxies, replacing those whose addresses changed, all or nothing. An
     * existing proxy is kept when its upstream is the same and its listen port the same or 0; it then takes the
     * spec's enabled state and, if the spec lists any, its toxics.
     */
    public synchronized List<ProxyListener> populate(List<ProxySpec> specs) {
        Set<String> names = new HashSet<>();
        for (ProxySpec s : specs) {
            if (!names.add(s.name())) {
                throw new InvalidProxyException("populate lists proxy '" + s.name() + "' more than once");
            }
        }
        return Transaction.run(listeners, stepHook, tx -> {
            List<ProxyListener> result = new ArrayList<>();
            for (ProxySpec s : specs) {
                result.add(populate(s, tx));
            }
            return result;
        });
    }

    private ProxyListener populate(ProxySpec s, Transaction tx) {
        ProxyListener old = listeners.get(s.name());
        if (old != null && !(old.upstream().equals(s.upstream())
                && (s.listen().getPort() == 0 || old.address().getPort() == s.listen().getPort()))) {
            tx.step("remove " + s.name());
            remove(s.name());
            old = null;
        }
        if (old == null) {
            tx.step("create " + s.name());
            return create(s);
        }
        if (old.enabled() != s.enabled()) {
            tx.step((s.enabled() ? "enable " : "disable ") + s.name());
            setEnabled(old, s.enabled());
        }
        if (!s.toxics().isEmpty()) {
            tx.step("toxics of " + s.name());
            old.setToxics(s.toxics());
        }
        return old;
    }

    /**
     * toxiproxy's update, all or nothing: moves the listener (unless {@code listen} names where it is), enables or
     * disables it, changes its upstream (new connections only); empty if there is no such proxy.
     */
    public synchronized Optional<ProxyListener> update(String name, ProxyUpdate u) {
        ProxyListener l = listeners.get(name);
        if (l == null) {
            return Optional.empty();
        }
        return Optional.of(Transaction.run(listeners, stepHook, tx -> {
            if (u.listen() != null && !Addresses.sameListen(l.address(), u.listen())) {
                tx.step("listen of " + name);
                l.setListen(u.listen());
            }
            if (u.enabled() != null && u.enabled() != l.enabled()) {
                tx.step((u.enabled() ? "enable " : "disable ") + name);
                setEnabled(l, u.enabled());
            }
            if (u.upstream() != null) {
                tx.step("upstream of " + name);
                l.setUpstream(u.upstream());
            }
            return l;
        }));
    }

    /** Stops and removes a listener, closing its connections; false if there is none of that name. */
    public synchronized boolean remove(String name) {
        ProxyListener l = listeners.remove(name);
        if (l != null) {
            l.stop();
        }
        return l != null;
    }

    public synchronized void setEnabled(String name, boolean enabled) {
        update(name, new ProxyUpdate(null, null, enabled)).orElseThrow(() -> unknown(name));
    }

    public synchronized void setListen(String name, InetSocketAddress listen) {
        update(name, new ProxyUpdate(listen, null, null)).orElseThrow(() -> unknown(name));
    }

    public synchronized void setUpstream(String name, InetSocketAddress upstream) {
        update(name, new ProxyUpdate(null, upstream, null)).orElseThrow(() -> unknown(name));
    }

    /** Replaces the toxics of a listener; open connections follow without being dropped. */
    public synchronized void setToxics(String name, List<ToxicSpec> toxics) {
        ProxySpec.checkToxicNames(toxics);
        listener(name).setToxics(toxics);
    }

    /** Appends a toxic to a proxy's list; {@link DuplicateNameException} if its name is taken there. */
    public synchronized ToxicSpec addToxic(String proxy, ToxicSpec toxic) {
        List<ToxicSpec> next = new ArrayList<>(listener(proxy).toxics());
        next.add(toxic);
        setToxics(proxy, next);
        return toxic;
    }

    /** Replaces the named toxic of a proxy by {@code change} of it, in place; empty if there is no such toxic. */
    public synchronized Optional<ToxicSpec> updateToxic(String proxy, String toxic, UnaryOperator<ToxicSpec> change) {
        List<ToxicSpec> next = new ArrayList<>(listener(proxy).toxics());
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).name().equals(toxic)) {
                ToxicSpec updated = change.apply(next.get(i));
                next.set(i, updated);
                setToxics(proxy, next);
                return Optional.of(updated);
            }
        }
        return Optional.empty();
    }

    /** Removes the named toxic of a proxy; false if there is none. */
    public synchronized boolean removeToxic(String proxy, String toxic) {
        List<ToxicSpec> next = new ArrayList<>(listener(proxy).toxics());
        boolean removed = next.removeIf(t -> t.name().equals(toxic));
        if (removed) {
            setToxics(proxy, next);
        }
        return removed;
    }

    /**
     * toxiproxy's reset: every proxy enabled, every toxic removed; all or nothing (toxiproxy stops at the first
     * proxy that cannot listen, leaving those before it changed): a {@link ListenException} leaves every proxy as it
     * was.
     */
    public synchronized void reset() {
        Transaction.run(listeners, stepHook, tx -> {
            for (ProxyListener l : listeners.values()) {
                tx.step("reset " + l.name());
                l.setToxics(List.of());
                l.start();
            }
            return null;
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            for (ProxyListener l : listeners.values()) {
                l.stop();
            }
            listeners.clear();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static void setEnabled(ProxyListener l, boolean enabled) {
        if (enabled) {
            l.start();
        } else {
            l.stop();
        }
    }

    private static NoSuchElementException unknown(String name) {
        return new NoSuchElementException("no proxy named '" + name + "'");
    }
}
