package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.Answers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/model-answers.md is generated; this fails when it is not what the model says now. */
class ModelAnswersTest {

    private static final Path PAGE = Path.of("..", "docs", "model-answers.md");

    @Test
    void answersPageIsCurrent() throws Exception {
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/model-answers.md is stale: run bin/harness model --answers docs/model-answers.md")
                .isEqualTo(Answers.markdown());
    }

    @Test
    void theCommandWritesThePage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("answers.md");
        assertThat(Harness.commandLine().execute("model", "--answers", file.toString())).isZero();
        String page = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(page).contains("## California to Frankfurt", "9,133 km", "**91.3 ms**", "**167 ms**",
                "## TLS 1.2 against TLS 1.3", "## HTTP/1.1 with six connections", "86400 (one day)");
    }
}
