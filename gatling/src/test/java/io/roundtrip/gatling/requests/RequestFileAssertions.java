package io.roundtrip.gatling.requests;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

/** What the request-file tests assert of every bad file: one line, naming the file (and the line where there is one). */
final class RequestFileAssertions {

    private RequestFileAssertions() {}

    /** Loading {@code file} is refused with exactly {@code message}, on one line. */
    static void assertRefusedInOneLine(Path file, String message) {
        assertThatThrownBy(() -> RequestFile.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message)
                .message().doesNotContain("\n");
    }
}
