package io.roundtrip.origin;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;

/**
 * Per-connection state, kept on the TCP connection's channel (an HTTP/2 stream looks it up on its parent). Touched
 * only from the connection's event loop, which its streams share: no locks.
 */
final class ConnectionState {

    private static final AttributeKey<ConnectionState> KEY = AttributeKey.valueOf("roundtrip.origin.connection");

    /** What an HTTP/2 request on this connection counts as: {@code h2} (TLS) or {@code h2c} (cleartext). */
    final String h2Protocol;
    private int inFlight;

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
    }

    void requestFinished() {
        inFlight--;
    }

    /** True while a response is being prepared or written: the idle timeout spares such a connection. */
    boolean busy() {
        return inFlight > 0;
    }
}
