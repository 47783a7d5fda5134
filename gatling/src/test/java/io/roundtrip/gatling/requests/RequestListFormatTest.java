package io.roundtrip.gatling.requests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.gatling.requests.ReplayRequest.Header;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestListFormatTest {

    @TempDir
    Path folder;

    @Test
    void aListWithHeadersAndABodyFileReadsToTheExactRequests() throws IOException {
        Files.createDirectories(folder.resolve("bodies"));
        Files.writeString(folder.resolve("bodies/order.json"), "{\"itemId\":42}");
        Path list = write("requests.txt", """
                # browse, then order
                GET /api/items?page=1
                    Accept: application/json
                \tX-Trace:   abc

                post /api/orders < bodies/order.json
                  # the server wants JSON
                  Content-Type: application/json
                DELETE https://shop.example.com/api/cart?all=true#top
                options /
                """);

        RequestFile.Loaded loaded = RequestFile.read(list);

        assertThat(loaded.requests()).containsExactly(
                new ReplayRequest("GET /api/items", "GET", "/api/items?page=1",
                        List.of(new Header("Accept", "application/json"), new Header("X-Trace", "abc")),
                        Optional.empty()),
                new ReplayRequest("POST /api/orders", "POST", "/api/orders",
                        List.of(new Header("Content-Type", "application/json")),
                        Optional.of("{\"itemId\":42}".getBytes(UTF_8))),
                new ReplayRequest("DELETE /api/cart", "DELETE", "/api/cart?all=true", List.of(), Optional.empty()),
                new ReplayRequest("OPTIONS /", "OPTIONS", "/", List.of(), Optional.empty()));
        assertThat(loaded.skippedOtherOrigins()).isZero();
        assertThat(loaded.origin()).isEmpty();
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkAreRead() throws IOException {
        Path list = folder.resolve("requests.txt");
        Files.writeString(list, "\uFEFFGET /a\r\n  Accept: text/plain\r\nHEAD /b\r\n");

        assertThat(RequestFile.load(list)).containsExactly(
                new ReplayRequest("GET /a", "GET", "/a", List.of(new Header("Accept", "text/plain")), Optional.empty()),
                new ReplayRequest("HEAD /b", "HEAD", "/b", List.of(), Optional.empty()));
    }

    @Test
    void aBodyIsTheFileBytesAsTheyAre() throws IOException {
        byte[] binary = {0, (byte) 0xFF, '\n', (byte) 0xC3};
        Files.write(folder.resolve("upload.bin"), binary);
        Path list = write("requests.txt", "PUT /files/1 <upload.bin\n");

        assertThat(RequestFile.load(list).get(0).body()).hasValueSatisfying(body -> assertThat(body).isEqualTo(binary));
    }

    static Stream<Arguments> badLists() {
        return Stream.of(
                Arguments.of("# items\nGET /api/items\nGET\n",
                        "requests.txt line 3: expected METHOD PATH, such as GET /api/items"),
                Arguments.of("GET /a /b\n", "requests.txt line 1: expected METHOD PATH, such as GET /api/items"),
                Arguments.of("FETCH /api/items\n", "requests.txt line 1: unknown method FETCH:"
                        + " expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"),
                Arguments.of("GET api/items\n",
                        "requests.txt line 1: path api/items must start with / (or be an http:// or https:// URL)"),
                Arguments.of("GET https://shop.example.com/a|b\n",
                        "requests.txt line 1: not a valid URL (Illegal character in path at index 26)"),
                Arguments.of("GET /\n\n# then log in\n\nPOST /login < login.json\n",
                        "requests.txt line 5: body file login.json not found"),
                Arguments.of("POST /login <\n",
                        "requests.txt line 1: expected a body file after <, such as POST /api/orders < order.json"),
                Arguments.of("POST /login < .\n", "requests.txt line 1: body file . is a folder"),
                Arguments.of("  Accept: text/html\nGET /\n", "requests.txt line 1: indented line before any request:"
                        + " headers go on indented lines below their request"),
                Arguments.of("GET /\n  Accept text/html\n", "requests.txt line 2: expected an indented header"
                        + " Name: value, such as Accept: application/json (request lines are not indented)"),
                Arguments.of("GET /\n  :authority: shop.example.com\n", "requests.txt line 2: expected an indented"
                        + " header Name: value, such as Accept: application/json (request lines are not indented)"),
                Arguments.of("GET /\nAccept: text/html\n",
                        "requests.txt line 2: a header line must be indented, below its request"),
                Arguments.of("", "requests.txt: no requests"),
                Arguments.of("# nothing yet\n\n   \n", "requests.txt: no requests"));
    }

    @ParameterizedTest
    @MethodSource("badLists")
    void aBadListIsOneLineNamingTheFileAndLine(String content, String message) throws IOException {
        Path list = write("requests.txt", content);

        RequestFileAssertions.assertRefusedInOneLine(list, message);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
