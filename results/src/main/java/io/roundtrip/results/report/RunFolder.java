package io.roundtrip.results.report;

import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.MalformedLogException;
import io.roundtrip.results.ScenarioLatencies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run folder, read completely: its manifest, every scenario's latencies and, when present, its concurrency
 * sweep ({@value #SWEEP_FILE}).
 */
public record RunFolder(Path dir, RunManifest manifest, Map<String, ScenarioLatencies> latencies,
        Optional<ConcurrencySweep> sweep) {

    public static final String SWEEP_FILE = "capacity-sweep.csv";

    /**
     * Reads {@code dir}.
     *
     * @throws IllegalArgumentException when it is not a run folder, a listed {@code .hlog} is missing or records
     *     another scenario
     * @throws MalformedLogException when a latency log is empty or truncated
     */
    public static RunFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such run folder: " + dir);
        }
        RunManifest manifest = RunManifest.read(dir);
        Map<String, ScenarioLatencies> latencies = new LinkedHashMap<>();
        for (RunManifest.Scenario scenario : manifest.scenarios()) {
            Path hlog = dir.resolve(scenario.hlog());
            if (!Files.isRegularFile(hlog)) {
                throw new IllegalArgumentException(dir.resolve(RunManifest.FILE_NAME) + ": scenario '" + scenario.name()
                        + "' names " + scenario.hlog() + ", which is missing");
            }
            ScenarioLatencies read = LatencyLogReader.read(hlog);
            if (!read.scenario().equals(scenario.name())) {
                throw new IllegalArgumentException(hlog + " records scenario '" + read.scenario() + "' but "
                        + RunManifest.FILE_NAME + " calls it '" + scenario.name() + "'");
            }
            if (latencies.putIfAbsent(scenario.name(), read) != null) {
                throw new IllegalArgumentException(dir.resolve(RunManifest.FILE_NAME) + ": scenario '" + scenario.name()
                        + "' is listed twice");
            }
        }
        Path sweepFile = dir.resolve(SWEEP_FILE);
        Optional<ConcurrencySweep> sweep = Files.isRegularFile(sweepFile)
                ? Optional.of(ConcurrencySweep.read(sweepFile))
                : Optional.empty();
        return new RunFolder(dir, manifest, Collections.unmodifiableMap(latencies), sweep);
    }
}
