package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every subcommand answers --help with its usage, exit 0, and no picocli format warning (an unescaped '%'). */
class HarnessHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"origin", "proxy", "model", "report", "capacity"})
    void everySubcommandHasCleanHelp(String subcommand) {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int exit;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture); // picocli's tracer writes its warnings to System.err
            CommandLine cli = Harness.commandLine();
            cli.setOut(new PrintWriter(out));
            exit = cli.execute(subcommand, "--help");
        } finally {
            System.setErr(originalErr);
        }
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("Usage: harness " + subcommand);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }
}
