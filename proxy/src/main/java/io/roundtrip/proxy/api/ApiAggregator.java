package io.roundtrip.proxy.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator, whose refusals (a body over the limit: 413; an expectation other than 100-continue: 417) are
 * answered as every other API error, a JSON reason, instead of Netty's empty bodies. When it closes the connection
 * is Netty's decision, kept as it is.
 */
final class ApiAggregator extends HttpObjectAggregator {

    private final int maxContentBytes;

    ApiAggregator(int maxContentBytes) {
        super(maxContentBytes);
        this.maxContentBytes = maxContentBytes;
    }

    /** The answer to {@code Expect:} before the body is sent: Netty's, with a reason if it is a refusal. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof FullHttpResponse r && r.status().code() >= 400) {
            FullHttpResponse withReason = error(r.status(), reason(r.status()));
            r.headers().forEach(h -> {
                if (!withReason.headers().contains(h.getKey())) { // e.g. Connection: close
                    withReason.headers().add(h.getKey(), h.getValue());
                }
            });
            ReferenceCountUtil.release(r);
            return withReason;
        }
        return answer;
    }

    /** As Netty's: a 413, then close unless the client can still be told before it sends the body. */
    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse tooLarge = error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                reason(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE));
        if (oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized)) {
            tooLarge.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(tooLarge).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(tooLarge).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private String reason(HttpResponseStatus status) {
        return status.code() == 413 ? "request body over " + maxContentBytes + " bytes, the API's limit"
                : "unsupported expectation: only 100-continue is";
    }

    private static FullHttpResponse error(HttpResponseStatus status, String reason) {
        ApiResponse r = ApiResponse.error(status.code(), reason);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(r.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }
}
