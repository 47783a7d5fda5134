package io.roundtrip.proxy.api;

import io.roundtrip.proxy.ProxyConfig;
import io.roundtrip.proxy.ProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    int port() {
        return api.address().getPort();
    }

    /** {@code method path} to the API with {@code body} (none when empty); the answer as text. */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        api.close();
        proxy.close();
    }
}
