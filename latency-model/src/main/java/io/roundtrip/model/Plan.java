package io.roundtrip.model;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.tcp.SenderWindow;

/**
 * A request kind on a profile, resolved into what each connection does: the shared input of the analytic
 * accounting ({@link LatencyModel}), the Monte Carlo simulation and the exact convolution. Times in nanoseconds.
 *
 * <p>The timeline: the DNS lookup (once), then a page's document on connection 0 if it has one (the sequential
 * prefix, alone on the link), then the parallel part: {@link #connections()} connections at once, each carrying
 * {@link #resourcesPerConnection} resources; connection 0 skips its handshakes there when it fetched the
 * document. The page ends with the last connection; {@link #critical} is that one on the deterministic path.
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
    /**
     * A page load that fetches its document first: connection 0 opens, fetches the document (the sequential
     * prefix), then joins the parallel part without handshakes, its windows as the document left them.
     */
    final boolean documentFirst;
    /** The document's size, bytes (0 without a document). */
    final long documentBytes;
    /** Resources carried by each connection of the parallel part (after the document, if any). */
    final int[] resourcesPerConnection;
    /** The connection that finishes last in the deterministic schedule: the critical path. */
    final int critical;
    /** Bytes up and down per resource on a connection (h2 pages: all resources as one). */
    final long requestBytes;
    final long responseBytes;
    /** How many connections share the bandwidth in the parallel part (h1 pages: k), dividing it evenly. */
    final int share;
    final boolean dns;
    final boolean tcpHandshake;
    final int tlsRounds;
    /** Round trips a fresh h2 connection waits for the server's SETTINGS after the TLS handshake (0 or 1). */
    final int settingsRounds;
    final long tlsServerFlightBytes;
    final double serverNanos;
    /** Each direction's congestion window when the exchange starts (copied for every use). */
    private final SenderWindow clientWindow;
    private final SenderWindow serverWindow;
    final double ssthresh;
    final double gamma;
    final int mss;
    final double upNanos;
    final double downNanos;
    final double rttNanos;
    final double rtoNanos;
    final double synRtoNanos;
    /** Streams of one response on a connection: a h2 page's resources, else 1 (for HTTP/2 flow control). */
    final int streamsPerResponse;

    Plan(NetworkProfile profile, RequestKind kind) {
        this.profile = profile;
        this.kind = kind;
        boolean page = kind.isPageLoad();
        documentFirst = kind.hasDocument();
        documentBytes = documentFirst ? kind.documentBytes() : 0;
        int k = 1;
        if (page && kind.protocol() == RequestKind.Protocol.H1) {
            k = Math.min(kind.resources(), kind.h1ConnectionsPerOrigin());
            requestBytes = kind.requestBytes();
            responseBytes = kind.resourceBytes();
            share = k;
        } else if (page) {
            requestBytes = kind.requestBytes() * kind.resources();
            responseBytes = kind.resourceBytes() * kind.resources();
            share = 1;
        } else {
            requestBytes = kind.requestBytes();
            responseBytes = kind.responseBytes();
            share = 1;
        }
        boolean fresh = kind.connection() == RequestKind.Connection.FRESH;
        dns = kind.dns() == RequestKind.Dns.UNCACHED;
        tcpHandshake = fresh && profile.handshake();
        tlsRounds = fresh ? kind.tls().roundTrips() : 0;
        settingsRounds = kind.settingsWaitRoundTrips();
        tlsServerFlightBytes = kind.tls() == RequestKind.Tls.TLS_1_3_RESUMED
                ? TLS_RESUMED_SERVER_FLIGHT_BYTES : TLS_SERVER_FLIGHT_BYTES;
        serverNanos = kind.serverTime().toNanos();
        ssthresh = profile.ssthreshSegments().isPresent() ? profile.ssthreshSegments().getAsInt()
                : Double.POSITIVE_INFINITY;
        gamma = profile.gamma();
        mss = profile.mssBytes();
        upNanos = profile.delayNanos(Direction.UP);
        downNanos = profile.delayNanos(Direction.DOWN);
        rttNanos = upNanos + downNanos;
        rtoNanos = profile.retransmissionTimeout().toNanos();
        synRtoNanos = profile.synRto().toNanos();
        streamsPerResponse = page && kind.protocol() == RequestKind.Protocol.H2 ? kind.resources() : 1;
        // A kept-alive connection (and an idle one without slow-start-after-idle) carries the windows a previous
        // exchange of the same kind left, as Linux and the proxy carry them; a fresh one starts at initcwnd.
        SenderWindow client = initialWindow();
        SenderWindow server = initialWindow();
        if (kind.connection() != RequestKind.Connection.FRESH) {
            transfer(Direction.UP, requestBytes, client, share);
            transfer(Direction.DOWN, responseBytes, server, share);
            if (kind.connection() == RequestKind.Connection.IDLE && profile.slowStartAfterIdle()) {
                client.restartAfterIdle();
                server.restartAfterIdle();
            }
        }
        clientWindow = client;
        serverWindow = server;
        if (documentFirst && page && kind.protocol() == RequestKind.Protocol.H1) {
            // After the document, the first k resources are issued at once, one per connection (connection 0 is
            // idle, the pool opens k − 1 new ones for the others and binds each request to its connection, as
            // Gatling does); every further resource goes to the connection that is free first.
            resourcesPerConnection = new int[k];
            double[] free = new double[k];
            SenderWindow[] cw = new SenderWindow[k];
            SenderWindow[] sw = new SenderWindow[k];
            SenderWindow[] documentWindows = documentWindows();
            for (int c = 0; c < k; c++) {
                free[c] = c == 0 ? 0 : openNanos(share);
                cw[c] = c == 0 ? documentWindows[0] : clientWindow();
                sw[c] = c == 0 ? documentWindows[1] : serverWindow();
            }
            for (int r = 0; r < kind.resources(); r++) {
                int c = r < k ? r : 0;
                for (int i = 1; i < k && r >= k; i++) {
                    if (free[i] < free[c]) {
                        c = i;
                    }
                }
                double[] up = transfer(Direction.UP, requestBytes, cw[c], share);
                double[] down = transfer(Direction.DOWN, responseBytes, sw[c], share);
                free[c] += up[1] + serverNanos + down[1];
                resourcesPerConnection[c]++;
            }
            int last = 0;
            for (int c = 1; c < k; c++) {
                if (free[c] > free[last]) {
                    last = c;
                }
            }
            critical = last;
        } else {
            // Without a document all connections are alike: round robin, the first one the busiest.
            resourcesPerConnection = new int[k];
            if (page && kind.protocol() == RequestKind.Protocol.H1) {
                for (int i = 0; i < kind.resources(); i++) {
                    resourcesPerConnection[i % k]++;
                }
            } else {
                resourcesPerConnection[0] = 1;
            }
            critical = 0;
        }
    }

    int connections() {
        return resourcesPerConnection.length;
    }

    /** Whether connection {@code c} of the parallel part opens (handshakes) there: all but a document's. */
    boolean opens(int c) {
        return !(documentFirst && c == 0);
    }

    /**
     * Deterministic time to open a connection: TCP handshake, TLS round trips, the SETTINGS wait, and the TLS
     * flights' serialization at the given bandwidth share. Nanoseconds.
     */
    double openNanos(int share) {
        return (tcpHandshake ? rttNanos : 0) + (tlsRounds + settingsRounds) * rttNanos + tlsSerializationNanos(share);
    }

    /** A connection's congestion window before its first exchange: initcwnd, unbounded without slow start. */
    SenderWindow initialWindow() {
        double initial = profile.slowStart() ? profile.initcwndSegments() : Double.POSITIVE_INFINITY;
        return new SenderWindow(profile.congestion(), initial, ssthresh, Double.POSITIVE_INFINITY, gamma);
    }

    /** The client's window as the plan's exchanges start: a copy, for the caller to advance. */
    SenderWindow clientWindow() {
        return clientWindow.copy();
    }

    /** The server's window as the plan's exchanges start: a copy, for the caller to advance. */
    SenderWindow serverWindow() {
        return serverWindow.copy();
    }

    /** {client window, server window} after the document's request and response on connection 0. */
    SenderWindow[] documentWindows() {
        SenderWindow client = clientWindow();
        SenderWindow server = serverWindow();
        transfer(Direction.UP, kind.requestBytes(), client, 1);
        transfer(Direction.DOWN, documentBytes, server, 1);
        return new SenderWindow[] {client, server};
    }

    /** A connection's HTTP/2 flow control, or null when there is none (h1, or an unbounded receive window). */
    FlowWindow newFlowWindow() {
        return kind.h2FlowControlled() ? new FlowWindow(kind.h2ReceiveWindowBytes(), kind.h2WindowUpdateBytes(),
                kind.tlsRecordBytes()) : null;
    }

    /**
     * Whether HTTP/2 flow control delays any response of the plan: a response larger than the credit it starts
     * with. The credit at each response's start is the same in every sample (all updates have arrived by then),
     * so this holds for the distributions too; when false, flow control changes nothing.
     */
    boolean flowControlBinds() {
        FlowWindow flow = newFlowWindow();
        if (flow == null) {
            return false;
        }
        if (documentFirst) {
            flow.beginResponse(1, documentBytes);
            if (flow.binds(documentBytes)) {
                return true;
            }
            flow.consumeWhole(documentBytes);
        }
        for (int c = 0; c < connections(); c++) {
            if (opens(c)) {
                flow.reset();
            }
            for (int r = 0; r < resourcesPerConnection[c]; r++) {
                flow.beginResponse(streamsPerResponse, responseBytes);
                if (flow.binds(responseBytes)) {
                    return true;
                }
                flow.consumeWhole(responseBytes);
            }
        }
        return false;
    }

    /** Serialization of {@code bytes} in {@code direction} on the parallel part's share of the bandwidth. */
    double serializationNanos(Direction direction, long bytes) {
        return serializationNanos(direction, bytes, share);
    }

    /** Serialization of {@code bytes} in {@code direction} when {@code share} connections divide the bandwidth. */
    double serializationNanos(Direction direction, long bytes, int share) {
        return profile.serializationNanos(direction, bytes) * share;
    }

    double delayNanos(Direction direction) {
        return direction == Direction.UP ? upNanos : downNanos;
    }

    /** Segments of a message; a message always takes at least one (headers). */
    long segments(long bytes) {
        return Math.max(1, SlowStart.segments(bytes, mss));
    }

    /** Time of the TLS handshake's serialization (both directions) at the parallel part's share, nanoseconds. */
    double tlsSerializationNanos() {
        return tlsSerializationNanos(share);
    }

    /** Time of the TLS handshake's serialization (both directions) at a bandwidth share, nanoseconds. */
    double tlsSerializationNanos(int share) {
        if (tlsRounds == 0) {
            return 0;
        }
        return serializationNanos(Direction.UP, TLS_CLIENT_FLIGHT_BYTES * tlsRounds, share)
                + serializationNanos(Direction.DOWN, tlsServerFlightBytes, share);
    }

    /**
     * One deterministic transfer of {@code bytes} in {@code direction}, advancing the connection's {@code window}
     * ({@link SenderWindow}: the rules the proxy and the Monte Carlo share): a flight's segments leave back to back
     * at the bandwidth, the next flight starts when the first segment's ACK returns (or when the link is free, if
     * later).
     *
     * @return {rounds, nanoseconds until the last byte arrives}
     */
    double[] transfer(Direction direction, long bytes, SenderWindow window) {
        return transfer(direction, bytes, window, share);
    }

    /**
     * {@link #transfer(Direction, long, SenderWindow, int)} of a response of {@code streams} streams under HTTP/2
     * flow control ({@code flow}, null for none): {@link MessageFlights#sendResponse} on the fixed path. Without a
     * binding window, exactly the transfer without flow control; with one, never less time than that (the loop
     * counts serialization byte by byte under flow control, per average segment without).
     */
    double[] transfer(Direction direction, long bytes, SenderWindow window, int share, FlowWindow flow,
            int streams) {
        if (flow == null || direction != Direction.DOWN) {
            return transfer(direction, bytes, window, share);
        }
        SenderWindow unconstrained = window.copy();
        MessageFlights.Sent sent = MessageFlights.sendResponse(this, MessageFlights.fixed(this), bytes, share, window,
                flow, streams, 0);
        double withoutFlowControl = transfer(direction, bytes, unconstrained, share)[1];
        return new double[] {sent.flights(), Math.max(sent.deliveredNanos(), withoutFlowControl)};
    }

    /** {@link #transfer(Direction, long, SenderWindow)} with {@code share} connections dividing the bandwidth. */
    double[] transfer(Direction direction, long bytes, SenderWindow window, int share) {
        MessageFlights.Sent sent = MessageFlights.send(this, MessageFlights.fixed(this), direction, bytes, share,
                window, 0);
        return new double[] {sent.flights(), sent.deliveredNanos()};
    }
}
