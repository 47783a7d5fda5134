package io.roundtrip.proxy.api;

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
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP in and out of the {@link Router}. An {@link ApiError} is answered with its status and reason; any other
 * exception is a bug: a 500 with a generic reason, its stack logged at WARN, never sent.
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    static final String INTERNAL_ERROR = "internal error (logged by the proxy)";

    private final Router router;

    ApiHandler(Router router) {
        this.router = router;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("API connection error", cause);
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = toHttp(answer(request));
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (HttpUtil.isKeepAlive(request)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private ApiResponse answer(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) { // Netty stands in "GET /bad-request" for what it could not read
            return ApiResponse.error(malformedStatus(request.decoderResult().cause()),
                    malformedReason(request.decoderResult().cause()));
        }
        try {
            return router.dispatch(request.method().name(), request.uri(),
                    request.content().toString(StandardCharsets.UTF_8),
                    request.headers().get(HttpHeaderNames.ACCEPT, ""));
        } catch (ApiError e) {
            return ApiResponse.error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("API {} {} failed unexpectedly", request.method(), request.uri(), e);
            return ApiResponse.error(500, INTERNAL_ERROR);
        }
    }

    /** 414 and 431 for a request line or headers over Netty's limits, 400 for anything else it could not read. */
    private static int malformedStatus(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return 414;
        }
        return cause instanceof TooLongHttpHeaderException ? 431 : 400;
    }

    private static String malformedReason(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return "request line too long (a name in the path, percent-encoded, over about 4 KB)";
        }
        return cause instanceof TooLongHttpHeaderException ? "request headers too long"
                : "malformed HTTP request";
    }

    private static FullHttpResponse toHttp(ApiResponse r) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
        if (r.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        return response;
    }
}
