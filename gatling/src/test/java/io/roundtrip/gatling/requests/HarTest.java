package io.roundtrip.gatling.requests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.gatling.requests.ReplayRequest.Header;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HarTest {

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/124.0.0.0 Safari/537.36";

    @TempDir
    Path folder;

    @Test
    void aBrowsersHarReadsToThePageOriginsRequestsInOrder() throws Exception {
        RequestFile.Loaded loaded = RequestFile.read(fixture());

        assertThat(loaded.origin()).contains("https://shop.example.com");
        assertThat(loaded.skippedOtherOrigins()).as("the CDN script and the analytics ping").isEqualTo(2);
        assertThat(loaded.requests()).containsExactly(
                new ReplayRequest("GET /", "GET", "/", List.of(
                        new Header("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                                + "image/webp,*/*;q=0.8"),
                        new Header("accept-encoding", "gzip, deflate, br, zstd"),
                        new Header("accept-language", "en-GB,en;q=0.9"),
                        new Header("sec-fetch-mode", "navigate"),
                        new Header("user-agent", USER_AGENT)), Optional.empty()),
                new ReplayRequest("GET /api/items", "GET", "/api/items?page=2&sort=price", List.of(
                        new Header("accept", "application/json"),
                        new Header("referer", "https://shop.example.com/")), Optional.empty()),
                new ReplayRequest("POST /api/cart", "POST", "/api/cart", List.of(
                        new Header("accept", "application/json"),
                        new Header("content-type", "application/json"),
                        new Header("origin", "https://shop.example.com"),
                        new Header("x-csrf-token", "c1d2e3")),
                        Optional.of("{\"itemId\":42,\"quantity\":1}".getBytes(UTF_8))));
        assertThat(loaded.requests()).flatMap(ReplayRequest::headers).extracting(Header::name)
                .noneMatch(name -> name.startsWith(":"))
                .doesNotContain("cookie", "content-length");
    }

    @Test
    void anOriginIsSchemeHostAndPortWhateverTheSpelling() throws IOException {
        Path har = write("page.har", harOf(
                "GET https://Shop.Example.com/",
                "GET https://shop.example.com:443/a",
                "GET http://shop.example.com/b",
                "GET https://shop.example.com:8443/c",
                "GET data:image/png;base64,iVBORw0KGgo=",
                "get https://shop.example.com/d?x=%20y#section"));

        RequestFile.Loaded loaded = RequestFile.read(har);

        assertThat(loaded.origin()).contains("https://shop.example.com");
        assertThat(loaded.requests()).extracting(ReplayRequest::path).containsExactly("/", "/a", "/d?x=%20y");
        assertThat(loaded.skippedOtherOrigins()).isEqualTo(3);
    }

    @Test
    void aHostNameThatUriCannotSplitIsStillAnOrigin() throws IOException {
        Path har = write("page.har", harOf("GET http://my_service:8080/a", "GET http://my_service:8080/b"));

        RequestFile.Loaded loaded = RequestFile.read(har);

        assertThat(loaded.origin()).contains("http://my_service:8080");
        assertThat(loaded.requests()).extracting(ReplayRequest::path).containsExactly("/a", "/b");
    }

    @Test
    void aFormRecordedAsParamsOnlyHasNoBody() throws IOException {
        Path har = write("page.har", """
                {"log": {"entries": [{"request": {"method": "POST", "url": "https://a.example/login",
                  "headers": [{"name": "X-Empty", "value": null}],
                  "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "u", "value": "x"}]}
                }}]}}
                """);

        assertThat(RequestFile.load(har)).containsExactly(new ReplayRequest("POST /login", "POST", "/login",
                List.of(new Header("X-Empty", "")), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("cuts")
    void aTruncatedHarIsOneLine(double keptFraction) throws Exception {
        String whole = Files.readString(fixture());
        Path truncated = write("page.har", whole.substring(0, (int) (whole.length() * keptFraction)));

        assertThatThrownBy(() -> RequestFile.load(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .matches("page\\.har: not valid JSON at line \\d+, column \\d+"
                        + ": the file ends early \\(truncated\\?\\)");
    }

    /** Cuts between entries, inside a string, and just before the last brace. */
    static Stream<Double> cuts() {
        return Stream.of(0.5, 0.25, 0.999);
    }

    static Stream<Arguments> badHars() {
        return Stream.of(
                Arguments.of(json("{\n  'log': {\n    'entries': [\n      ]]\n}"),
                        "page.har: not valid JSON at line 4, column 8"),
                Arguments.of(json("{'log': {'version': '1.2'}}"), "page.har: not a HAR file (no log.entries)"),
                Arguments.of("{}", "page.har: not a HAR file (no log.entries)"),
                Arguments.of("  ", "page.har: not a HAR file (the file is empty)"),
                Arguments.of("[1, 2]",
                        "page.har: not a HAR file (unexpected value at the top level, line 1, column 1)"),
                Arguments.of(json("{'log': {'entries': {'request': {}}}}"),
                        "page.har: not a HAR file (unexpected value at log.entries, line 1, column 21)"),
                Arguments.of(json("{'log': {'entries': [{'request': {'method': 'GET', 'url': 'https://a.example/',"
                                + " 'headers': 'accept'}}]}}"),
                        "page.har: not a HAR file (unexpected value at log.entries[0].request.headers,"
                                + " line 1, column 92)"),
                Arguments.of(json("{'log': {'entries': []}}"), "page.har: no requests (log.entries is empty)"),
                Arguments.of(json("{'log': {'entries': [{'request': {'method': 'GET', 'headers': []}}]}}"),
                        "page.har: not a HAR file (log.entries[0] has no request.url)"),
                Arguments.of(json("{'log': {'entries': [{'request': {'url': 'https://a.example/'}}]}}"),
                        "page.har: not a HAR file (log.entries[0] has no request.method)"),
                Arguments.of(json("{'log': {'entries': [{'response': {'status': 200}}]}}"),
                        "page.har: not a HAR file (log.entries[0] has no request.url)"),
                Arguments.of(harOf("GET https://a.example/", "GET https://a.example/a b"),
                        "page.har: log.entries[1].request.url is not a valid URL"
                                + " (Illegal character in path at index 19)"),
                Arguments.of(harOf("GET data:text/plain,hi"), "page.har: no http:// or https:// requests"));
    }

    @ParameterizedTest
    @MethodSource("badHars")
    void aBadHarIsOneLineNamingTheFile(String content, String message) throws IOException {
        Path har = write("page.har", content);

        RequestFileAssertions.assertRefusedInOneLine(har, message);
    }

    /** A minimal HAR of requests given as {@code "METHOD URL"}. */
    private static String harOf(String... requests) {
        return Stream.of(requests)
                .map(request -> request.split(" ", 2))
                .map(request -> "{\"request\": {\"method\": \"" + request[0] + "\", \"url\": \"" + request[1] + "\", "
                        + "\"httpVersion\": \"HTTP/1.1\", \"headers\": []}}")
                .collect(Collectors.joining(",\n", "{\"log\": {\"version\": \"1.2\", \"entries\": [\n",
                        "\n]}}"));
    }

    /** JSON written with single quotes, for legibility; a quote swap keeps every column where it was. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(HarTest.class.getResource("/requests/shop.har").toURI());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
