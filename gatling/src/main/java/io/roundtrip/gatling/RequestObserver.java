package io.roundtrip.gatling;

import io.gatling.core.session.Block;
import io.gatling.core.session.GroupBlock;
import io.gatling.http.client.Request;
import io.gatling.http.response.Response;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.profile.NetworkProfile;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Sees every HTTP request of the scenarios whose protocol it is installed on, without the user wrapping a single
 * request: Gatling calls a protocol's {@code sign} function just before each request leaves and its
 * {@code transformResponse} function when the response is complete. The second carries Gatling's own start and end
 * timestamps, so a recorded latency is exactly the response time Gatling reports (1 ms resolution), and what was
 * negotiated: HTTP/2 or not, the status, the bytes.
 *
 * <p>Whether a request opened a connection is not in Gatling's API; it is inferred per virtual user and origin as
 * Gatling's pool behaves (one pool per virtual user): over HTTP/2 the first request opens the connection and the rest
 * share it; over HTTP/1.1 a request opens one when all the user's open connections are busy, and a response with
 * {@code Connection: close} closes one. A reused connection's window follows {@link WindowRule}.
 *
 * <p>What is not seen: a request that fails before any response (connection refused, timeout) reaches no response
 * hook; it is reported by {@link #abandoned()} at the end of the run. A user's own request-level
 * {@code transformResponse} or protocol-level {@code sign} replaces this one for its requests.
 */
final class RequestObserver {

    /** One request and its response, as observed. Times in epoch milliseconds, Gatling's own. */
    record Exchange(String scenario, long userId, List<GroupVisit> groups, String requestName, String method, String url,
            long startMillis, long endMillis, int status, boolean http2, Connection connection,
            long requestBytes, long responseBytes) {

        /** Gatling's default status check: 2xx up to 209, and 304. */
        boolean ok() {
            return (status >= 200 && status <= 209) || status == 304;
        }

        long latencyMillis() {
            return Math.max(0, endMillis - startMillis);
        }

        /** The request's name as Gatling's statistics show it: inside its innermost group, {@code group / name}. */
        String path() {
            return pathOf(groups, requestName);
        }
    }

    /** One group the request ran in (outermost first): its path {@code outer / inner} and when Gatling entered it. */
    record GroupVisit(String path, long startMillis) {}

    /** A request that was sent and never answered. */
    record Abandoned(String scenario, String path, String method, String url) {}

    /** A request on its way; the groups it runs in do not change before its response, so they are read once. */
    private record Sent(Connection connection, long requestBytes, String method, String url, String scenario,
            List<GroupVisit> groups, String path) {}

    /** A virtual user's connections to one origin, as Gatling's per-user pool holds them. */
    private static final class Connections {
        int open;
        int busy;
        boolean http2;
        long largestResponseBytes;
        long lastResponseEndMillis;
    }

    /**
     * What a reused connection's congestion window is, as the proxy's sender (and Linux) keep it: it grows only with
     * flights that fill it, so a connection that never carried more than the initial window still has it; and after an
     * idle longer than the retransmission timeout it restarts there (slow-start-after-idle). Such a request is the
     * model's {@link Connection#IDLE} kind: no handshake, the initial window.
     *
     * @param initialWindowBytes initcwnd × MSS
     * @param idleRestartMillis  the idle after which the window restarts, or {@code Long.MAX_VALUE} when it does not
     */
    record WindowRule(long initialWindowBytes, long idleRestartMillis) {
        static WindowRule of(NetworkProfile profile) {
            long window = profile.slowStart() ? (long) profile.initcwndSegments() * profile.mssBytes() : Long.MAX_VALUE;
            long idle = profile.slowStart() && profile.slowStartAfterIdle()
                    ? profile.retransmissionTimeout().toMillis() : Long.MAX_VALUE;
            return new WindowRule(window, idle);
        }
    }

    private final Consumer<Exchange> sink;
    private final WindowRule window;
    private final Map<String, Connections> connections = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<Sent>> pending = new ConcurrentHashMap<>();

    RequestObserver(Consumer<Exchange> sink, WindowRule window) {
        this.sink = sink;
        this.window = window;
    }

    /** {@code protocol} with the two hooks installed. */
    HttpProtocolBuilder install(HttpProtocolBuilder protocol) {
        return protocol.sign(this::sent).transformResponse(this::received);
    }

    private Request sent(Request request, Session session) {
        Connections pool = connections.computeIfAbsent(poolKey(session, request), k -> new Connections());
        Connection connection;
        synchronized (pool) {
            boolean fresh = pool.open == 0 || (!pool.http2 && pool.busy >= pool.open);
            if (fresh) {
                pool.open++;
                connection = Connection.FRESH;
            } else {
                boolean initialWindow = pool.largestResponseBytes <= window.initialWindowBytes()
                        || System.currentTimeMillis() - pool.lastResponseEndMillis > window.idleRestartMillis();
                connection = initialWindow ? Connection.IDLE : Connection.KEEPALIVE;
            }
            pool.busy++;
        }
        List<GroupVisit> groups = groupVisits(session);
        Sent sent = new Sent(connection, requestBytes(request), request.getMethod().name(),
                request.getUri().toUrl(), session.scenario(), groups, pathOf(groups, request.getName()));
        pending.compute(pendingKey(session, request.getName()), (key, queue) -> {
            ArrayDeque<Sent> sentQueue = queue == null ? new ArrayDeque<>() : queue;
            sentQueue.addLast(sent);
            return sentQueue;
        });
        return request;
    }

    private Response received(Response response, Session session) {
        Request request = response.request();
        Sent[] answered = new Sent[1];
        // an emptied queue goes, so a long run's finished users leave nothing behind
        pending.computeIfPresent(pendingKey(session, request.getName()), (key, queue) -> {
            answered[0] = queue.pollFirst();
            return queue.isEmpty() ? null : queue;
        });
        Sent sent = answered[0];
        Connections pool = connections.get(poolKey(session, request));
        if (pool != null) {
            synchronized (pool) {
                pool.busy = Math.max(0, pool.busy - 1);
                pool.http2 = response.isHttp2();
                pool.largestResponseBytes = Math.max(pool.largestResponseBytes, responseBytes(response));
                pool.lastResponseEndMillis = Math.max(pool.lastResponseEndMillis, response.endTimestamp());
                if (!response.isHttp2() && response.headers().containsValue(HttpHeaderNames.CONNECTION,
                        HttpHeaderValues.CLOSE, true)) {
                    pool.open = Math.max(0, pool.open - 1);
                }
            }
        }
        sink.accept(new Exchange(session.scenario(), session.userId(),
                sent != null ? sent.groups() : groupVisits(session), request.getName(),
                request.getMethod().name(), request.getUri().toUrl(), response.startTimestamp(),
                response.endTimestamp(), response.status().code(), response.isHttp2(),
                sent != null ? sent.connection() : Connection.FRESH, sent != null ? sent.requestBytes() : requestBytes(request),
                responseBytes(response)));
        return response;
    }

    /** The requests sent and never answered so far: failures that no response hook saw. */
    List<Abandoned> abandoned() {
        return pending.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(sent -> new Abandoned(sent.scenario(), sent.path(),
                        sent.method(), sent.url())))
                .toList();
    }

    /** The groups the session is in, from Gatling's block stack (innermost first there; outermost first here). */
    private static List<GroupVisit> groupVisits(Session session) {
        List<GroupVisit> visits = new ArrayList<>();
        scala.collection.Iterator<Block> blocks = session.asScala().blockStack().iterator();
        while (blocks.hasNext()) {
            if (blocks.next() instanceof GroupBlock group) {
                visits.add(0, new GroupVisit(String.join(" / ", CollectionConverters.asJava(group.groups())),
                        group.startTimestamp()));
            }
        }
        return visits;
    }

    private static String pathOf(List<GroupVisit> groups, String requestName) {
        return groups.isEmpty() ? requestName : groups.get(groups.size() - 1).path() + " / " + requestName;
    }

    private static String poolKey(Session session, Request request) {
        return session.userId() + " " + request.getUri().getScheme() + "://" + request.getUri().getHost() + ":"
                + request.getUri().getExplicitPort();
    }

    private static String pendingKey(Session session, String requestName) {
        return session.userId() + " " + requestName;
    }

    /** The request line, headers and body as HTTP/1.1 would write them: close enough for the model's accounting. */
    private static long requestBytes(Request request) {
        long bytes = request.getMethod().name().length() + request.getUri().toRelativeUrl().length() + 12;
        for (Map.Entry<String, String> header : request.getHeaders()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        bytes += request.getUri().getHost().length() + 8; // Host, added by the client when it writes
        if (request.getBody() != null) {
            byte[] body = request.getBody().getBytes();
            bytes += body == null ? 0 : body.length;
        }
        return bytes + 2;
    }

    /**
     * Status line, headers and body. Gatling keeps a body only when a check reads it, so its length comes from
     * {@code Content-Length} when the response has one; a chunked body no check reads counts as empty.
     */
    private static long responseBytes(Response response) {
        long bytes = 17;
        for (Map.Entry<String, String> header : response.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        long declared = response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        return bytes + 2 + Math.max(declared, response.body().length());
    }

}
