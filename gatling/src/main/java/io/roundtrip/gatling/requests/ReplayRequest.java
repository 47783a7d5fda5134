package io.roundtrip.gatling.requests;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of the user's own, to be replayed by Gatling against the target: the same request whichever file
 * it came from (a request list or a HAR), so the scenarios need not know about file formats.
 *
 * <p>The body is copied in and out, and compared by content, so the record stays immutable and two requests read
 * from equal files are equal, although Java arrays are neither.
 *
 * @param name    what Gatling reports the request under: {@code METHOD path-without-query}, at most
 *                {@value #MAX_NAME_LENGTH} characters, so {@code /items?page=1} and {@code /items?page=2} share one
 *                line of the report
 * @param method  the HTTP method, such as {@code GET}
 * @param path    the origin-relative request target, path plus query, always starting with {@code /}: the target
 *                is chosen at run time, so a file recorded against one server replays against another
 * @param headers the headers to send, in file order
 * @param body    the bytes to send as the body, if any
 */
public record ReplayRequest(String name, String method, String path, List<Header> headers, Optional<byte[]> body) {

    /** Longer names make Gatling's report unreadable and tell nothing more. */
    static final int MAX_NAME_LENGTH = 100;

    /** A request header, as it will be sent. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a header needs a name");
            }
        }
    }

    public ReplayRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a request path starts with /, not: " + path);
        }
        headers = List.copyOf(headers);
        body = body.map(byte[]::clone);
    }

    /** A request named as Gatling should report it (see {@link #name()}). */
    static ReplayRequest of(String method, String path, List<Header> headers, Optional<byte[]> body) {
        return new ReplayRequest(nameOf(method, path), method, path, headers, body);
    }

    /** The body's bytes, a copy: the record cannot be changed through them. */
    @Override
    public Optional<byte[]> body() {
        return body.map(byte[]::clone);
    }

    /**
     * The origin-relative target of an absolute URL: raw (still percent-encoded) path plus query, with {@code /}
     * for an empty path. The fragment is dropped: browsers never send it.
     */
    static String pathOf(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static String nameOf(String method, String path) {
        int query = path.indexOf('?');
        String name = method + " " + (query < 0 ? path : path.substring(0, query));
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        // Never cut a character in two.
        int end = Character.isHighSurrogate(name.charAt(MAX_NAME_LENGTH - 1)) ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
        return name.substring(0, end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReplayRequest that
                && name.equals(that.name)
                && method.equals(that.method)
                && path.equals(that.path)
                && headers.equals(that.headers)
                && Arrays.equals(body.orElse(null), that.body.orElse(null));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, method, path, headers, body.map(Arrays::hashCode).orElse(0));
    }

    @Override
    public String toString() {
        return "ReplayRequest[" + name + ", " + method + " " + path + ", headers=" + headers
                + body.map(bytes -> ", body=" + bytes.length + " bytes").orElse("") + "]";
    }
}
