package io.roundtrip.proxy.api;

/** An API error with its HTTP status and a one-line reason. */
final class ApiException extends RuntimeException {

    final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }
}
