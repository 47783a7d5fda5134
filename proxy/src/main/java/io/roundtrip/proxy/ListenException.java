package io.roundtrip.proxy;

/** A listener could not bind its address (in use, not local, no permission): the caller's input, the API answers 400. */
public final class ListenException extends IllegalStateException {
    public ListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
