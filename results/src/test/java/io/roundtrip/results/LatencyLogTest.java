package io.roundtrip.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyLogTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsCountsAndPercentilesAcrossIntervals() {
        Path file = dir.resolve("h1-keepalive.hlog");
        long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> i * 100_000L).toArray(); // 0.1 .. 100 ms
        double before = System.currentTimeMillis() / 1000.0;
        try (LatencyLog log = LatencyLog.create(file, "h1 keep-alive")) {
            for (int i = 0; i < latencies.length; i++) {
                log.recordOk(latencies[i]);
                if (i % 300 == 299) {
                    log.writeInterval();
                }
            }
            log.recordKo(5_000_000_000L);
        }

        double after = System.currentTimeMillis() / 1000.0;
        ScenarioLatencies read = LatencyLogReader.read(file);

        assertThat(read.scenario()).isEqualTo("h1 keep-alive");
        assertThat(read.startEpochSeconds()).isBetween(before - 1, after);
        assertThat(read.endEpochSeconds()).isBetween(read.startEpochSeconds(), after + 1);
        assertThat(read.okCount()).isEqualTo(1000);
        assertThat(read.koCount()).isEqualTo(1);
        assertThat(read.intervals()).isEqualTo(5); // 3 full OK intervals, then the last OK and the KO one
        double exactP50Millis = sortedMillis(latencies)[499];
        assertThat(read.okMillisAt(50)).isCloseTo(exactP50Millis, within(exactP50Millis * 0.001));
        assertThat(read.okMillisAt(99)).isCloseTo(99.0, within(0.1));
        assertThat(read.ko().getMaxValue()).isCloseTo(5_000_000_000L, within(5_000_000L));
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        Path file = dir.resolve("concurrent.hlog");
        int threads = 4;
        int perThread = 25_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (LatencyLog log = LatencyLog.create(file, "concurrent")) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        log.recordOk(1_000_000L + i);
                        if (i % 5000 == 0) {
                            log.writeInterval();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(LatencyLogReader.read(file).okCount()).isEqualTo((long) threads * perThread);
    }

    @Test
    void hdrHistogramsOwnLogProcessorReadsTheFile() throws Exception {
        Path file = oneToHundredMillis("processor.hlog", "processor");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(sink);
            // -csv for machine-readable output; -outputValueUnitRatio 1e6 prints milliseconds.
            new HistogramLogProcessor(new String[] {"-i", file.toString(), "-csv", "-outputValueUnitRatio", "1e6"})
                    .run();
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        // The CSV percentile distribution: Value(ms),Percentile,TotalCount,1/(1-Percentile).
        assertThat(output)
                .containsPattern("(?m)^50\\.0\\d*,0\\.500000000000,50,2\\.00$")
                .containsPattern("(?m)^100\\.0\\d*,1\\.000000000000,100,Infinity$");
    }

    @Test
    void mergingTwoGeneratorsEqualsOneLogOfTheUnion() {
        Path a = dir.resolve("a.hlog");
        Path b = dir.resolve("b.hlog");
        Path union = dir.resolve("union.hlog");
        try (LatencyLog logA = LatencyLog.create(a, "s");
                LatencyLog logB = LatencyLog.create(b, "s");
                LatencyLog logUnion = LatencyLog.create(union, "s")) {
            for (int i = 1; i <= 500; i++) {
                long fast = i * 10_000L;
                long slow = 50_000_000L + i * 100_000L;
                logA.recordOk(fast);
                logB.recordOk(slow);
                logUnion.recordOk(fast);
                logUnion.recordOk(slow);
            }
        }
        ScenarioLatencies merged = LatencyLogReader.read(a).mergedWith(LatencyLogReader.read(b));
        ScenarioLatencies expected = LatencyLogReader.read(union);
        assertThat(merged.okCount()).isEqualTo(1000);
        assertThat(merged.ok()).isEqualTo(expected.ok());
        assertThat(merged.okMillisAt(75)).isEqualTo(expected.okMillisAt(75));
    }

    @Test
    void truncatedLogIsRefused() throws Exception {
        Path file = oneToHundredMillis("truncated.hlog", "t");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 20));

        assertThatThrownBy(() -> LatencyLogReader.read(file))
                .isInstanceOf(MalformedLogException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void emptyOrForeignFilesAreRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.hlog"));
        Path foreign = Files.writeString(dir.resolve("foreign.hlog"), "hello\n");

        assertThatThrownBy(() -> LatencyLogReader.read(empty)).isInstanceOf(MalformedLogException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> LatencyLogReader.read(foreign)).isInstanceOf(MalformedLogException.class)
                .hasMessageContaining("no scenario header");
    }

    @Test
    void recordFilesEachLatencyUnderOkOrKoAsItIsTold() {
        Path file = dir.resolve("mixed.hlog");
        try (LatencyLog log = LatencyLog.create(file, "mixed")) {
            log.record(1_000_000L, true);
            log.record(2_000_000L, true);
            log.record(30_000_000L, false);
        }
        ScenarioLatencies read = LatencyLogReader.read(file);
        assertThat(read.okCount()).isEqualTo(2);
        assertThat(read.koCount()).isEqualTo(1);
        assertThat(read.ok().getMaxValue()).isLessThan(3_000_000L);
    }

    private static double[] sortedMillis(long[] nanos) {
        return Arrays.stream(nanos).sorted().mapToDouble(n -> n / 1e6).toArray();
    }

    /** A log in {@code dir} of one request each at 1, 2, ... 100 ms. */
    private Path oneToHundredMillis(String fileName, String scenario) {
        Path file = dir.resolve(fileName);
        try (LatencyLog log = LatencyLog.create(file, scenario)) {
            for (int i = 1; i <= 100; i++) {
                log.recordOk(i * 1_000_000L);
            }
        }
        return file;
    }
}
