package io.roundtrip.proxy.api;

import io.roundtrip.proxy.DuplicateNameException;
import io.roundtrip.proxy.InvalidProxyException;
import io.roundtrip.proxy.ListenException;
import java.util.function.Supplier;

/**
 * An answer other than success, named where the error is known: its HTTP status and a one-line reason, answered as
 * toxiproxy's {@code {"error": reason, "status": code}}. Anything else thrown while answering is a bug: a 500 with a
 * generic reason ({@link ApiHandler}).
 */
final class ApiError extends RuntimeException {

    final int status;

    private ApiError(int status, String reason) {
        super(oneLine(reason), null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String reason) {
        return new ApiError(400, reason);
    }

    /** e.g. {@code notFound("proxy", "redis")}: "no proxy named 'redis'". */
    static ApiError notFound(String kind, String name) {
        return new ApiError(404, "no " + kind + " named '" + name + "'");
    }

    static ApiError toxicNotFound(String proxy, String toxic) {
        return new ApiError(404, "no toxic named '" + toxic + "' on proxy '" + proxy + "'");
    }

    static ApiError noRoute(String method, String path) {
        return new ApiError(404, "no route " + method + " " + path);
    }

    static ApiError methodNotAllowed() {
        return new ApiError(405, "method not allowed");
    }

    static ApiError conflict(String reason) {
        return new ApiError(409, reason);
    }

    /**
     * Turns request input into the proxy's values ({@code ToxicTypes}, {@code Addresses}, records): they refuse bad
     * input with an {@link IllegalArgumentException} (400) and a repeated toxic name with a
     * {@link DuplicateNameException} (409).
     */
    static <T> T fromInput(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (DuplicateNameException e) {
            throw conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    /**
     * Changes the proxy, answering the refusals {@code ProxyServer} names: a taken name 409, bad input or an address
     * that cannot be bound 400. Anything else it throws stays a bug.
     */
    static <T> T fromChange(Supplier<T> change) {
        try {
            return change.get();
        } catch (DuplicateNameException e) {
            throw conflict(e.getMessage());
        } catch (InvalidProxyException | ListenException e) {
            throw badRequest(e.getMessage());
        }
    }

    static String oneLine(String s) {
        if (s == null) {
            return "bad request";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }
}
