package io.roundtrip.model.profile;

/** Which way bytes travel on the emulated path: {@link #UP} is client to server, {@link #DOWN} server to client. */
public enum Direction {
    /** Client to server (requests, ACKs of responses, the SYN). */
    UP,
    /** Server to client (responses, the SYN-ACK, the TLS server flight). */
    DOWN;

    /** The other direction: where the ACK for a segment sent this way travels. */
    public Direction reverse() {
        return this == UP ? DOWN : UP;
    }
}
