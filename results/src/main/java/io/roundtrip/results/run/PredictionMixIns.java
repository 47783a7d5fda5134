package io.roundtrip.results.run;

import io.roundtrip.model.Prediction;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.roundtrip.model.Percentiles;
import io.roundtrip.model.Phase;
import io.roundtrip.model.Quantile;
import java.util.List;

/**
 * How the model's {@link io.roundtrip.model.Prediction} reads and writes in {@code run.json} (the contract of
 * DESIGN.md: {@code phases}, {@code mean_ms}, {@code percentiles_ms}, {@code quantiles_ms} as {@code [q, ms]}
 * pairs, {@code method}, and the derived {@code analytic_ms}) without Jackson in the model module.
 */
final class PredictionMixIns {

    private PredictionMixIns() {}

    @JsonPropertyOrder({"phases", "mean_ms", "percentiles_ms", "quantiles_ms", "analytic_ms", "method"})
    abstract static class PredictionMixIn {
        @JsonCreator
        PredictionMixIn(@JsonProperty("phases") List<Phase> phases, @JsonProperty("mean_ms") double meanMillis,
                @JsonProperty("percentiles_ms") Percentiles percentilesMillis, @JsonProperty("method") String method,
                @JsonProperty("quantiles_ms") List<Quantile> quantilesMillis) {}

        @JsonProperty("mean_ms")
        abstract double meanMillis();

        @JsonProperty("percentiles_ms")
        abstract Percentiles percentilesMillis();

        @JsonProperty("quantiles_ms")
        abstract List<Quantile> quantilesMillis();

        @JsonProperty(value = "analytic_ms", access = JsonProperty.Access.READ_ONLY)
        abstract double analyticMillis();
    }

    /** {@code [q, ms]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"q", "ms"})
    abstract static class QuantileMixIn {}
}
