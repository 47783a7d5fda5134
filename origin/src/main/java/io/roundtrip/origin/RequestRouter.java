package io.roundtrip.origin;

import io.roundtrip.model.units.Units;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origin's endpoints, one instance shared by every HTTP/1.x connection and every HTTP/2 stream: by the time a
 * request gets here it is a {@link FullHttpRequest} whatever the protocol. Nothing here blocks: {@code /delay}
 * schedules its answer on the event loop.
 */
@ChannelHandler.Sharable
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** The largest body {@code /bytes}, {@code /res} and {@code /page} will produce. */
    static final long MAX_BODY_BYTES = 1L << 30;
    /** The longest think time {@code /delay} will wait. */
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    /** The most resources one {@code /page} links. */
    static final int MAX_PAGE_RESOURCES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCTETS = "application/octet-stream";

    private final OriginConfig config;
    private final OriginStats stats;

    RequestRouter(OriginConfig config, OriginStats stats) {
        this.config = config;
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean http2 = ctx.channel() instanceof Http2StreamChannel;
        if (http2 && ConnectionState.of(ctx.channel()).holdingUntilClientPreface()) {
            FullHttpRequest held = request.retain();
            ConnectionState.of(ctx.channel()).deferUntilClientPreface(() -> {
                try {
                    channelRead0(ctx, held);
                } finally {
                    held.release();
                }
            });
            return;
        }
        DecoderResult decoded = request.decoderResult();
        if (!decoded.isSuccess()) {
            stats.rejected();
            reject(ctx, statusFor(decoded.cause()));
            LOG.debug("{} unreadable request: {}", ctx.channel(), decoded.cause().toString());
            return;
        }
        HttpVersion version = request.protocolVersion();
        if (!http2 && version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            stats.rejected();   // "HTTP/3.0" decodes, but is not HTTP/1.x (and must not become a stats key)
            reject(ctx, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED);
            return;
        }
        stats.request(http2 ? ConnectionState.of(ctx.channel()).h2Protocol : version.text());
        boolean keepAlive = http2 || (config.keepAlive() && HttpUtil.isKeepAlive(request));
        Exchange exchange = new Exchange(ctx, request.protocolVersion(), http2, keepAlive, config.nagle());
        try {
            route(exchange, request);
        } catch (IllegalArgumentException e) {
            exchange.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** The endpoints: first path segment, how many segments, the one method taken. */
    private enum Endpoint {
        BYTES("bytes", 2, HttpMethod.GET),
        DELAY("delay", 2, HttpMethod.GET),
        STATUS("status", 2, HttpMethod.GET),
        ECHO("echo", 1, HttpMethod.POST),
        PAGE("page", 1, HttpMethod.GET),
        RES("res", 2, HttpMethod.GET),
        STATS("stats", 1, HttpMethod.GET);

        final String first;
        final int segments;
        final HttpMethod method;

        Endpoint(String first, int segments, HttpMethod method) {
            this.first = first;
            this.segments = segments;
            this.method = method;
        }

        static Endpoint match(String[] segments) {
            for (Endpoint endpoint : values()) {
                if (endpoint.first.equals(segments[0]) && endpoint.segments == segments.length
                        && !segments[segments.length - 1].isEmpty()) {
                    return endpoint;
                }
            }
            return null;
        }
    }

    private void route(Exchange exchange, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        Endpoint endpoint = path.startsWith("/") ? Endpoint.match(path.substring(1).split("/", -1)) : null;
        if (endpoint == null) {
            exchange.error(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path);
            return;
        }
        if (!endpoint.method.equals(request.method())) {
            exchange.methodNotAllowed(endpoint.method.asciiName(), path);
            return;
        }
        String argument = path.substring(path.lastIndexOf('/') + 1);
        switch (endpoint) {
            case BYTES -> exchange.respondPattern(HttpResponseStatus.OK, OCTETS, size(argument));
            case DELAY -> delay(exchange, argument);
            case STATUS -> status(exchange, argument);
            case ECHO -> exchange.respond(HttpResponseStatus.OK,
                    request.headers().get(HttpHeaderNames.CONTENT_TYPE, OCTETS), request.content().retain());
            case PAGE -> page(exchange, uri);
            case RES -> {
                nonNegativeInt("resource index", argument);
                exchange.respondPattern(HttpResponseStatus.OK, OCTETS, size(param(uri, "size", "1KiB")));
            }
            case STATS -> exchange.respond(HttpResponseStatus.OK, "application/json",
                    Unpooled.wrappedBuffer(statsJson()));
        }
    }

    private static void delay(Exchange exchange, String text) {
        Duration delay = Units.parseDuration(text);
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay " + text + " is over the cap of " + MAX_DELAY.toSeconds() + "s");
        }
        long nanos = delay.toNanos();
        exchange.ctx().executor().schedule(
                () -> exchange.respondText(HttpResponseStatus.OK, "delayed " + delay.toMillis() + "ms\n"),
                nanos, TimeUnit.NANOSECONDS);
    }

    private static void status(Exchange exchange, String text) {
        int code = nonNegativeInt("status code", text);
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("status code must be 200-599, got " + code);
        }
        HttpResponseStatus status = HttpResponseStatus.valueOf(code);
        if (code == 204 || code == 304) {
            exchange.respondEmpty(status);
        } else {
            exchange.respondText(status, code + " " + status.reasonPhrase() + "\n");
        }
    }

    private static void page(Exchange exchange, QueryStringDecoder uri) {
        int resources = nonNegativeInt("resources", param(uri, "resources", "10"));
        if (resources > MAX_PAGE_RESOURCES) {
            throw new IllegalArgumentException("resources must be at most " + MAX_PAGE_RESOURCES);
        }
        long size = size(param(uri, "size", "1KiB"));
        exchange.respond(HttpResponseStatus.OK, "text/html; charset=utf-8",
                Unpooled.wrappedBuffer(PageDocument.html(resources, size)));
    }

    private byte[] statsJson() {
        try {
            return JSON.writeValueAsBytes(stats.snapshot().toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body size in human units, within {@link #MAX_BODY_BYTES}. */
    static long size(String text) {
        long bytes = Units.parseBytes(text);
        if (bytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("size " + text + " is over the cap of 1GiB");
        }
        return bytes;
    }

    private static int nonNegativeInt(String what, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the one message
        }
        throw new IllegalArgumentException(what + " must be a non-negative integer, got '" + text + "'");
    }

    private static String param(QueryStringDecoder uri, String name, String fallback) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    /** What an unreadable request gets: 431 for a header block too large, 414 for a request line, else 400. */
    private static HttpResponseStatus statusFor(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }

    /**
     * Answer a request that cannot be served and close: after a bad message the HTTP/1.x decoder discards
     * everything else on the connection.
     */
    private static void reject(ChannelHandlerContext ctx, HttpResponseStatus status) {
        byte[] body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} closing after an error", ctx.channel(), cause);
        ctx.close();
    }
}
