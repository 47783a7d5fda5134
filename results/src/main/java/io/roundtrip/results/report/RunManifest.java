package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import io.roundtrip.model.units.Units;
import io.roundtrip.results.run.RunFile;
import io.roundtrip.results.run.RunFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run folder's {@code run.json} ({@link RunFile}) as the report uses it: validated, with defaults for what the
 * file leaves out. See {@code docs/reports.md} for the contract; only {@code scenarios[].name} and
 * {@code scenarios[].hlog} are required, everything else is shown when present.
 */
public record RunManifest(
        String runId,
        String startedAt,
        String endedAt,
        String host,
        Map<String, String> versions,
        Profile profile,
        Map<String, Object> parameters,
        List<Scenario> scenarios,
        Map<String, Object> noiseFloorMillis,
        String simulation,
        Optional<Generator> generator) {

    /** Which of several load generators wrote the folder ({@code run.json}'s {@code generator}), when there were several. */
    public record Generator(int index, int count) {}

    /** The network profile the run used: its preset name and settings ({@code rtt}, {@code jitter}, ...). */
    public record Profile(String name, Map<String, String> settings) {

        /** The profile's round-trip time in milliseconds, or NaN when its settings do not give one. */
        public double rttMillis() {
            String rtt = settings.get("rtt");
            if (rtt == null || rtt.isBlank()) {
                return Double.NaN;
            }
            try {
                return Units.parseDuration(rtt).toNanos() / 1e6;
            } catch (IllegalArgumentException e) {
                return Double.NaN;
            }
        }

        /** Profiles are the same when name and settings are. */
        public String key() {
            return name + settings;
        }
    }

    /**
     * One scenario of the run: its name, latency log, what kind of request it makes, the profile it ran on (the run's,
     * unless the scenario names another, e.g. a noise-floor scenario with nothing injected) and, optionally, the
     * prediction.
     */
    public record Scenario(String name, String hlog, Map<String, String> requestKind, Profile profile,
            Optional<Prediction> prediction, OwnRequest ownRequest) {

        /**
         * A built-in scenario's host cost: its {@code baseline_p50_ms} (the same requests over a zero-latency path:
         * client, server and crypto) when it has a baseline and a prediction of the network alone; NaN otherwise.
         * A request of the user's own simulation ({@code network_prediction_ms} present) has its baseline in its
         * prediction already, as server time, and is judged whole.
         */
        public double hostCostMillis() {
            return prediction.isPresent() && Double.isNaN(ownRequest.networkPredictionMillis())
                    ? ownRequest.baselineP50Millis() : Double.NaN;
        }
    }

    /**
     * What a run of the user's own Gatling simulation adds to a scenario (one per request name or group): the
     * model's p50 of the request's network cost alone ({@code network_prediction_ms}, no server time), the same
     * request's p50 over a zero-latency path ({@code baseline_p50_ms}, its log {@code baseline_hlog}) and the share
     * of requests that opened a connection ({@code fresh_connection_share}). Unknown numbers are NaN.
     */
    public record OwnRequest(double networkPredictionMillis, double baselineP50Millis, String baselineHlog,
            double freshConnectionShare) {

        /** Whether the scenario carries any of the own-traffic fields. */
        public boolean present() {
            return !Double.isNaN(networkPredictionMillis) || !Double.isNaN(baselineP50Millis) || !baselineHlog.isEmpty();
        }
    }

    public static final String FILE_NAME = RunFile.FILE_NAME;

    /** {@code ended_at − started_at} in seconds, or NaN when either is missing or not ISO-8601. */
    public double spanSeconds() {
        try {
            return java.time.Duration.between(java.time.Instant.parse(startedAt), java.time.Instant.parse(endedAt))
                    .toNanos() / 1e9;
        } catch (java.time.format.DateTimeParseException e) {
            return Double.NaN;
        }
    }

    /**
     * Reads {@code runFolder/run.json}.
     *
     * @throws IllegalArgumentException with a one-line message when the file is missing, is not JSON, or lacks
     *     the scenarios
     */
    public static RunManifest read(Path runFolder) {
        RunFile run = RunFiles.readRun(runFolder);
        Path file = runFolder.resolve(FILE_NAME);
        RunFile.Profile runProfile = run.profile();
        Profile profile = runProfile == null ? new Profile("unnamed", Map.of())
                : new Profile(orElse(runProfile.name(), "unnamed"), strings(runProfile.settings()));
        if (run.scenarios().isEmpty()) {
            throw new IllegalArgumentException(file + ": no scenarios (expected \"scenarios\": [{\"name\", \"hlog\", ...}])");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < run.scenarios().size(); i++) {
            RunFile.Scenario s = run.scenarios().get(i);
            String where = file + ": scenarios[" + i + "]";
            String name = required(s.name(), "name", where);
            String hlog = required(s.hlog(), "hlog", where);
            if (hlog.contains("/") || hlog.contains("\\") || hlog.startsWith(".")) {
                throw new IllegalArgumentException(where + ".hlog '" + hlog + "' must be a file name inside the run folder");
            }
            OwnRequest own = new OwnRequest(orNaN(s.networkPredictionMs()), orNaN(s.baselineP50Ms()),
                    orElse(s.baselineHlog(), ""), orNaN(s.freshConnectionShare()));
            scenarios.add(new Scenario(name, hlog, strings(s.requestKind()), scenarioProfile(s.profile(), profile),
                    Optional.ofNullable(s.prediction()), own));
        }
        Map<String, Object> parameters = run.parameters() == null ? Map.of() : run.parameters();
        Map<String, Object> noiseFloor = run.noiseFloorMs() == null ? Map.of() : run.noiseFloorMs();
        return new RunManifest(
                orElse(run.runId(), runFolder.getFileName() == null ? "run" : runFolder.getFileName().toString()),
                orElse(run.startedAt(), ""),
                orElse(run.endedAt(), ""),
                orElse(run.host(), ""),
                run.versions() == null ? Map.of() : run.versions(),
                profile,
                parameters,
                List.copyOf(scenarios),
                noiseFloor,
                orElse(run.simulation(), ""),
                generator(run.generator()));
    }

    private static Optional<Generator> generator(RunFile.Generator generator) {
        if (generator == null || generator.count() == null || generator.count() <= 1) {
            return Optional.empty();
        }
        return Optional.of(new Generator(generator.index() == null ? 0 : generator.index(), generator.count()));
    }

    /**
     * A scenario's {@code profile}: absent or the run profile's name → the run's profile; an object
     * {@code {"name", "settings"}} → that profile; another name → a profile known by name only (its RTT unknown).
     */
    private static Profile scenarioProfile(RunFile.ScenarioProfile scenario, Profile runProfile) {
        if (scenario == null) {
            return runProfile;
        }
        if (scenario.settings() != null) {
            return new Profile(orElse(scenario.name(), runProfile.name()), strings(scenario.settings()));
        }
        if (scenario.name() != null && !scenario.name().equals(runProfile.name())) {
            return new Profile(scenario.name(), Map.of());
        }
        return runProfile;
    }

    private static String required(String value, String field, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": missing \"" + field + "\"");
        }
        return value;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static String orElse(String value, String absent) {
        return value == null ? absent : value;
    }

    /** A flat object's values as strings (nested values as their JSON text), in file order. */
    private static Map<String, String> strings(Map<String, Object> values) {
        Map<String, String> map = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((key, value) -> map.put(key, value instanceof Map || value instanceof List
                    ? RunFiles.compactJson(value) : String.valueOf(value)));
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
