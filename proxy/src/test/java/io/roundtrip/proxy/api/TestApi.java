package io.roundtrip.proxy.api;

import io.roundtrip.proxy.ProxyConfig;
import io.roundtrip.proxy.ProxyServer;
import java.net.InetSocketAddress;

/** A proxy with one event loop and its API on a free port, as the CLI composes them. */
record TestApi(ProxyServer proxy, ApiServer api) implements AutoCloseable {

    static TestApi start() {
        ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults().withEventLoops(1));
        try {
            return new TestApi(proxy, ApiServer.start(proxy, new InetSocketAddress("127.0.0.1", 0)));
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    int port() {
        return api.address().getPort();
    }

    @Override
    public void close() {
        api.close();
        proxy.close();
    }
}
