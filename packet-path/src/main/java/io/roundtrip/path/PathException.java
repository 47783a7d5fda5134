package io.roundtrip.path;

/** The packet path cannot be set up or kept: the message is one line for the user. */
public final class PathException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PathException(String message) {
        super(message);
    }
}
