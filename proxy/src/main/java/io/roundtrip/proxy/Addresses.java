package io.roundtrip.proxy;

import java.net.InetSocketAddress;

/** Addresses as the proxy takes and shows them: parsed as given, resolved only for use, shown as toxiproxy does. */
public final class Addresses {

    private Addresses() {}

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
     * 127.0.0.1. Bad text is an {@link InvalidProxyException} with a one-line reason.
     */
    public static InetSocketAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidProxyException("missing address: expected host:port such as 127.0.0.1:9000");
        }
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidProxyException("bad address '" + text + "': expected host:port such as 127.0.0.1:9000");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidProxyException("bad port in '" + text + "': expected 0..65535");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidProxyException("bad port in '" + text + "': expected 0..65535");
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

    /**
     * The one check of an upstream address (API, populate files, command line, embedding): it is a destination,
     * so port 0 is not allowed. {@link InvalidProxyException} with a one-line reason otherwise.
     */
    public static InetSocketAddress checkUpstream(InetSocketAddress upstream) {
        if (upstream == null) {
            throw new InvalidProxyException("missing upstream");
        }
        if (upstream.getPort() == 0) {
            throw new InvalidProxyException("upstream " + format(upstream) + ": port 0 is not a destination");
        }
        return upstream;
    }

    /**
     * Whether {@code wanted} names the address {@code current} already is (clients send back the listen they were
     * shown, or the host name it came from).
     */
    static boolean sameListen(InetSocketAddress current, InetSocketAddress wanted) {
        if (wanted.getPort() != current.getPort()) {
            return false;
        }
        if (wanted.getHostString().equals(current.getHostString())) {
            return true;
        }
        InetSocketAddress a = resolved(wanted);
        InetSocketAddress b = resolved(current);
        return !a.isUnresolved() && !b.isUnresolved() && a.getAddress().equals(b.getAddress());
    }
}
