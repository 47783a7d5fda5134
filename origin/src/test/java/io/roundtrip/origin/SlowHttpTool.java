package io.roundtrip.origin;


import io.roundtrip.testing.Required;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * slowhttptest (Debian package {@code slowhttptest}), run as a bounded attack on 127.0.0.1: it speaks HTTP/1.1, in
 * clear or over TLS (OpenSSL, no ALPN: the origin's TLS port gives it http/1.1), not HTTP/2. Skips the calling test
 * when the tool is missing, unless {@code ROUNDTRIP_REQUIRE_SLOWHTTPTEST=1} (CI), which fails it instead.
 */
final class SlowHttpTool {

    /** One second of slowhttptest's CSV report: connections closed (by the origin), pending, connected. */
    record Second(int second, int closed, int pending, int connected) {}

    /** The attack's end: its exit status, its per-second report, its console output (for failure messages). */
    record Report(int exit, List<Second> seconds, String console) {
        Second last() {
            return seconds.get(seconds.size() - 1);
        }

        /** slowhttptest's own word on why it stopped ("Hit test time limit", "No open connections left", ...). */
        String exitStatus() {
            int at = console.lastIndexOf("Exit status:");
            return at < 0 ? "(none)" : console.substring(at + "Exit status:".length()).lines().findFirst()
                    .orElse("").strip();
        }
    }

    private SlowHttpTool() {}

    static Path requireOrSkip() {
        return Required.toolOrSkip("slowhttptest", "ROUNDTRIP_REQUIRE_SLOWHTTPTEST", "apt-get install -y slowhttptest");
    }

    /** Starts {@code slowhttptest args... -g -o dir/report}; its console goes to a file so that it cannot block. */
    static Process start(Path tool, Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        command.addAll(List.of("-g", "-o", dir.resolve("report").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Waits for the attack to end by itself (it is bounded by its {@code -l}), then reads its report. */
    static Report finish(Process process, Path dir, long waitSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(waitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("slowhttptest did not stop within " + waitSeconds + " s");
        }
        String console = Files.readString(dir.resolve("console.txt"), StandardCharsets.UTF_8)
                .replaceAll("\u001b\\[[0-9;]*m", "");
        Path csv = dir.resolve("report.csv");
        if (!Files.exists(csv)) {
            throw new AssertionError("slowhttptest wrote no report (exit " + process.exitValue() + "): " + console);
        }
        List<Second> seconds = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String[] cells = line.split(",");
            if (cells.length >= 4 && !cells[0].isEmpty() && Character.isDigit(cells[0].charAt(0))) {
                seconds.add(new Second(Integer.parseInt(cells[0]), Integer.parseInt(cells[1]),
                        Integer.parseInt(cells[2]), Integer.parseInt(cells[3])));
            }
        }
        if (seconds.isEmpty()) {
            throw new AssertionError("slowhttptest's report has no rows: " + console);
        }
        return new Report(process.exitValue(), List.copyOf(seconds), console);
    }
}
