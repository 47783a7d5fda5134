package io.roundtrip.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.proxy.TestClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The proxy's state as a client sees it: {@code GET /proxies}, and which of the listen ports accept a connection.
 * Two snapshots are equal when both are.
 */
record ApiSnapshot(ObjectNode proxies, Map<Integer, Boolean> accepting) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the state through {@code http}, probing the proxies' listen ports and {@code alsoProbe}. */
    static ApiSnapshot take(HttpClient http, int apiPort, Set<Integer> alsoProbe) throws IOException,
            InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                + "/proxies")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /proxies answered " + r.statusCode() + ": " + r.body());
        }
        ObjectNode proxies = (ObjectNode) JSON.readTree(r.body());
        Set<Integer> ports = new TreeSet<>(alsoProbe);
        ports.addAll(listenPorts(proxies));
        Map<Integer, Boolean> accepting = new TreeMap<>();
        for (int port : ports) {
            accepting.put(port, TestClients.accepts(port));
        }
        return new ApiSnapshot(proxies, accepting);
    }

    /** The non-zero listen ports of {@code proxies}. */
    static Set<Integer> listenPorts(JsonNode proxies) {
        Set<Integer> ports = new TreeSet<>();
        for (JsonNode p : proxies) {
            int port = port(p);
            if (port > 0) {
                ports.add(port);
            }
        }
        return ports;
    }

    static int port(JsonNode proxy) {
        String listen = proxy.path("listen").asText();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    Set<Integer> ports() {
        return accepting.keySet();
    }

    /**
     * Consistent in itself: every enabled proxy's port accepts, and every probed port that no enabled proxy holds
     * refuses.
     */
    void assertCoherent() {
        Set<Integer> held = new TreeSet<>();
        for (Iterator<JsonNode> it = proxies.elements(); it.hasNext(); ) {
            JsonNode p = it.next();
            if (p.path("enabled").asBoolean()) {
                held.add(port(p));
                if (port(p) == 0 || !Boolean.TRUE.equals(accepting.get(port(p)))) {
                    throw new AssertionError("enabled proxy does not accept on its port: " + p);
                }
            }
        }
        accepting.forEach((port, open) -> {
            if (open && !held.contains(port)) {
                throw new AssertionError("port " + port + " accepts, but no enabled proxy listens there: " + proxies);
            }
        });
    }
}
