package io.roundtrip.origin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the pipelines; no request logic lives here. Every route ends in the same {@link RequestRouter}:
 * <ul>
 *   <li>plain port: HTTP/1.1, h2c by prior knowledge (the connection preface) and h2c by {@code Upgrade: h2c};</li>
 *   <li>TLS port: ALPN picks h2 or http/1.1.</li>
 * </ul>
 * HTTP/1.x: codec → aggregator → chunked writer → sequencer → router. HTTP/2: frame codec → multiplexer, and per
 * stream: frame-to-object codec → aggregator → chunked writer → router.
 */
final class HttpPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPipelines.class);
    private static final int MAX_INITIAL_LINE_BYTES = 8 * 1024;
    private static final int MAX_H2_CONCURRENT_STREAMS = 1000;
    /*
     * HTTP/2 abuse limits, stated here rather than left to Netty's defaults (which are the same today) so that a
     * change of Netty cannot quietly loosen them. Past any of them the connection ends with GOAWAY.
     */
    /** Rapid reset (CVE-2023-44487): RST_STREAMs a client may send per window; past it, ENHANCE_YOUR_CALM. */
    static final int H2_MAX_RST_FRAMES_PER_WINDOW = 200;
    static final int H2_RST_WINDOW_SECONDS = 30;
    /** MadeYouReset (CVE-2025-55163): RST_STREAMs the client may make the origin send per window. */
    static final int H2_MAX_SENT_RST_FRAMES_PER_WINDOW = 200;
    /**
     * Ping, settings and reset floods from a peer that does not read (CVE-2019-9512, -9515, -9514): control frames
     * (PING and SETTINGS acknowledgements, RST_STREAM) queued unwritten; past it, ENHANCE_YOUR_CALM.
     */
    static final int H2_MAX_QUEUED_CONTROL_FRAMES = 10_000;
    /** Empty-frames flood (CVE-2019-9518): DATA frames without payload or END_STREAM in a row. */
    static final int H2_MAX_CONSECUTIVE_EMPTY_DATA_FRAMES = 2;
    /**
     * CONTINUATION flood (CVE-2024-27316 and kin): small CONTINUATION frames in one header block; large ones are
     * bounded by the header list size ({@code maxHeaderBytes}), past which the block is refused.
     */
    static final int H2_MAX_SMALL_CONTINUATION_FRAMES = 16;

    private final OriginConfig config;
    private final OriginStats stats;
    private final SslContext sslContext;
    private final RequestRouter router;
    private final ChannelHandler connectionCounter;
    private final ChannelHandler idleCloser = new IdleCloser();
    private final ChannelHandler lastResort = new LastResort();
    private final GoAwayCounter goAwayCounter;

    HttpPipelines(OriginConfig config, OriginStats stats, SslContext sslContext) {
        this.config = config;
        this.stats = stats;
        this.sslContext = sslContext;
        this.router = new RequestRouter(config, stats);
        this.connectionCounter = new ConnectionCounter(stats);
        this.goAwayCounter = new GoAwayCounter(stats);
    }

    /** The plain port: HTTP/1.1 and h2c (prior knowledge or Upgrade). */
    ChannelInitializer<Channel> plain() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ConnectionState.attach(ch, "h2c");
                ChannelPipeline p = ch.pipeline();
                connectionHandlers(p);
                HttpServerCodec codec = http1Codec();
                HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec,
                        protocol -> {
                            if (!AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)) {
                                return null;
                            }
                            ConnectionState.of(ch).holdUntilClientPreface();
                            return new Http2ServerUpgradeCodec(http2FrameCodec(), http2Multiplexer());
                        },
                        (int) Math.min(config.maxBodyBytes(), Integer.MAX_VALUE));
                p.addLast("h2c-or-h1", new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new PriorKnowledge()));
                p.addLast("h1-install", new Http1Installer());
                p.addLast("last-resort", lastResort);
            }
        };
    }

    /** The TLS port: ALPN chooses h2 or http/1.1. */
    ChannelInitializer<Channel> tls() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ConnectionState.attach(ch, "h2");
                ChannelPipeline p = ch.pipeline();
                p.addLast("tls", sslContext.newHandler(ch.alloc()));
                connectionHandlers(p);
                p.addLast("tls-counter", new HandshakeCounter(stats));
                p.addLast("alpn", new Alpn());
                p.addLast("last-resort", lastResort);
            }
        };
    }

    /** Counting (first, to see the bytes on the wire), idle timeout and slow peers, flush consolidation. */
    private void connectionHandlers(ChannelPipeline p) {
        p.addFirst("connection-counter", connectionCounter);
        if (!config.idleTimeout().isZero()) {
            p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
            p.addLast("idle-close", idleCloser);
            p.addLast("slow-peer", new SlowPeerGuard(config.idleTimeout(), stats));
        }
        if (!config.nagle()) {
            // Under --nagle every flush must reach the socket as its own write, so no consolidation there.
            p.addLast("flush-consolidation", new FlushConsolidationHandler());
        }
    }

    private HttpServerCodec http1Codec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(config.maxHeaderBytes())
                .setMaxChunkSize(PatternBody.BLOCK_BYTES)
                // Request smuggling: no bare LF as a line end, Content-Length with Transfer-Encoding refused
                // (RFC 9112 sections 2.2 and 6.1), no repeated Content-Length.
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false));
    }

    /**
     * HTTP/1.x handlers, inserted before {@code beforeName}: always a handler that comes after the one installing
     * them, since a handler that removes itself passes what it holds on to its old successor.
     */
    private void addHttp1Handlers(ChannelPipeline p, String beforeName) {
        p.addBefore(beforeName, "h1-aggregator", new HttpObjectAggregator(maxBody()));
        p.addBefore(beforeName, "h1-chunked", new ChunkedWriteHandler());
        p.addBefore(beforeName, "h1-sequencer", new Http1Sequencer());
        p.addBefore(beforeName, "router", router);
    }

    private Http2FrameCodec http2FrameCodec() {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_H2_CONCURRENT_STREAMS)
                .maxHeaderListSize(config.maxHeaderBytes());
        return Http2FrameCodecBuilder.forServer().initialSettings(settings).frameLogger(goAwayCounter)
                .decoderEnforceMaxRstFramesPerWindow(H2_MAX_RST_FRAMES_PER_WINDOW, H2_RST_WINDOW_SECONDS)
                .encoderEnforceMaxRstFramesPerWindow(H2_MAX_SENT_RST_FRAMES_PER_WINDOW, H2_RST_WINDOW_SECONDS)
                .encoderEnforceMaxQueuedControlFrames(H2_MAX_QUEUED_CONTROL_FRAMES)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(H2_MAX_CONSECUTIVE_EMPTY_DATA_FRAMES)
                .decoderEnforceMaxSmallContinuationFrames(H2_MAX_SMALL_CONTINUATION_FRAMES)
                .build();
    }

    private Http2MultiplexHandler http2Multiplexer() {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stats.h2StreamOpened();
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                if (!config.idleTimeout().isZero()) {
                    stream.pipeline().addLast(new SlowStreamGuard(config.idleTimeout(), stats));
                }
                stream.pipeline().addLast(
                        new HttpObjectAggregator(maxBody()),
                        new ChunkedWriteHandler(),
                        router);
            }
        });
    }

    private int maxBody() {
        return (int) Math.min(config.maxBodyBytes(), Integer.MAX_VALUE);
    }

    /** h2c by prior knowledge: replaces itself with the HTTP/2 handlers; the HTTP/1 installer is not needed. */
    private final class PriorKnowledge extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ChannelPipeline p = ctx.pipeline();
            p.addAfter(ctx.name(), "h2-frames", http2FrameCodec());
            p.addAfter("h2-frames", "h2-streams", http2Multiplexer());
            p.remove(this);
            if (p.get("h1-install") != null) {
                p.remove("h1-install");
            }
        }
    }

    /**
     * Plain port, first HTTP/1 message seen (no prior knowledge, no successful upgrade): installs the HTTP/1.x
     * handlers in its place. After an h2c upgrade it just leaves.
     */
    private final class Http1Installer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpMessage) {
                addHttp1Handlers(ctx.pipeline(), "last-resort");
                ctx.pipeline().remove(this);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
                ctx.pipeline().remove(this);
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** After the TLS handshake: h2 or http/1.1 as ALPN decided (http/1.1 for a client without ALPN). */
    private final class Alpn extends ApplicationProtocolNegotiationHandler {
        Alpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            ChannelPipeline p = ctx.pipeline();
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                p.addBefore("last-resort", "h2-frames", http2FrameCodec());
                p.addBefore("last-resort", "h2-streams", http2Multiplexer());
            } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
                p.addBefore("last-resort", "h1-codec", http1Codec());
                addHttp1Handlers(p, "last-resort");
            } else {
                throw new IllegalStateException("unexpected ALPN protocol " + protocol);
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{} TLS handshake failed: {}", ctx.channel(), cause.toString());
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{} closing before ALPN completed: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }

    /** Connections opened and open, bytes in and out: sits next to the socket. */
    @ChannelHandler.Sharable
    private static final class ConnectionCounter extends ChannelDuplexHandler {
        private final OriginStats stats;

        ConnectionCounter(OriginStats stats) {
            this.stats = stats;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            stats.connectionOpened();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stats.connectionClosed();
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                stats.bytesIn(buf.readableBytes());
                ConnectionState.of(ctx.channel()).bytesArrived(ctx.channel());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf buf) {
                stats.bytesOut(buf.readableBytes());
            }
            ctx.write(msg, promise);
        }
    }

    /** TLS handshakes by negotiated version, and failures; leaves the pipeline after the handshake. */
    private static final class HandshakeCounter extends ChannelInboundHandlerAdapter {
        private final OriginStats stats;

        HandshakeCounter(OriginStats stats) {
            this.stats = stats;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    stats.tlsHandshake(ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
                } else {
                    stats.tlsHandshakeFailed();
                }
                ctx.pipeline().remove(this);
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** Slowloris defence: a connection with no traffic for the idle timeout and nothing in flight is closed. */
    @ChannelHandler.Sharable
    private static final class IdleCloser extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                if (!ConnectionState.of(ctx.channel()).busy()) {
                    LOG.debug("{} idle: closing", ctx.channel());
                    ctx.channel().close();   // from the tail, so that an HTTP/2 connection says GOAWAY first
                }
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * Whatever error nothing else handled: logged at debug (a peer hanging up is not news), connection closed. Not an
     * HTTP/2 connection error: the frame codec shows it here first and then ends the connection itself with the
     * GOAWAY that names it (ENHANCE_YOUR_CALM, PROTOCOL_ERROR, ...); closing here first would send GOAWAY(NO_ERROR).
     */
    @ChannelHandler.Sharable
    private static final class LastResort extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof Http2Exception) {
                LOG.debug("{} HTTP/2 connection error, the codec says GOAWAY: {}", ctx.channel(), cause.toString());
                return;
            }
            LOG.debug("{} closing after an error: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }
}
