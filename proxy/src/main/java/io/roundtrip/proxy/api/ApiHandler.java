package io.roundtrip.proxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.roundtrip.proxy.DuplicateNameException;
import io.roundtrip.proxy.ListenException;
import io.roundtrip.proxy.ProxyListener;
import io.roundtrip.proxy.ProxyServer;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.Toxic;
import io.roundtrip.proxy.toxic.ToxicSpec;
import io.roundtrip.proxy.toxic.ToxicTypes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * toxiproxy's REST routes and JSON shapes. Errors are {@code {"error": reason, "status": code}}: 400 for bad input,
 * 404 for unknown names or routes, 405 for a wrong method, 409 for duplicates; 500 only for an unexpected exception
 * (a bug: logged at WARN with its stack, answered in one line, never an HTML page or a stack trace).
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** The toxiproxy version whose API this one follows. */
    static final String VERSION = "2.12.0";

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProxyServer proxy;

    ApiHandler(ProxyServer proxy) {
        this.proxy = proxy;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("API connection error", cause);
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        try {
            response = route(request);
        } catch (ApiException e) {
            response = error(e.status, e.getMessage());
        } catch (DuplicateNameException e) {
            response = error(409, oneLine(e.getMessage()));
        } catch (NoSuchElementException e) {
            response = error(404, oneLine(e.getMessage()));
        } catch (IllegalArgumentException | ListenException e) {
            // the request's fault: bad input, or a listen address that cannot be bound
            response = error(400, oneLine(e.getMessage()));
        } catch (Exception e) { // anything else is the proxy's bug: a 500, one line here, the stack in the log
            LOG.warn("API {} {} failed unexpectedly", request.method(), request.uri(), e);
            response = error(500, "internal error: " + oneLine(e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + " (logged by the proxy)");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse route(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(QueryStringDecoder.decodeComponent(p));
            }
        }
        HttpMethod method = request.method();
        boolean get = method.equals(HttpMethod.GET);
        boolean post = method.equals(HttpMethod.POST);
        boolean update = post || method.equals(HttpMethod.PATCH);
        boolean delete = method.equals(HttpMethod.DELETE);
        int n = parts.size();
        String first = n > 0 ? parts.get(0) : "";
        if (n == 1 && first.equals("version")) {
            requireMethod(get);
            String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
            if (accept.contains("application/json")) {
                return json(200, Map.of("version", VERSION));
            }
            return text(200, VERSION);
        }
        if (n == 1 && first.equals("reset")) {
            requireMethod(post);
            proxy.reset();
            return empty(204);
        }
        if (n == 1 && first.equals("populate")) {
            requireMethod(post);
            return json(201, Map.of("proxies", populate(proxy, body(request))));
        }
        if (!first.equals("proxies")) {
            throw new ApiException(404, "no route " + method + " " + path);
        }
        if (n == 1) {
            if (get) {
                Map<String, Object> all = new LinkedHashMap<>();
                for (ProxyListener l : proxy.listeners()) {
                    all.put(l.name(), l.toJson());
                }
                return json(200, all);
            }
            requireMethod(post);
            return json(201, createProxy(body(request)).toJson());
        }
        String name = parts.get(1);
        if (n == 2) {
            if (get) {
                return json(200, proxy.listener(name).toJson());
            }
            if (delete) {
                proxy.remove(name);
                return empty(204);
            }
            requireMethod(update);
            return json(200, updateProxy(name, body(request)).toJson());
        }
        String sub = parts.get(2);
        if (n == 3 && sub.equals("stats")) {
            requireMethod(get);
            return json(200, proxy.listener(name).stats().toJson());
        }
        if (!sub.equals("toxics") || n > 4) {
            throw new ApiException(404, "no route " + method + " " + path);
        }
        ProxyListener listener = proxy.listener(name);
        if (n == 3) {
            if (get) {
                List<Object> list = new ArrayList<>();
                for (ToxicSpec t : listener.toxics()) {
                    list.add(t.toJson());
                }
                return json(200, list);
            }
            requireMethod(post);
            return json(200, addToxic(listener, body(request)).toJson());
        }
        String toxicName = parts.get(3);
        ToxicSpec existing = findToxic(listener, toxicName);
        if (get) {
            return json(200, existing.toJson());
        }
        if (delete) {
            List<ToxicSpec> next = new ArrayList<>(listener.toxics());
            next.remove(existing);
            proxy.setToxics(name, next);
            return empty(204);
        }
        requireMethod(update);
        return json(200, updateToxic(listener, existing, body(request)).toJson());
    }

    // proxies

    private ProxyListener createProxy(JsonNode body) {
        ProxyDefinition d = ProxyDefinition.parse(body);
        // all or nothing: names and toxics are checked before the listener binds
        return proxy.create(d.name, d.listen, d.upstream, d.enabled, d.toxics);
    }

    /**
     * toxiproxy's populate: creates the proxies, replacing those whose addresses changed. All or nothing: every
     * definition is validated before anything changes, and if applying one fails (a listen address in use) every
     * change already made is undone before the error is answered.
     */
    static List<Object> populate(ProxyServer proxy, JsonNode body) {
        if (!body.isArray()) {
            throw new ApiException(400, "populate expects a JSON array of proxies");
        }
        List<ProxyDefinition> definitions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode node : body) {
            ProxyDefinition d = ProxyDefinition.parse(node);
            if (!names.add(d.name)) {
                throw new ApiException(400, "populate lists proxy '" + d.name + "' more than once");
            }
            ProxyServer.checkToxicNames(d.toxics);
            ProxyServer.checkUpstream(d.upstream);
            definitions.add(d);
        }
        List<Object> result = new ArrayList<>();
        synchronized (proxy) {
            ArrayDeque<Runnable> undo = new ArrayDeque<>();
            try {
                for (ProxyDefinition d : definitions) {
                    result.add(apply(proxy, d, undo).toJson());
                }
            } catch (RuntimeException e) {
                while (!undo.isEmpty()) {
                    try {
                        undo.pop().run();
                    } catch (RuntimeException undoFailed) {
                        LOG.warn("populate: could not undo a change after '{}'", e.getMessage(), undoFailed);
                    }
                }
                throw e;
            }
        }
        return result;
    }

    /** Applies one populate definition, pushing how to undo each change onto {@code undo}. */
    private static ProxyListener apply(ProxyServer proxy, ProxyDefinition d, Deque<Runnable> undo) {
        if (proxy.has(d.name)) {
            ProxyListener old = proxy.listener(d.name);
            boolean same = old.upstream().equals(d.upstream)
                    && (d.listen.getPort() == 0 || old.address().getPort() == d.listen.getPort());
            if (!same) {
                boolean wasEnabled = old.enabled();
                InetSocketAddress oldListen = old.listen();
                InetSocketAddress oldUpstream = old.upstream();
                List<ToxicSpec> oldToxics = old.toxics();
                proxy.remove(d.name);
                undo.push(() -> proxy.create(d.name, oldListen, oldUpstream, wasEnabled, oldToxics));
            }
        }
        if (!proxy.has(d.name)) {
            ProxyListener created = proxy.create(d.name, d.listen, d.upstream, d.enabled, d.toxics);
            undo.push(() -> proxy.remove(d.name));
            return created;
        }
        ProxyListener l = proxy.listener(d.name);
        boolean wasEnabled = l.enabled();
        if (wasEnabled != d.enabled) {
            proxy.setEnabled(d.name, d.enabled);
            undo.push(() -> proxy.setEnabled(d.name, wasEnabled));
        }
        if (!d.toxics.isEmpty()) {
            List<ToxicSpec> oldToxics = l.toxics();
            proxy.setToxics(d.name, d.toxics);
            undo.push(() -> proxy.setToxics(d.name, oldToxics));
        }
        return l;
    }

    private ProxyListener updateProxy(String name, JsonNode body) {
        requireObject(body, "proxy");
        synchronized (proxy) {
            ProxyListener l = proxy.listener(name);
            InetSocketAddress listen = body.has("listen") ? ProxyServer.parseAddress(text(body, "listen")) : null;
            InetSocketAddress upstream = body.has("upstream") ? ProxyServer.parseAddress(text(body, "upstream")) : null;
            Boolean enabled = body.has("enabled") ? bool(body, "enabled") : null;
            if (upstream != null) {
                ProxyServer.checkUpstream(upstream);
            }
            // all or nothing: a listen address or an enable that cannot bind puts the upstream back
            InetSocketAddress oldUpstream = l.upstream();
            try {
                if (listen != null && !sameListen(l, listen)) {
                    proxy.setListen(name, listen);
                }
                if (enabled != null) {
                    proxy.setEnabled(name, enabled);
                }
                if (upstream != null) {
                    proxy.setUpstream(name, upstream);
                }
            } catch (RuntimeException e) {
                proxy.setUpstream(name, oldUpstream);
                throw e;
            }
            return l;
        }
    }

    /** Whether {@code listen} names the address already in use (clients send back the listen they were shown). */
    private static boolean sameListen(ProxyListener l, InetSocketAddress listen) {
        InetSocketAddress current = l.address();
        if (listen.getPort() != current.getPort()) {
            return false;
        }
        if (listen.getHostString().equals(current.getHostString())) {
            return true;
        }
        InetSocketAddress wanted = ProxyServer.resolved(listen);
        InetSocketAddress now = ProxyServer.resolved(current);
        return !wanted.isUnresolved() && !now.isUnresolved() && wanted.getAddress().equals(now.getAddress());
    }

    // toxics

    private ToxicSpec addToxic(ProxyListener listener, JsonNode body) {
        requireObject(body, "toxic");
        String type = text(body, "type");
        if (type == null) {
            throw new ApiException(400, "missing toxic type");
        }
        Stream stream = Stream.parse(body.has("stream") ? text(body, "stream") : null);
        double toxicity = body.has("toxicity") ? number(body, "toxicity") : 1.0;
        checkToxicity(toxicity);
        Toxic toxic = ToxicTypes.create(type, attributes(body));
        ToxicSpec spec = new ToxicSpec(body.has("name") ? text(body, "name") : null, stream, toxicity, toxic);
        synchronized (proxy) {
            List<ToxicSpec> next = new ArrayList<>(listener.toxics());
            next.add(spec);
            proxy.setToxics(listener.name(), next);
        }
        return spec;
    }

    private ToxicSpec updateToxic(ProxyListener listener, ToxicSpec existing, JsonNode body) {
        requireObject(body, "toxic");
        double toxicity = body.has("toxicity") ? number(body, "toxicity") : existing.toxicity();
        checkToxicity(toxicity);
        Toxic toxic = body.has("attributes") ? ToxicTypes.update(existing.toxic(), attributes(body)) : existing.toxic();
        Stream stream = body.has("stream") ? Stream.parse(text(body, "stream")) : existing.stream();
        ToxicSpec updated = new ToxicSpec(existing.name(), stream, toxicity, toxic);
        synchronized (proxy) {
            List<ToxicSpec> next = new ArrayList<>(listener.toxics());
            int i = next.indexOf(existing);
            if (i < 0) {
                throw new NoSuchElementException("no toxic named '" + existing.name() + "'");
            }
            next.set(i, updated);
            proxy.setToxics(listener.name(), next);
        }
        return updated;
    }

    private static ToxicSpec findToxic(ProxyListener listener, String name) {
        for (ToxicSpec t : listener.toxics()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new NoSuchElementException("no toxic named '" + name + "' on proxy '" + listener.name() + "'");
    }

    static void checkToxicity(double toxicity) {
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new ApiException(400, "toxicity must be in [0, 1], got " + toxicity);
        }
    }

    static Map<String, Object> attributes(JsonNode body) {
        JsonNode node = body.get("attributes");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ApiException(400, "attributes must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(node, Map.class);
        return m;
    }

    // JSON helpers

    private static JsonNode body(FullHttpRequest request) {
        String text = request.content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "bad JSON: " + oneLine(e.getOriginalMessage()));
        }
    }

    static void requireObject(JsonNode body, String what) {
        if (!body.isObject()) {
            throw new ApiException(400, what + " must be a JSON object");
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiException(400, field + " must be a string");
        }
        return v.asText();
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isBoolean()) {
            throw new ApiException(400, field + " must be true or false");
        }
        return v.asBoolean();
    }

    static double number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isNumber()) {
            throw new ApiException(400, field + " must be a number");
        }
        return v.asDouble();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "bad request";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    private static FullHttpResponse json(int status, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    Unpooled.wrappedBuffer(bytes));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            return r;
        } catch (JsonProcessingException e) {
            LOG.warn("cannot encode an API response", e);
            return text(500, "cannot encode response: " + oneLine(e.getOriginalMessage()));
        }
    }

    private static FullHttpResponse text(int status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        return r;
    }

    private static FullHttpResponse empty(int status) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    }

    private static FullHttpResponse error(int status, String reason) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", reason);
        node.put("status", status);
        return json(status, node);
    }

    private static void requireMethod(boolean allowed) {
        if (!allowed) {
            throw new ApiException(405, "method not allowed");
        }
    }

    /** A proxy as the API and populate files describe it. */
    static final class ProxyDefinition {
        final String name;
        final InetSocketAddress listen;
        final InetSocketAddress upstream;
        final boolean enabled;
        final List<ToxicSpec> toxics;

        private ProxyDefinition(String name, InetSocketAddress listen, InetSocketAddress upstream, boolean enabled,
                List<ToxicSpec> toxics) {
            this.name = name;
            this.listen = listen;
            this.upstream = upstream;
            this.enabled = enabled;
            this.toxics = toxics;
        }

        static ProxyDefinition parse(JsonNode node) {
            requireObject(node, "proxy");
            String name = text(node, "name");
            if (name == null || name.isBlank()) {
                throw new ApiException(400, "missing proxy name");
            }
            String upstream = text(node, "upstream");
            if (upstream == null) {
                throw new ApiException(400, "proxy '" + name + "': missing upstream");
            }
            String listen = text(node, "listen");
            boolean enabled = !node.has("enabled") || bool(node, "enabled");
            List<ToxicSpec> toxics = new ArrayList<>();
            JsonNode list = node.get("toxics");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw new ApiException(400, "proxy '" + name + "': toxics must be an array");
                }
                for (Iterator<JsonNode> it = list.elements(); it.hasNext();) {
                    JsonNode t = it.next();
                    requireObject(t, "toxic");
                    double toxicity = t.has("toxicity") ? number(t, "toxicity") : 1.0;
                    checkToxicity(toxicity);
                    toxics.add(new ToxicSpec(text(t, "name"), Stream.parse(text(t, "stream")), toxicity,
                            ToxicTypes.create(text(t, "type"), attributes(t))));
                }
            }
            return new ProxyDefinition(name, ProxyServer.parseAddress(listen == null ? "127.0.0.1:0" : listen),
                    ProxyServer.parseAddress(upstream), enabled, toxics);
        }
    }
}
