package io.roundtrip.proxy;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ProxyServer} for each test, for {@code @RegisterExtension}: started before the test's own
 * {@code @BeforeEach} methods, closed after its {@code @AfterEach} methods (as the API tests' {@code RunningApi}).
 */
final class RunningProxy implements BeforeEachCallback, AfterEachCallback {

    private final int eventLoops;
    private ProxyServer server;

    /** With {@code eventLoops} event loops, the rest of the configuration the defaults. */
    RunningProxy(int eventLoops) {
        this.eventLoops = eventLoops;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = ProxyServer.start(ProxyConfig.defaults().withEventLoops(eventLoops));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    ProxyServer server() {
        return server;
    }
}
