package io.roundtrip.results;

/** A latency log that cannot be trusted: empty, truncated, or not an HdrHistogram interval log. */
public final class MalformedLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedLogException(String message) {
        super(message);
    }

    public MalformedLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
