package io.roundtrip.gatling;

import io.gatling.javaapi.core.Session;
import java.util.Optional;
import java.util.function.Function;

/**
 * A way of reaching the target, planned before the {@link Testbed} starts and given its endpoint when it does. A
 * simulation builds its requests on routes while Gatling builds it; the addresses exist from {@code before()} on.
 */
public final class Route {

    /** One way of reaching the target, once started: a base URL for Gatling and, for external targets, a host alias. */
    public record Endpoint(String baseUrl, Optional<String> aliasedHost) {}

    private final String scheme;
    private volatile Endpoint endpoint;
    /** The loopback port held for this route's proxy listener until the start binds it ({@link Testbed#plannedBaseUrl}). */
    private PortReservation reservation;

    Route(String scheme) {
        this.scheme = scheme;
    }

    /** The base URL ({@code http://127.0.0.1:43121}); only once the testbed has started. */
    public String baseUrl() {
        Endpoint opened = endpoint;
        if (opened == null) {
            throw new IllegalStateException("the testbed has not started: no address yet");
        }
        return opened.baseUrl();
    }

    /** The absolute URL of {@code path} on this route, for a Gatling request built before the start. */
    public Function<Session, String> url(String path) {
        return session -> baseUrl() + path;
    }

    /** {@code http} or {@code https}. */
    String scheme() {
        return scheme;
    }

    void open(Endpoint opened) {
        endpoint = opened;
    }

    /** Holds a free loopback port until {@link #takeReservedPort()}; the same one on every call. */
    synchronized int reservePort() {
        if (reservation == null) {
            reservation = PortReservation.hold();
        }
        return reservation.port();
    }

    /** The reserved port, released for the listener to bind at once; 0 (any) when none was reserved. */
    synchronized int takeReservedPort() {
        int port = PortReservation.releaseOrAny(reservation);
        reservation = null;
        return port;
    }
}
