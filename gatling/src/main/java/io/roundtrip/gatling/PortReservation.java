package io.roundtrip.gatling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A free loopback port, held by a bound socket from when a simulation is built until its server binds the port in
 * {@code before()}: what lets a URL be known before anything starts. The socket is released just before the bind
 * (the window in which another process could take the port is that short).
 */
final class PortReservation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortReservation.class);

    private final ServerSocket socket;

    private PortReservation(ServerSocket socket) {
        this.socket = socket;
    }

    /** Holds a free port on the loopback address. */
    static PortReservation hold() {
        try {
            return new PortReservation(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a loopback port", e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Frees the port for its server to bind at once, and returns it. */
    int release() {
        close();
        return port();
    }

    /** The port of {@code reservation}, released; 0 (any port) when there is none. */
    static int releaseOrAny(PortReservation reservation) {
        return reservation == null ? 0 : reservation.release();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("releasing reserved port {}: {}", socket.getLocalPort(), e.toString());
        }
    }
}
