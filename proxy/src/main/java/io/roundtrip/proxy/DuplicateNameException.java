package io.roundtrip.proxy;

/** A proxy or toxic name that is already taken (the API answers 409). */
public final class DuplicateNameException extends IllegalStateException {
    public DuplicateNameException(String message) {
        super(message);
    }
}
