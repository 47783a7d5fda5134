package io.roundtrip.gatling.requests;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.roundtrip.gatling.requests.ReplayRequest.Header;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the hand-written request list documented on {@link RequestFile}. A person wrote it, so every error names
 * the line and says what was expected there.
 */
final class RequestListFormat {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** {@code Name: value}, the name an HTTP token (RFC 9110 tchar), as a header line must be. */
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):(.*)");
    private static final String METHODS_IN_WORDS = "GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS";
    private static final String EXPECTED_REQUEST = "expected METHOD PATH, such as GET /api/items";

    private final String fileName;
    private final Path folder;
    private final List<PendingRequest> requests = new ArrayList<>();

    private RequestListFormat(String fileName, Path folder) {
        this.fileName = fileName;
        this.folder = folder;
    }

    /** The requests of a list named {@code fileName} (for messages), whose body files are in {@code folder}. */
    static RequestFile.Loaded read(String fileName, byte[] content, Path folder) {
        return new RequestListFormat(fileName, folder).read(new String(content, UTF_8));
    }

    private RequestFile.Loaded read(String text) {
        String withoutByteOrderMark = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Iterator<String> lines = withoutByteOrderMark.lines().iterator();
        for (int number = 1; lines.hasNext(); number++) {
            readLine(lines.next(), number);
        }
        if (requests.isEmpty()) {
            throw new IllegalArgumentException(fileName + ": no requests");
        }
        return new RequestFile.Loaded(requests.stream().map(PendingRequest::toRequest).toList(), 0, Optional.empty());
    }

    private void readLine(String line, int number) {
        String content = line.strip();
        if (content.isEmpty() || content.startsWith("#")) {
            return;
        }
        if (Character.isWhitespace(line.charAt(0))) {
            readHeader(content, number);
        } else {
            requests.add(readRequest(content, number));
        }
    }

    private void readHeader(String content, int number) {
        if (requests.isEmpty()) {
            throw error(number, "indented line before any request: headers go on indented lines below their request");
        }
        Matcher header = HEADER.matcher(content);
        if (!header.matches()) {
            throw error(number, "expected an indented header Name: value, such as Accept: application/json"
                    + " (request lines are not indented)");
        }
        requests.get(requests.size() - 1).headers().add(new Header(header.group(1), header.group(2).strip()));
    }

    private PendingRequest readRequest(String content, int number) {
        String[] methodAndRest = content.split("\\s+", 2);
        if (methodAndRest.length < 2) {
            throw error(number, EXPECTED_REQUEST);
        }
        String method = methodAndRest[0].toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            if (HEADER.matcher(content).matches()) {
                throw error(number, "a header line must be indented, below its request");
            }
            throw error(number, "unknown method " + methodAndRest[0] + ": expected " + METHODS_IN_WORDS);
        }
        String rest = methodAndRest[1];
        int bodyMark = rest.indexOf('<');
        String target = (bodyMark < 0 ? rest : rest.substring(0, bodyMark)).strip();
        if (target.isEmpty() || target.chars().anyMatch(Character::isWhitespace)) {
            throw error(number, EXPECTED_REQUEST);
        }
        Optional<byte[]> body = bodyMark < 0 ? Optional.empty()
                : Optional.of(readBody(rest.substring(bodyMark + 1).strip(), number));
        return new PendingRequest(method, path(target, number), body, new ArrayList<>());
    }

    private String path(String target, int number) {
        if (target.startsWith("/")) {
            int fragment = target.indexOf('#');
            return fragment < 0 ? target : target.substring(0, fragment);
        }
        String lowerCase = target.toLowerCase(Locale.ROOT);
        if (lowerCase.startsWith("http://") || lowerCase.startsWith("https://")) {
            try {
                return ReplayRequest.pathOf(new URI(target));
            } catch (URISyntaxException e) {
                throw error(number, "not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
            }
        }
        throw error(number, "path " + target + " must start with / (or be an http:// or https:// URL)");
    }

    private byte[] readBody(String bodyFile, int number) {
        if (bodyFile.isEmpty()) {
            throw error(number, "expected a body file after <, such as POST /api/orders < order.json");
        }
        Path path;
        try {
            path = folder.resolve(bodyFile);
        } catch (InvalidPathException e) {
            throw error(number, "body file " + bodyFile + " not found");
        }
        if (Files.isDirectory(path)) {
            throw error(number, "body file " + bodyFile + " is a folder");
        }
        if (!Files.exists(path)) {
            throw error(number, "body file " + bodyFile + " not found");
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw error(number, "body file " + bodyFile + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private IllegalArgumentException error(int lineNumber, String message) {
        return new IllegalArgumentException(fileName + " line " + lineNumber + ": " + message);
    }

    /** A request line read, whose headers may follow on the next lines. */
    private record PendingRequest(String method, String path, Optional<byte[]> body, List<Header> headers) {
        ReplayRequest toRequest() {
            return ReplayRequest.of(method, path, headers, body);
        }
    }
}
