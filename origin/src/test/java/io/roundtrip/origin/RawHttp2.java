package io.roundtrip.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/2 peer that writes raw frames (RFC 9113 section 4.1), so that it can send what no codec would let a client
 * send: resets by the thousand, floods, endless header blocks. h2c by prior knowledge or h2 over TLS (ALPN). Header
 * blocks are HPACK-encoded by Netty's encoder; frames the origin sends back are only counted.
 */
final class RawHttp2 implements AutoCloseable {

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;
    static final int ACK = 0x1;
    static final long PROTOCOL_ERROR = 0x1;
    static final long CANCEL = 0x8;
    static final long ENHANCE_YOUR_CALM = 0xb;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final String authority;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream();

    /**
     * What the origin sent until it closed the connection (or the wait ran out).
     *
     * @param goAwayErrors the error codes of the GOAWAY frames that arrived, in order
     * @param closed       true if the origin ended the connection (EOF or reset), false if the wait ran out
     */
    record Seen(int pingAcks, int settingsAcks, int headers, int resets, List<Long> goAwayErrors, boolean closed) {

        /** The first GOAWAY's error code (the one that says why), or -1 if none arrived. */
        long goAwayError() {
            return goAwayErrors.isEmpty() ? -1 : goAwayErrors.get(0);
        }
    }

    private RawHttp2(Socket socket, URI uri) throws IOException {
        this.socket = socket;
        this.authority = uri.getHost() + ":" + uri.getPort();
        socket.setSoTimeout((int) Clients.TIMEOUT.toMillis());
        socket.getOutputStream().write(PREFACE);
        frame(SETTINGS, 0, 0, new byte[0]);
        flush();
    }

    /**
     * Connects; {@code receiveBufferBytes} (0 = the system's) is set before connecting, so that a small one keeps the
     * origin's writes queued at its end when this peer does not read.
     */
    static RawHttp2 connect(Origin origin, boolean tls, int receiveBufferBytes) throws Exception {
        URI uri = tls ? origin.httpsUri() : origin.httpUri();
        Socket socket;
        if (tls) {
            SSLContext context = origin.certificate().trustingSslContext();
            socket = context.getSocketFactory().createSocket();
        } else {
            socket = new Socket();
        }
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) Clients.TIMEOUT.toMillis());
        if (socket instanceof SSLSocket ssl) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            if (!"h2".equals(ssl.getApplicationProtocol())) {
                throw new IllegalStateException("ALPN chose " + ssl.getApplicationProtocol() + ", not h2");
            }
        }
        return new RawHttp2(socket, uri);
    }

    /** The HPACK block of a request for {@code path} (a fresh encoder each time: no dynamic-table state). */
    byte[] requestBlock(String method, String path) {
        Http2Headers headers = new DefaultHttp2Headers().method(method).scheme(socket instanceof SSLSocket
                ? "https" : "http").authority(authority).path(path);
        ByteBuf out = Unpooled.buffer();
        try {
            new DefaultHttp2HeadersEncoder().encodeHeaders(0, headers, out);
            return ByteBufUtil.getBytes(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            out.release();
        }
    }

    /** Adds one frame to the batch; {@link #flush()} sends the batch. */
    RawHttp2 frame(int type, int flags, int streamId, byte[] payload) {
        int length = payload.length;
        batch.write(length >>> 16);
        batch.write(length >>> 8);
        batch.write(length);
        batch.write(type);
        batch.write(flags);
        batch.write(streamId >>> 24 & 0x7f);
        batch.write(streamId >>> 16);
        batch.write(streamId >>> 8);
        batch.write(streamId);
        batch.writeBytes(payload);
        return this;
    }

    RawHttp2 rst(int streamId, long error) {
        return frame(RST_STREAM, 0, streamId, u32(error));
    }

    RawHttp2 ping(long data) {
        byte[] payload = new byte[8];
        for (int i = 0; i < 8; i++) {
            payload[i] = (byte) (data >>> (56 - 8 * i));
        }
        return frame(PING, 0, 0, payload);
    }

    /** Sends the batch; an IOException here means the origin has closed the connection. */
    void flush() throws IOException {
        OutputStream out = socket.getOutputStream();
        batch.writeTo(out);
        out.flush();
        batch.reset();
    }

    /** Reads frames until the origin closes the connection or nothing arrives for {@code wait}. */
    Seen readToClose(Duration wait) throws IOException {
        return readUntil(seen -> false, wait);
    }

    /** Reads frames until {@code enough} holds, the origin closes the connection, or {@code wait} passes silent. */
    Seen readUntil(Predicate<Seen> enough, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int pingAcks = 0;
        int settingsAcks = 0;
        int headers = 0;
        int resets = 0;
        List<Long> goAwayErrors = new ArrayList<>();
        boolean closed;
        byte[] head = new byte[9];
        while (true) {
            try {
                in.readFully(head);
                int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                int type = head[3];
                boolean ack = (head[4] & ACK) != 0;
                switch (type) {
                    case PING -> pingAcks += ack ? 1 : 0;
                    case SETTINGS -> settingsAcks += ack ? 1 : 0;
                    case HEADERS -> headers++;
                    case RST_STREAM -> resets++;
                    case GOAWAY -> goAwayErrors.add((payload[4] & 0xffL) << 24 | (payload[5] & 0xff) << 16
                            | (payload[6] & 0xff) << 8 | payload[7] & 0xff);
                    default -> { }
                }
                if (enough.test(new Seen(pingAcks, settingsAcks, headers, resets, goAwayErrors, false))) {
                    closed = false;
                    break;
                }
            } catch (SocketTimeoutException e) {
                closed = false;
                break;
            } catch (EOFException e) {
                closed = true;
                break;
            } catch (IOException e) {
                closed = true;   // reset: the origin closed while our bytes were still arriving
                break;
            }
        }
        return new Seen(pingAcks, settingsAcks, headers, resets, List.copyOf(goAwayErrors), closed);
    }

    private static byte[] u32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
