package io.roundtrip.results.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of a run folder's {@value #FILE_NAME}: a concurrency level of the capacity sweep, the throughput it
 * completed and its latency percentiles. The report fits the Universal Scalability Law to the rows.
 */
@JsonPropertyOrder({"concurrency", "throughput_rps", "p50_ms", "p99_ms"})
public record SweepRow(int concurrency, @JsonProperty("throughput_rps") double throughputRps,
        @JsonProperty("p50_ms") double p50Ms, @JsonProperty("p99_ms") double p99Ms) {

    public static final String FILE_NAME = "capacity-sweep.csv";
}
