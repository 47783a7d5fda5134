package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.NetworkProfile;

/**
 * A request kind on a profile, resolved into what each connection does: the shared input of the analytic
 * accounting ({@link LatencyModel}), the Monte Carlo simulation and the exact convolution. Times in nanoseconds.
 */
final class Plan {

    /** ClientHello (and the client's second flight) on the wire, bytes. */
    static final long TLS_CLIENT_FLIGHT_BYTES = 512;
    /** ServerHello + certificate chain + Finished, bytes: a typical 2-certificate RSA chain. */
    static final long TLS_SERVER_FLIGHT_BYTES = 4096;
    /** ServerHello + Finished on PSK resumption: no certificate. */
    static final long TLS_RESUMED_SERVER_FLIGHT_BYTES = 512;

    final NetworkProfile profile;
    final RequestKind kind;
    /** Resources carried by each connection, critical (busiest) connection first. */
    final int[] resourcesPerConnection;
    /** Bytes up and down per resource on a connection (h2 pages: all resources as one). */
    final long requestBytes;
    final long responseBytes;
    /** How many connections share the bandwidth (h1 pages: k), dividing it evenly. */
    final int share;
    final boolean dns;
    final boolean tcpHandshake;
    final int tlsRounds;
    final long tlsServerFlightBytes;
    final double serverNanos;
    final double clientWindow;
    final double serverWindow;
    final double ssthresh;
    final double gamma;
    final int mss;
    final double upNanos;
    final double downNanos;
    final double rttNanos;
    final double rtoNanos;
    final double synRtoNanos;

    Plan(NetworkProfile profile, RequestKind kind) {
        this.profile = profile;
        this.kind = kind;
        boolean page = kind.isPageLoad();
        if (page && kind.protocol() == RequestKind.Protocol.H1) {
            int k = Math.min(kind.resources(), kind.h1ConnectionsPerOrigin());
            resourcesPerConnection = new int[k];
            for (int i = 0; i < kind.resources(); i++) {
                resourcesPerConnection[i % k]++;
            }
            requestBytes = kind.requestBytes();
            responseBytes = kind.resourceBytes();
            share = k;
        } else if (page) {
            resourcesPerConnection = new int[] {1};
            requestBytes = kind.requestBytes() * kind.resources();
            responseBytes = kind.resourceBytes() * kind.resources();
            share = 1;
        } else {
            resourcesPerConnection = new int[] {1};
            requestBytes = kind.requestBytes();
            responseBytes = kind.responseBytes();
            share = 1;
        }
        boolean fresh = kind.connection() == RequestKind.Connection.FRESH;
        dns = kind.dns() == RequestKind.Dns.UNCACHED;
        tcpHandshake = fresh && profile.handshake();
        tlsRounds = fresh ? kind.tls().roundTrips() : 0;
        tlsServerFlightBytes = kind.tls() == RequestKind.Tls.TLS_1_3_RESUMED
                ? TLS_RESUMED_SERVER_FLIGHT_BYTES : TLS_SERVER_FLIGHT_BYTES;
        serverNanos = kind.serverTime().toNanos();
        ssthresh = profile.ssthreshSegments().isPresent() ? profile.ssthreshSegments().getAsInt()
                : Double.POSITIVE_INFINITY;
        double warm = ssthresh;
        double restart = profile.initcwndSegments();
        double initial;
        switch (kind.connection()) {
            case FRESH:
                initial = restart;
                break;
            case IDLE:
                initial = profile.slowStartAfterIdle() ? restart : warm;
                break;
            default:
                initial = warm;
        }
        if (!profile.slowStart()) {
            initial = Double.POSITIVE_INFINITY;
        }
        clientWindow = initial;
        serverWindow = initial;
        gamma = profile.gamma();
        mss = profile.mssBytes();
        upNanos = profile.delayNanos(Direction.UP);
        downNanos = profile.delayNanos(Direction.DOWN);
        rttNanos = upNanos + downNanos;
        rtoNanos = profile.retransmissionTimeout().toNanos();
        synRtoNanos = profile.synRto().toNanos();
    }

    int connections() {
        return resourcesPerConnection.length;
    }

    /** Serialization of {@code bytes} in {@code direction} on this connection's share of the bandwidth. */
    double serializationNanos(Direction direction, long bytes) {
        return profile.serializationNanos(direction, bytes) * share;
    }

    double delayNanos(Direction direction) {
        return direction == Direction.UP ? upNanos : downNanos;
    }

    /** Segments of a message; a message always takes at least one (headers). */
    long segments(long bytes) {
        return Math.max(1, SlowStart.segments(bytes, mss));
    }

    /** Time of the TLS handshake's serialization (both directions), nanoseconds. */
    double tlsSerializationNanos() {
        if (tlsRounds == 0) {
            return 0;
        }
        return serializationNanos(Direction.UP, TLS_CLIENT_FLIGHT_BYTES * tlsRounds)
                + serializationNanos(Direction.DOWN, tlsServerFlightBytes);
    }

    /**
     * One deterministic transfer of {@code bytes} in {@code direction} from {@code window} segments: flights
     * grow by γ below ssthresh and by one above; a flight's segments leave back to back at the bandwidth, the
     * next flight starts when the first segment's ACK returns (or when the link is free, if later).
     *
     * @return {rounds, nanoseconds until the last byte arrives, window after}
     */
    double[] transfer(Direction direction, long bytes, double window) {
        long segments = segments(bytes);
        double perSegment = serializationNanos(direction, bytes) / segments;
        double oneWay = delayNanos(direction);
        double back = delayNanos(direction.reverse());
        double t = 0;
        double linkFree = 0;
        double last = 0;
        double target = 0;
        long sent = 0;
        int rounds = 0;
        double w = window;
        while (sent < segments) {
            target += w;
            long n = Double.isInfinite(target) ? segments - sent
                    : Math.max(1, Math.min(segments - sent, (long) Math.floor(target + 1e-9) - sent));
            double start = Math.max(t, linkFree);
            linkFree = start + n * perSegment;
            last = linkFree + oneWay;
            t = start + perSegment + oneWay + back;
            sent += n;
            rounds++;
            w = SlowStart.grow(w, gamma, ssthresh);
        }
        return new double[] {rounds, last, w};
    }
}
