package io.roundtrip.results.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.roundtrip.model.units.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run folder's {@code run.json}: who ran what, on which network profile, and what the model predicted. See
 * {@code docs/reports.md} for the contract; only {@code scenarios[].name} and {@code scenarios[].hlog} are
 * required, everything else is shown when present.
 */
public record RunManifest(
        String runId,
        String startedAt,
        String endedAt,
        String host,
        Map<String, String> versions,
        Profile profile,
        JsonNode parameters,
        List<Scenario> scenarios,
        JsonNode noiseFloorMillis,
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
            Optional<Prediction> prediction, OwnRequest ownRequest) {}

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

    public static final String FILE_NAME = "run.json";

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
        Path file = runFolder.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(runFolder + " is not a run folder: no " + FILE_NAME);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().replace('\n', ' ') + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        JsonNode profileNode = root.path("profile");
        Profile profile = new Profile(text(profileNode.path("name"), "unnamed"), strings(profileNode.path("settings")));
        JsonNode scenariosNode = root.path("scenarios");
        if (!scenariosNode.isArray() || scenariosNode.isEmpty()) {
            throw new IllegalArgumentException(file + ": no scenarios (expected \"scenarios\": [{\"name\", \"hlog\", ...}])");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < scenariosNode.size(); i++) {
            JsonNode s = scenariosNode.get(i);
            String where = file + ": scenarios[" + i + "]";
            String name = required(s, "name", where);
            String hlog = required(s, "hlog", where);
            if (hlog.contains("/") || hlog.contains("\\") || hlog.startsWith(".")) {
                throw new IllegalArgumentException(where + ".hlog '" + hlog + "' must be a file name inside the run folder");
            }
            JsonNode predictionNode = s.path("prediction");
            Optional<Prediction> prediction = predictionNode.isObject()
                    ? Optional.of(prediction(predictionNode, where + ".prediction"))
                    : Optional.empty();
            OwnRequest own = new OwnRequest(
                    number(s.path("network_prediction_ms"), where + ".network_prediction_ms", Double.NaN),
                    number(s.path("baseline_p50_ms"), where + ".baseline_p50_ms", Double.NaN),
                    text(s.path("baseline_hlog"), ""),
                    number(s.path("fresh_connection_share"), where + ".fresh_connection_share", Double.NaN));
            scenarios.add(new Scenario(name, hlog, strings(s.path("request_kind")), scenarioProfile(s.path("profile"), profile),
                    prediction, own));
        }
        return new RunManifest(
                text(root.path("run_id"), runFolder.getFileName() == null ? "run" : runFolder.getFileName().toString()),
                text(root.path("started_at"), ""),
                text(root.path("ended_at"), ""),
                text(root.path("host"), ""),
                strings(root.path("versions")),
                profile,
                root.path("parameters").isMissingNode() ? NullNode.getInstance() : root.path("parameters"),
                List.copyOf(scenarios),
                root.path("noise_floor_ms").isMissingNode() ? NullNode.getInstance() : root.path("noise_floor_ms"),
                text(root.path("simulation"), ""),
                generator(root.path("generator")));
    }

    private static Optional<Generator> generator(JsonNode node) {
        if (!node.isObject() || node.path("count").asInt(1) <= 1) {
            return Optional.empty();
        }
        return Optional.of(new Generator(node.path("index").asInt(0), node.path("count").asInt(1)));
    }

    /**
     * A scenario's {@code profile}: absent or the run profile's name → the run's profile; an object
     * {@code {"name", "settings"}} → that profile; another name → a profile known by name only (its RTT unknown).
     */
    private static Profile scenarioProfile(JsonNode node, Profile runProfile) {
        if (node.isObject()) {
            return new Profile(text(node.path("name"), runProfile.name()), strings(node.path("settings")));
        }
        if (node.isTextual() && !node.asText().equals(runProfile.name())) {
            return new Profile(node.asText(), Map.of());
        }
        return runProfile;
    }

    private static Prediction prediction(JsonNode node, String where) {
        List<Prediction.Phase> phases = new ArrayList<>();
        for (JsonNode phase : node.path("phases")) {
            phases.add(new Prediction.Phase(required(phase, "name", where + ".phases[]"),
                    number(phase.path("rtts"), where + ".phases[].rtts", 0),
                    number(phase.path("ms"), where + ".phases[].ms", 0)));
        }
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.path("percentiles_ms").properties()) {
            percentiles.put(field.getKey(), number(field.getValue(), where + ".percentiles_ms." + field.getKey(), Double.NaN));
        }
        List<Prediction.Quantile> quantiles = new ArrayList<>();
        for (JsonNode pair : node.path("quantiles_ms")) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                throw new IllegalArgumentException(where + ".quantiles_ms: expected [q, ms] pairs of numbers, got " + pair);
            }
            double q = pair.get(0).asDouble();
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException(where + ".quantiles_ms: quantile " + q + " is not in (0, 1)");
            }
            quantiles.add(new Prediction.Quantile(q, pair.get(1).asDouble()));
        }
        return new Prediction(phases, number(node.path("mean_ms"), where + ".mean_ms", Double.NaN), percentiles, quantiles);
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": missing \"" + field + "\"");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String where, double absent) {
        if (node.isMissingNode() || node.isNull()) {
            return absent;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(where + ": expected a number, got " + node);
        }
        return node.asDouble();
    }

    private static String text(JsonNode node, String absent) {
        return node.isMissingNode() || node.isNull() ? absent : node.asText();
    }

    /** A flat object's fields as strings (nested values as their JSON text), in file order. */
    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                map.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
