package io.roundtrip.gatling;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.roundtrip.gatling.requests.ReplayRequest;
import io.roundtrip.gatling.requests.RequestFile;
import java.util.List;
import java.util.Optional;

/**
 * The requests the built-in scenarios make: the user's own ({@code -Drequests=FILE}), else {@code GET /} on an
 * external target (whose paths roundtrip cannot know), else nothing here and the embedded origin's
 * {@code /bytes/N}.
 */
public final class Replay {

    private Replay() {}

    /** What to replay for {@code parameters}; empty for the embedded origin without a request file. */
    public static List<ReplayRequest> requests(RunParameters parameters) {
        if (parameters.requests().isPresent()) {
            return parameters.requests().get().requests();
        }
        if (parameters.target().isPresent()) {
            return List.of(new ReplayRequest("GET /", "GET", "/", List.of(), Optional.empty()));
        }
        return List.of();
    }

    /**
     * What is replayed, in one line for the console: {@code roundtrip: replaying 3 requests (a page load from
     * https://shop.example.com; 1 to other origins left out)}; empty without a request file.
     */
    public static Optional<String> describe(RunParameters parameters) {
        return parameters.requests().map(loaded -> "roundtrip: replaying " + loaded.requests().size() + " requests"
                + loaded.origin().map(origin -> " (a page load from " + origin + (loaded.skippedOtherOrigins() > 0
                        ? "; " + loaded.skippedOtherOrigins() + " to other origins left out" : "") + ")").orElse(""));
    }

    /** Whether the requests came from a HAR: one page load, its first request the document. */
    public static boolean isPage(RunParameters parameters) {
        return parameters.requests().flatMap(RequestFile.Loaded::origin).isPresent();
    }

    /**
     * {@code request} as a Gatling request named {@code gatlingName}, sent on {@code route}. URL, headers and body
     * are passed as functions, so that Gatling's expression language never reads a {@code #{...}} in them.
     */
    public static HttpRequestActionBuilder gatlingRequest(String gatlingName, ReplayRequest request,
            Route route) {
        HttpRequestActionBuilder builder = http(gatlingName).httpRequest(request.method(),
                route.url(request.path()));
        for (ReplayRequest.Header header : request.headers()) {
            builder = builder.header(header.name(), session -> header.value());
        }
        if (request.body().isPresent()) {
            byte[] body = request.body().get();
            builder = builder.body(ByteArrayBody(session -> body));
        }
        return builder;
    }
}
