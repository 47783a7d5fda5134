package io.roundtrip.origin;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-connection state, kept on the TCP connection's channel (an HTTP/2 stream looks it up on its parent). Touched
 * only from the connection's event loop, which its streams share: no locks.
 */
final class ConnectionState {

    private static final AttributeKey<ConnectionState> KEY = AttributeKey.valueOf("roundtrip.origin.connection");

    /** What an HTTP/2 request on this connection counts as: {@code h2} (TLS) or {@code h2c} (cleartext). */
    final String h2Protocol;
    private int inFlight;
    private long requestsStarted;
    /** Non-null between an h2c upgrade and the client's first bytes after it: work held until then. */
    private List<Runnable> untilClientPreface;

    private ConnectionState(String h2Protocol) {
        this.h2Protocol = h2Protocol;
    }

    static void attach(Channel connection, String h2Protocol) {
        connection.attr(KEY).set(new ConnectionState(h2Protocol));
    }

    /** The state of the connection {@code channel} belongs to (itself, or an HTTP/2 stream's parent). */
    static ConnectionState of(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel ? channel.parent() : channel;
        return connection.attr(KEY).get();
    }

    void requestStarted() {
        inFlight++;
        requestsStarted++;
    }

    /** Requests that arrived whole on this connection so far (the slow-peer guard's sign of progress). */
    long requestsStarted() {
        return requestsStarted;
    }

    void requestFinished() {
        inFlight--;
    }

    /**
     * An {@code Upgrade: h2c} is being accepted: hold the answer to the upgraded request (stream 1) until the client
     * has switched protocols and sent its first HTTP/2 bytes. A server may answer right after the 101, but clients
     * (curl, the JDK's HttpClient) can only buffer so much data arriving behind the 101 in the same read, and fail
     * on a large stream-1 response.
     */
    void holdUntilClientPreface() {
        untilClientPreface = new ArrayList<>();
    }

    boolean holdingUntilClientPreface() {
        return untilClientPreface != null;
    }

    /** Runs {@code work} once the client preface has arrived (only while {@link #holdingUntilClientPreface()}). */
    void deferUntilClientPreface(Runnable work) {
        untilClientPreface.add(work);
    }

    /** Bytes arrived from the peer: after an upgrade, that is its preface; release the held work after this read. */
    void bytesArrived(Channel connection) {
        if (untilClientPreface != null) {
            List<Runnable> held = untilClientPreface;
            untilClientPreface = null;
            connection.eventLoop().execute(() -> held.forEach(Runnable::run));
        }
    }

    /** True while a response is being prepared or written: the idle timeout spares such a connection. */
    boolean busy() {
        return inFlight > 0;
    }
}
