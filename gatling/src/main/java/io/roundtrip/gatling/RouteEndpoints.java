package io.roundtrip.gatling;

import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.proxy.ProxyServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/** The base URLs of a route's endpoints: straight to a target, or through a proxy listener in front of it. */
final class RouteEndpoints {

    private RouteEndpoints() {}

    static Route.Endpoint direct(URI upstream) {
        return upstream == null ? null : new Route.Endpoint(baseUrl(upstream.getScheme(), upstream.getHost(),
                port(upstream)), Optional.empty());
    }

    /** A proxy listener in front of {@code upstream}, on the port {@code route} reserved (if it did; else any). */
    static Route.Endpoint proxied(ProxyServer proxy, String name, URI upstream, NetworkProfile profile,
            Route route) {
        if (upstream == null) {
            return null;
        }
        InetSocketAddress upstreamAddress = upstreamAddress(upstream);
        int listenPort = route == null ? 0 : route.takeReservedPort();
        InetSocketAddress bound = proxy.addListener(name, new InetSocketAddress("127.0.0.1", listenPort),
                upstreamAddress, profile);
        boolean loopbackTarget = upstreamAddress.getAddress().isLoopbackAddress();
        return new Route.Endpoint(baseUrl(upstream.getScheme(), proxyHost(upstreamAddress, upstream.getHost()),
                bound.getPort()), loopbackTarget ? Optional.empty() : Optional.of(upstream.getHost()));
    }

    static InetSocketAddress upstreamAddress(URI upstream) {
        InetSocketAddress address = new InetSocketAddress(upstream.getHost(), port(upstream));
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve target host " + upstream.getHost());
        }
        return address;
    }

    /**
     * The host Gatling names to reach the proxy: 127.0.0.1 in front of a loopback target, else the target's own name
     * (aliased to the proxy by {@link Testbed#hostAliases()}, so that TLS SNI and {@code Host} carry it).
     */
    static String proxyHost(InetSocketAddress upstream, String name) {
        return upstream.getAddress().isLoopbackAddress() ? "127.0.0.1" : name;
    }

    static String baseUrl(String scheme, String host, int port) {
        return scheme + "://" + host + ":" + port;
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
