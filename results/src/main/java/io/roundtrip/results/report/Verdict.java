package io.roundtrip.results.report;

/** What the comparison of one scenario says about the model. */
public enum Verdict {
    WITHIN_TOLERANCE("within tolerance"),
    /** The model predicted faster than measured: it under-counts some cost. */
    MODEL_OPTIMISTIC("model optimistic"),
    /** The model predicted slower than measured: it counts a cost that did not occur. */
    MODEL_PESSIMISTIC("model pessimistic"),
    /** No prediction to compare against (an external target without a model). */
    MEASURED_ONLY("measured only"),
    /** No successful request was recorded. */
    NO_DATA("no data");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
