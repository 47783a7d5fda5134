package io.roundtrip.model;

/**
 * One phase of a request's cost: its name (one of {@link #NAMES}), the round trips it spends, and its time.
 *
 * @param name one of dns, tcp_handshake, tls_handshake, request, server, transfer, loss_recovery, queueing
 * @param rtts round trips (fractional: a one-way trip is 0.5 on a symmetric path; loss recovery and queueing are
 *     expressed as their time over the RTT)
 * @param ms milliseconds, including serialization at the profile's bandwidth
 */
public record Phase(String name, double rtts, double ms) {

    /** The phase names of the model output contract (DESIGN.md), in timeline order. */
    public static final java.util.List<String> NAMES = java.util.List.of("dns", "tcp_handshake", "tls_handshake",
            "request", "server", "transfer", "loss_recovery", "queueing");

    public Phase {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown phase " + name);
        }
    }
}
