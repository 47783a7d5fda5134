package io.roundtrip.gatling.requests;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.roundtrip.gatling.requests.ReplayRequest.Header;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a HAR file (HTTP Archive 1.2, as browsers' developer tools save it) into the requests of its page's origin,
 * as documented on {@link RequestFile}.
 *
 * <p>Jackson binds the file to records of the few fields a replay needs, and ignores the rest (pages, responses,
 * timings, each browser's {@code _private} fields), so HARs from any browser read alike. Jackson's own messages run
 * over several lines and quote its internals: they are reduced to one line saying where the file went wrong.
 */
final class Har {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The connection's business (Gatling's client sets them) or the session's (Gatling keeps each user's cookies). */
    private static final Set<String> DROPPED_HEADERS = Set.of(
            "host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "cookie");

    record HarFile(Log log) {}

    record Log(List<Entry> entries) {}

    record Entry(Request request) {}

    record Request(String method, String url, List<NameValue> headers, PostData postData) {}

    record NameValue(String name, String value) {}

    /**
     * {@code params}, a form's fields, is not read: browsers record the form's encoded body as {@code text} as well,
     * and a HAR with {@code params} only is replayed without a body.
     */
    record PostData(String mimeType, String text) {}

    private Har() {}

    /** The requests of a HAR named {@code fileName} (for messages). */
    static RequestFile.Loaded read(String fileName, byte[] content) {
        List<Entry> entries = entries(fileName, content);
        List<ReplayRequest> requests = new ArrayList<>();
        Origin pageOrigin = null;
        int skippedOtherOrigins = 0;
        for (int index = 0; index < entries.size(); index++) {
            String entry = "log.entries[" + index + "]";
            Request request = requestOf(fileName, entries.get(index), entry);
            URI url = urlOf(fileName, request, entry);
            Optional<Origin> origin = Origin.of(url);
            if (pageOrigin == null && origin.isPresent()) {
                pageOrigin = origin.get();
            }
            if (origin.isEmpty() || !origin.get().equals(pageOrigin)) {
                skippedOtherOrigins++;
                continue;
            }
            requests.add(ReplayRequest.of(request.method().strip(), ReplayRequest.pathOf(url),
                    headersOf(request), bodyOf(request)));
        }
        if (pageOrigin == null) {
            throw new IllegalArgumentException(fileName + ": no http:// or https:// requests");
        }
        return new RequestFile.Loaded(requests, skippedOtherOrigins, Optional.of(pageOrigin.toString()));
    }

    private static List<Entry> entries(String fileName, byte[] content) {
        if (new String(content, UTF_8).isBlank()) {
            throw notHar(fileName, "the file is empty");
        }
        HarFile har;
        try {
            har = JSON.readValue(content, HarFile.class);
        } catch (JacksonException e) {
            throw oneLine(fileName, e, content.length);
        } catch (IOException e) {
            throw new IllegalArgumentException(fileName + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (har == null || har.log() == null || har.log().entries() == null) {
            throw notHar(fileName, "no log.entries");
        }
        if (har.log().entries().isEmpty()) {
            throw new IllegalArgumentException(fileName + ": no requests (log.entries is empty)");
        }
        return har.log().entries();
    }

    /** The request of {@code entry} (its JSON path, for messages), which must have a URL and a method. */
    private static Request requestOf(String fileName, Entry entry, String path) {
        Request request = entry == null ? null : entry.request();
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw notHar(fileName, path + " has no request.url");
        }
        if (request.method() == null || request.method().isBlank()) {
            throw notHar(fileName, path + " has no request.method");
        }
        return request;
    }

    private static URI urlOf(String fileName, Request request, String path) {
        try {
            return new URI(request.url().strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(fileName + ": " + path + ".request.url is not a valid URL ("
                    + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static List<Header> headersOf(Request request) {
        if (request.headers() == null) {
            return List.of();
        }
        return request.headers().stream()
                .filter(Objects::nonNull)
                .filter(header -> header.name() != null && !header.name().isBlank())
                .filter(header -> !header.name().startsWith(":")
                        && !DROPPED_HEADERS.contains(header.name().toLowerCase(Locale.ROOT)))
                .map(header -> new Header(header.name(), Objects.requireNonNullElse(header.value(), "")))
                .toList();
    }

    private static Optional<byte[]> bodyOf(Request request) {
        return Optional.ofNullable(request.postData()).map(PostData::text).map(text -> text.getBytes(UTF_8));
    }

    private static IllegalArgumentException notHar(String fileName, String why) {
        return new IllegalArgumentException(fileName + ": not a HAR file (" + why + ")");
    }

    /**
     * Jackson's failure as one line: bad JSON at a place (the end, for a file cut short), or JSON that is not shaped
     * like a HAR at a place.
     */
    private static IllegalArgumentException oneLine(String fileName, JacksonException e, int contentBytes) {
        // Data binding wraps the parser's failure: the parser's is the one to tell.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException parse) {
                JsonLocation location = parse.getLocation();
                boolean endsEarly = parse instanceof JsonEOFException
                        || location != null && location.getByteOffset() >= contentBytes;
                return new IllegalArgumentException(fileName + ": not valid JSON" + position(location, " at ")
                        + (endsEarly ? ": the file ends early (truncated?)" : ""));
            }
        }
        if (e instanceof JsonMappingException binding) {
            String where = binding.getPath().isEmpty() ? "the top level" : jsonPath(binding.getPath());
            return notHar(fileName, "unexpected value at " + where + position(binding.getLocation(), ", "));
        }
        return new IllegalArgumentException(fileName + ": not valid JSON" + position(e.getLocation(), " at "));
    }

    /** {@code prefix} then {@code line 4, column 7}; nothing when Jackson does not know where. */
    private static String position(JsonLocation location, String prefix) {
        return location == null || location.getLineNr() < 1 ? ""
                : prefix + "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Such as {@code log.entries[2].request.headers}. */
    private static String jsonPath(List<Reference> path) {
        StringBuilder text = new StringBuilder();
        for (Reference reference : path) {
            if (reference.getFieldName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    /**
     * Scheme, host and port, as the browser tells one site from another; a URL whose authority {@link URI} cannot
     * split (a host name with {@code _}, common inside container networks) is compared by its whole authority.
     */
    private record Origin(String scheme, String host, int port) {

        static Optional<Origin> of(URI url) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            int defaultPort = switch (scheme) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
            if (defaultPort < 0 || url.getRawAuthority() == null) {
                return Optional.empty();
            }
            if (url.getHost() == null) {
                return Optional.of(new Origin(scheme, url.getRawAuthority().toLowerCase(Locale.ROOT), -1));
            }
            int port = url.getPort() == defaultPort ? -1 : url.getPort();
            return Optional.of(new Origin(scheme, url.getHost().toLowerCase(Locale.ROOT), port));
        }

        @Override
        public String toString() {
            return scheme + "://" + host + (port < 0 ? "" : ":" + port);
        }
    }
}
