package io.roundtrip.gatling.requests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.gatling.requests.ReplayRequest.Header;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestFileTest {

    @TempDir
    Path folder;

    @Test
    void aFileThatCannotBeReadIsOneLine() {
        assertThatThrownBy(() -> RequestFile.load(folder.resolve("missing.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing.txt: cannot read (NoSuchFileException)");
        assertThatThrownBy(() -> RequestFile.load(folder))
                .hasMessage(folder.getFileName() + ": is a folder, not a request list or HAR file");
    }

    @Test
    void contentStartingWithABraceIsReadAsHarWhateverTheName() throws IOException {
        Path recorded = Files.writeString(folder.resolve("recorded.json"), """

                  {"log": {"entries": [{"request": {"method": "GET", "url": "http://localhost:8080/x"}}]}}
                """);

        RequestFile.Loaded loaded = RequestFile.read(recorded);

        assertThat(loaded.origin()).contains("http://localhost:8080");
        assertThat(loaded.requests()).containsExactly(
                new ReplayRequest("GET /x", "GET", "/x", List.of(), Optional.empty()));
        assertThat(RequestFile.load(recorded)).isEqualTo(loaded.requests());
    }

    @Test
    void aNameIsMethodAndPathWithoutQueryAtMostAHundredCharacters() throws IOException {
        String longPath = "/" + "a".repeat(200);
        Path list = Files.writeString(folder.resolve("requests.txt"),
                "GET /api/items?page=2\nGET " + longPath + "?q=1\n");

        List<ReplayRequest> requests = RequestFile.load(list);

        assertThat(requests.get(0).name()).isEqualTo("GET /api/items");
        assertThat(requests.get(1).name()).hasSize(100).isEqualTo(("GET " + longPath).substring(0, 100));
        assertThat(requests.get(1).path()).isEqualTo(longPath + "?q=1");
    }

    @Test
    void aRequestCannotBeChangedFromOutsideAndIsComparedByBodyContent() {
        byte[] body = "{}".getBytes(UTF_8);
        List<Header> headers = new ArrayList<>(List.of(new Header("Accept", "*/*")));
        ReplayRequest request = ReplayRequest.of("POST", "/a", headers, Optional.of(body));

        body[0] = 'X';
        headers.clear();
        request.body().orElseThrow()[1] = 'X';

        assertThat(request).isEqualTo(ReplayRequest.of("POST", "/a", List.of(new Header("Accept", "*/*")),
                Optional.of("{}".getBytes(UTF_8))));
        assertThat(request).hasSameHashCodeAs(ReplayRequest.of("POST", "/a", List.of(new Header("Accept", "*/*")),
                Optional.of("{}".getBytes(UTF_8))));
        assertThat(request).isNotEqualTo(ReplayRequest.of("POST", "/a", List.of(new Header("Accept", "*/*")),
                Optional.empty()));
        assertThat(request.toString()).contains("POST /a", "body=2 bytes");
        assertThatThrownBy(() -> new ReplayRequest("GET a", "GET", "a", List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
