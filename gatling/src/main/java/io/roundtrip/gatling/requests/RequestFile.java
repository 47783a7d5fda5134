package io.roundtrip.gatling.requests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's own requests, read from a file before any traffic, so that a mistake stops the run with one line
 * (naming the file and, in a request list, the line) instead of showing up as failed requests.
 *
 * <h2>Request list</h2>
 * A text file (UTF-8), written by hand:
 * <pre>
 * # browse, then order
 * GET /api/items?page=1
 *     Accept: application/json
 * POST /api/orders &lt; order.json
 *     Content-Type: application/json
 * DELETE https://shop.example.com/api/cart
 * </pre>
 * <ul>
 *   <li>One request per line: {@code METHOD PATH}. METHOD is one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS,
 *       in any case. PATH starts with {@code /}; an absolute {@code http(s)} URL is accepted too, and only its path
 *       and query are kept: the target is chosen at run time.
 *   <li>{@code < BODYFILE} after the path sends that file's bytes as the body. BODYFILE is relative to the list's
 *       folder, so a list and its bodies can move together.
 *   <li>Indented lines {@code Name: value} below a request are its headers, sent as written.
 *   <li>Blank lines, and lines whose first non-blank character is {@code #}, are ignored.
 * </ul>
 *
 * <h2>HAR</h2>
 * A file saved from a browser's developer tools ("Save all as HAR"). Its entries are replayed in file order, except
 * those for another origin than the first request's (CDNs, analytics): the target stands in for one origin only.
 * Headers that are the connection's or the session's business are dropped — HTTP/2 pseudo-headers ({@code :path}),
 * {@code Host}, {@code Connection}, {@code Content-Length}, {@code Transfer-Encoding}, {@code Keep-Alive},
 * {@code Upgrade} and {@code Cookie} (Gatling keeps each virtual user's cookies) — and the rest are kept in order.
 * The body is {@code postData.text}; a form recorded as {@code postData.params} only is sent without a body.
 */
public final class RequestFile {

    /**
     * What a file holds.
     *
     * @param requests            the requests to replay, in file order; never empty
     * @param skippedOtherOrigins HAR entries left out because they were for another origin
     * @param origin              a HAR's origin, such as {@code https://shop.example.com}; empty for a request list
     */
    public record Loaded(List<ReplayRequest> requests, int skippedOtherOrigins, Optional<String> origin) {
        public Loaded {
            requests = List.copyOf(requests);
            Objects.requireNonNull(origin, "origin");
        }
    }

    private RequestFile() {}

    /**
     * Reads a request list or a HAR file (HAR when the name ends in {@code .har} or the content starts with
     * {@code '{'}).
     *
     * @throws IllegalArgumentException with a one-line message naming the file, if it cannot be read or is not a
     *                                  valid request list or HAR
     */
    public static List<ReplayRequest> load(Path file) {
        return read(file).requests();
    }

    /** As {@link #load(Path)}, with what the caller should tell the user about a HAR: its origin, what was left out. */
    public static Loaded read(Path file) {
        String fileName = fileName(file);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(fileName + ": is a folder, not a request list or HAR file");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(fileName + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (isHar(fileName, content)) {
            return Har.read(fileName, content);
        }
        return RequestListFormat.read(fileName, content, file.toAbsolutePath().getParent());
    }

    private static String fileName(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static boolean isHar(String fileName, byte[] content) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".har") || firstCharacter(content) == '{';
    }

    /** The first byte that is not a UTF-8 byte order mark or white space, or -1. */
    private static int firstCharacter(byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < content.length; i++) {
            if (!Character.isWhitespace(content[i])) {
                return content[i];
            }
        }
        return -1;
    }
}
