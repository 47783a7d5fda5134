package io.roundtrip.gatling;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.results.LatencyLogReader;
import io.roundtrip.results.ScenarioLatencies;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.results.report.RunReport;
import io.roundtrip.results.run.RunFile;
import io.roundtrip.results.run.RunFiles;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The end of a run: reads every scenario's {@code .hlog}, predicts the same scenarios from the same profile, prints
 * the measured-vs-predicted table and the noise floor, writes {@code run.json} and builds roundtrip's report.
 *
 * <p>Printed with {@code System.out} on purpose: this is the run's console output, beside Gatling's own.
 */
public final class RunSummary {

    /** The scenario that measures the harness itself, through a proxy path with nothing injected. */
    public static final String NOISE_FLOOR = "noise-floor";

    private RunSummary() {}

    /**
     * Summarises one run folder: reads the logs of {@code recording} (already closed), predicts every scenario from
     * its profile, prints the table and the noise floor, and writes {@code run.json}. Returns the run folder, or
     * empty when it could not be summarised (the reason is printed as one line: a run whose traffic finished should
     * still print what it can).
     */
    public static Optional<Path> summarise(String simulation, RunParameters parameters, NetworkProfile profile,
            LatencyRecording recording, List<ScenarioSpec> specs, Instant startedAt) {
        try {
            List<SummaryTable.Row> rows = new ArrayList<>();
            List<RunFile.Scenario> scenariosJson = new ArrayList<>();
            Optional<String> noiseFloor = Optional.empty();
            Map<String, Object> noiseFloorJson = null;
            for (ScenarioSpec spec : specs) {
                Path hlog = recording.hlogFile(spec.name());
                if (!Files.exists(hlog)) {
                    continue; // a scenario that did not run for this target (e.g. TLS 1.2 only on an external one)
                }
                ScenarioLatencies measured = LatencyLogReader.read(hlog);
                if (!spec.predicted()) {
                    rows.add(new SummaryTable.Row(measured, Optional.empty()));
                    scenariosJson.add(scenarioJson(spec, hlog, null));
                    continue;
                }
                Prediction predicted = LatencyModel.predict(spec.profile(), spec.kind());
                // The baseline pass's p50 (the same requests over a zero-latency path): the host's own cost
                Path baselineHlog = recording.baselineHlogFile(spec.name());
                OptionalDouble hostCost = Files.exists(baselineHlog) ? Optional.of(LatencyLogReader.read(baselineHlog))
                        .filter(b -> b.okCount() > 0).map(b -> OptionalDouble.of(b.okMillisAt(50)))
                        .orElse(OptionalDouble.empty()) : OptionalDouble.empty();
                rows.add(new SummaryTable.Row(measured, Optional.of(new SummaryTable.Predicted(
                        predicted.percentilesMillis().p50(), predicted.percentilesMillis().p90(),
                        predicted.percentilesMillis().p99())), hostCost));
                RunFile.Scenario scenario = scenarioJson(spec, hlog, predicted);
                if (hostCost.isPresent()) {
                    scenario = new RunFile.Scenario(scenario.name(), scenario.hlog(), scenario.requestKind(),
                            scenario.profile(), scenario.prediction(), null, null,
                            baselineHlog.getFileName().toString(), hostCost.getAsDouble());
                }
                scenariosJson.add(scenario);
                if (NOISE_FLOOR.equals(spec.name()) && measured.okCount() > 0) {
                    noiseFloorJson = new LinkedHashMap<>();
                    noiseFloorJson.put("p50", measured.okMillisAt(50) - predicted.percentilesMillis().p50());
                    noiseFloorJson.put("p99", measured.okMillisAt(99) - predicted.percentilesMillis().p99());
                    noiseFloor = Optional.of(String.format(Locale.ROOT, "%s: measured - predicted = %.3f ms at p50,"
                            + " %.3f ms at p99", floorLabel(parameters), (Double) noiseFloorJson.get("p50"),
                            (Double) noiseFloorJson.get("p99")));
                }
            }
            // Against an external target the floor holds the real path and the server too: it is reported as a
            // baseline, and it must not widen the report's tolerance as the harness's own noise would.
            boolean harnessOnly = parameters.target().isEmpty();
            Path runJson = writeRunJson(simulation, parameters, profile, recording.resultsDirectory(), scenariosJson,
                    noiseFloorJson, harnessOnly, startedAt, recording.hasBaseline());

            System.out.println();
            System.out.println("roundtrip: " + simulation + " over " + profile.describe()
                    + (parameters.proxied() ? "" : " (proxy=none: nothing injected, the model still assumes it)"));
            System.out.print(SummaryTable.render(rows));
            noiseFloor.ifPresent(System.out::println);
            if (rows.stream().anyMatch(r -> r.hostCostMillis().isPresent())) {
                System.out.println("host cost: each scenario's p50 over a zero-latency path, after its measured pass (-Dbaseline=off"
                        + " skips it); the report judges measured - host cost against the model");
            }
            System.out.println("latency logs and run.json: " + runJson.getParent());
            return Optional.of(runJson.getParent());
        } catch (RuntimeException e) {
            System.out.println("roundtrip: could not summarise " + recording.resultsDirectory() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Builds roundtrip's report from {@code runFolders} into {@code outputFolder} and prints where it is. */
    public static void report(List<Path> runFolders, Path outputFolder) {
        try {
            Path report = RunReport.write(runFolders, outputFolder);
            System.out.println("roundtrip report: " + report.toUri());
        } catch (RuntimeException e) {
            System.out.println("roundtrip: could not build the report: " + e.getMessage());
        }
    }

    /** A scenario's entry in {@code run.json}; {@code predicted} is null for a scenario without a single kind. */
    private static RunFile.Scenario scenarioJson(ScenarioSpec spec, Path hlog, Prediction predicted) {
        return RunFile.Scenario.of(spec.name(), hlog.getFileName().toString(),
                predicted == null ? null : spec.requestKindJson(), spec.profile().name(), predicted);
    }

    /** What the floor scenario measured, in words: it depends on what sits between Gatling and the server. */
    private static String floorLabel(RunParameters parameters) {
        if (parameters.target().isPresent()) {
            return "baseline (the target through " + (parameters.proxied() ? "the proxy" : "no proxy")
                    + ", nothing injected: the real path, the server and the harness; not in the predictions)";
        }
        return parameters.proxied() ? "noise floor (same proxy path, nothing injected)"
                : "noise floor (no proxy, nothing injected)";
    }

    static Path writeRunJson(String simulation, RunParameters parameters, NetworkProfile runProfile,
            Path folder, List<RunFile.Scenario> scenarios, Map<String, Object> noiseFloor, boolean harnessOnly,
            Instant startedAt) {
        return writeRunJson(simulation, parameters, runProfile, folder, scenarios, noiseFloor, harnessOnly, startedAt,
                parameters.baselineOn());
    }

    /** As above; {@code baseline}: whether the run had a baseline pass ({@code parameters.baseline} in the file). */
    static Path writeRunJson(String simulation, RunParameters parameters, NetworkProfile runProfile,
            Path folder, List<RunFile.Scenario> scenarios, Map<String, Object> noiseFloor, boolean harnessOnly,
            Instant startedAt, boolean baseline) {
        RunFile.Profile profile = new RunFile.Profile(runProfile.name(), runProfile.toMap(), parameters.proxied(),
                !parameters.proxied() ? "nothing" : parameters.packetPath() ? "packet path" : "proxy");
        RunFile run = new RunFile(folder.getFileName().toString(), simulation, startedAt.toString(),
                Instant.now().toString(), hostName(), versions(), profile, parametersJson(parameters, baseline),
                generatorJson(parameters.generator()), scenarios, harnessOnly ? noiseFloor : null,
                harnessOnly ? null : noiseFloor);
        return RunFiles.writeRun(folder, run);
    }

    private static Map<String, Object> parametersJson(RunParameters p, boolean baseline) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", p.target().map(Object::toString).orElse("embedded origin"));
        json.put("proxy", p.proxied() ? "roundtrip" : "none");
        json.put("users", p.users());
        json.put("duration", p.duration().toString());
        json.put("warmup", p.warmUp().toString());
        json.put("size_bytes", p.sizeBytes());
        json.put("resources", p.resources());
        json.put("resource_size_bytes", p.resourceSizeBytes());
        json.put("fresh_per_second", p.freshPerSecond());
        json.put("requests", p.requests().map(loaded -> loaded.requests().size()).orElse(null));
        json.put("baseline", baseline);
        json.put("max_ko", p.maxKoFraction());
        return json;
    }

    /** Which of N generators wrote this folder, the start it obeyed and its clock then, so folders can be merged. */
    private static RunFile.Generator generatorJson(Generator generator) {
        return new RunFile.Generator(generator.index(), generator.count(),
                generator.startAt().map(Instant::toString).orElse(null), Instant.now().toString());
    }

    private static Map<String, String> versions() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("roundtrip", Optional.ofNullable(RunSummary.class.getPackage().getImplementationVersion())
                .orElse("dev"));
        json.put("gatling", Optional.ofNullable(io.gatling.javaapi.core.Simulation.class.getPackage()
                .getImplementationVersion()).orElse("unknown"));
        json.put("netty", io.netty.util.Version.identify().values().stream().findFirst()
                .map(io.netty.util.Version::artifactVersion).orElse("unknown"));
        json.put("java", System.getProperty("java.version"));
        json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return json;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
