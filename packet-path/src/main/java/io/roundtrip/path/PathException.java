package io.roundtrip.path;

/**
 * The packet path cannot be set up or kept: the message is one line for the user. An {@link IllegalArgumentException}
 * so that the command line answers it as bad input (exit 2): a missing privilege, device or tool is the caller's to
 * fix, as the issue of a flag is.
 */
public final class PathException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PathException(String message) {
        super(message);
    }
}
