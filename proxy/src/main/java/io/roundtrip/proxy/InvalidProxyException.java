package io.roundtrip.proxy;

/**
 * A proxy definition the server refuses (a missing name, a bad address, an upstream on port 0, a name listed
 * twice): the caller's input, with a one-line reason (the API answers 400).
 */
public final class InvalidProxyException extends IllegalArgumentException {
    public InvalidProxyException(String message) {
        super(message);
    }
}
