package io.roundtrip.proxy.api;

import io.roundtrip.proxy.ProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestApi} for each test, for {@code @RegisterExtension}: started before the test's own {@code @BeforeEach}
 * methods, closed after its {@code @AfterEach} methods.
 */
final class RunningApi implements BeforeEachCallback, AfterEachCallback {

    private TestApi api;

    @Override
    public void beforeEach(ExtensionContext context) {
        api = TestApi.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        api.close();
    }

    ProxyServer proxy() {
        return api.proxy();
    }

    /** The API's address. */
    InetSocketAddress address() {
        return api.api().address();
    }

    int port() {
        return api.port();
    }

    /** As {@link TestApi#send}. */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return api.send(method, path, body);
    }
}
