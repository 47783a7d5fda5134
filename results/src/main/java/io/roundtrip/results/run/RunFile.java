package io.roundtrip.results.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.roundtrip.model.Prediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder's {@code run.json}, as the simulations write it and the report reads it ({@code docs/reports.md}):
 * who ran what, on which network profile, every scenario's latency log and the model's prediction for it. Fields
 * the file leaves out are null; {@link io.roundtrip.results.report.RunManifest} decides what is required.
 *
 * @param parameters the run's {@code -D} parameters ({@code users}, {@code duration}, ...), as given
 * @param noiseFloorMs the noise floor scenario's measured − predicted ms by percentile key (or, per scenario name,
 *     such an object); {@code baselineMs} the same against an external target, where it is not the harness's own
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunFile(String runId, String simulation, String startedAt, String endedAt, String host,
        Map<String, String> versions, Profile profile, Map<String, Object> parameters, Generator generator,
        List<Scenario> scenarios, Map<String, Object> noiseFloorMs, Map<String, Object> baselineMs) {

    public static final String FILE_NAME = "run.json";

    /**
     * A network profile: its preset name and settings ({@code rtt}, {@code jitter}, ...); for the run's own profile,
     * also what enforced it ({@code proxy}, {@code packet path} or {@code nothing}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Profile(String name, Map<String, Object> settings, Boolean enforced, String enforcedBy) {}

    /**
     * A scenario's {@code profile}: a name (the run's profile, or another known by name only), or a whole
     * {@code {"name", "settings"}} object.
     */
    public record ScenarioProfile(String name, Map<String, Object> settings) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ScenarioProfile {}

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ScenarioProfile named(String name) {
            return new ScenarioProfile(name, null);
        }

        @JsonValue
        Object json() {
            if (settings == null) {
                return name;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("settings", settings);
            return json;
        }
    }

    /**
     * Which of {@code count} load generators wrote the folder, the common start it obeyed and its clock when it
     * summarised, so that folders can be merged.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Generator(Integer index, Integer count, String startAt, String clockAtSummary) {}

    /**
     * One scenario: its name, latency log, request kind (the model's inputs, by {@code ScenarioSpec}'s keys),
     * profile and prediction; for a request of the user's own simulation also the model's p50 of its network cost
     * alone, its baseline over a zero-latency path and the share of its requests that opened a connection.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scenario(String name, String hlog, Map<String, Object> requestKind, ScenarioProfile profile,
            Prediction prediction, Double networkPredictionMs, Double freshConnectionShare, String baselineHlog,
            Double baselineP50Ms) {

        /** A measured scenario with no own-traffic fields. */
        public static Scenario of(String name, String hlog, Map<String, Object> requestKind, String profile,
                Prediction prediction) {
            return new Scenario(name, hlog, requestKind, ScenarioProfile.named(profile), prediction, null, null,
                    null, null);
        }
    }
}
