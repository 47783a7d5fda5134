package io.roundtrip.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * One request's answer, written the same way whatever the protocol underneath: over HTTP/1.x straight to the
 * codec, over HTTP/2 to the stream channel (whose codec turns the objects into HEADERS and DATA frames). It knows
 * the connection policy: {@code Connection: close} and a close after the last byte when keep-alive is off (HTTP/1.x
 * only; HTTP/2 has no such header), head and body as two writes and two flushes under {@code --nagle}.
 */
final class Exchange {

    /** Bodies up to this size go out in the same write as the head; larger ones are streamed block by block. */
    static final int INLINE_BODY_BYTES = PatternBody.BLOCK_BYTES;

    private final ChannelHandlerContext ctx;
    private final HttpVersion version;
    private final boolean http2;
    private final boolean keepAlive;
    private final boolean nagle;
    private final ConnectionState connection;
    private boolean answered;
    private CharSequence allow;

    Exchange(ChannelHandlerContext ctx, HttpVersion version, boolean http2, boolean keepAlive, boolean nagle) {
        this.ctx = ctx;
        this.version = version;
        this.http2 = http2;
        this.keepAlive = keepAlive;
        this.nagle = nagle;
        this.connection = ConnectionState.of(ctx.channel());
        connection.requestStarted();
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    /** A complete response whose body is {@code body} (released by the write). */
    void respond(HttpResponseStatus status, CharSequence contentType, ByteBuf body) {
        if (!nagle) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(version, status, body);
            headers(response, contentType, body.readableBytes());
            finish(ctx.writeAndFlush(response));
            return;
        }
        HttpResponse head = new DefaultHttpResponse(version, status);
        headers(head, contentType, body.readableBytes());
        ctx.writeAndFlush(head);
        finish(ctx.writeAndFlush(new DefaultLastHttpContent(body)));
    }

    /** A response of {@code length} pattern bytes, streamed as the peer reads when larger than one block. */
    void respondPattern(HttpResponseStatus status, CharSequence contentType, long length) {
        if (length <= INLINE_BODY_BYTES) {
            respond(status, contentType, PatternBody.head((int) length));
            return;
        }
        HttpResponse head = new DefaultHttpResponse(version, status);
        headers(head, contentType, length);
        if (nagle) {
            ctx.writeAndFlush(head);
        } else {
            ctx.write(head);
        }
        finish(ctx.writeAndFlush(new HttpChunkedInput(PatternBody.stream(length))));
    }

    void respondText(HttpResponseStatus status, String text) {
        respond(status, "text/plain; charset=utf-8", Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** An error: the status and one line saying why. */
    void error(HttpResponseStatus status, String why) {
        respondText(status, status.code() + " " + status.reasonPhrase() + ": " + why + "\n");
    }

    /** 405, naming the one method the endpoint takes. */
    void methodNotAllowed(CharSequence allowedMethod, String path) {
        allow = allowedMethod;
        error(HttpResponseStatus.METHOD_NOT_ALLOWED, path + " takes " + allowedMethod);
    }

    /** Status only; no body (204, 304) or an empty one. */
    void respondEmpty(HttpResponseStatus status) {
        boolean noBodyAllowed = status.code() == 204 || status.code() == 304;
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.EMPTY_BUFFER);
        connectionHeader(response.headers());
        if (!noBodyAllowed) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        finish(ctx.writeAndFlush(response));
    }

    private void headers(HttpResponse response, CharSequence contentType, long length) {
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (allow != null) {
            headers.set(HttpHeaderNames.ALLOW, allow);
        }
        connectionHeader(headers);
    }

    private void connectionHeader(HttpHeaders headers) {
        if (http2) {
            return;
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    private void finish(ChannelFuture last) {
        if (answered) {
            throw new IllegalStateException("answered twice");
        }
        answered = true;
        last.addListener(f -> connection.requestFinished());
        if (!keepAlive) {
            last.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
