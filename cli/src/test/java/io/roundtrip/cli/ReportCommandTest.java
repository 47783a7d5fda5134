package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.results.LatencyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    static Path run(Path folder, String runId) throws IOException {
        Files.createDirectories(folder);
        try (LatencyLog log = LatencyLog.create(folder.resolve("h1-keepalive.hlog"), "h1-keepalive")) {
            for (int i = 0; i < 1000; i++) {
                log.recordOk(80_000_000L + i * 10_000L);
            }
        }
        Files.writeString(folder.resolve("run.json"), """
                {"run_id": "%s", "started_at": "2026-11-25T08:00:00Z", "ended_at": "2026-11-25T08:01:00Z",
                 "host": "gen", "versions": {"roundtrip": "test"},
                 "profile": {"name": "cross-continent", "settings": {"rtt": "80ms"}},
                 "parameters": {},
                 "scenarios": [{"name": "h1-keepalive", "hlog": "h1-keepalive.hlog",
                   "request_kind": {"protocol": "h1", "connection": "keepalive", "tls": "none"},
                   "prediction": {"phases": [{"name": "request", "rtts": 1.0, "ms": 80.0}], "mean_ms": 85.0,
                     "percentiles_ms": {"p50": 85.0, "p90": 89.0, "p99": 89.9, "p999": 90.0}}}]}
                """.formatted(runId));
        return folder;
    }

    @Test
    void printsThePathOfTheReportBuiltFromSeveralRunFolders() throws IOException {
        Path a = run(dir.resolve("gen-1"), "gen-1");
        Path b = run(dir.resolve("gen-2"), "gen-2");
        CapacityCommandTest.Run result = CapacityCommandTest.run("report", a.toString(), b.toString(),
                "--out", dir.resolve("merged").toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo(dir.resolve("merged/report.html").toAbsolutePath().toString());
        assertThat(Files.readString(dir.resolve("merged/summary.json"))).contains("\"ok_count\" : 2000");
    }

    @Test
    void oneRunFolderReportsIntoItsReportFolder() throws IOException {
        Path a = run(dir.resolve("gen-1"), "gen-1");
        CapacityCommandTest.Run result = CapacityCommandTest.run("report", a.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(a.resolve("report/report.html")).exists();
    }

    @Test
    void aTruncatedLogIsOneLineNonZeroExitAndNoReport() throws IOException {
        Path a = run(dir.resolve("gen-1"), "gen-1");
        Path log = a.resolve("h1-keepalive.hlog");
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        CapacityCommandTest.Run result = CapacityCommandTest.run("report", a.toString(), "--out", dir.resolve("out").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("truncated latency log");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFolderWithoutRunJsonIsBadInput() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        CapacityCommandTest.Run result = CapacityCommandTest.run("report", dir.resolve("empty").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").endsWith("is not a run folder: no run.json");
    }
}
