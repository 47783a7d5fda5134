package io.roundtrip.results.report;

/** The two values of a protocol comparison's dimension in words: {@code HTTP/1.1} and {@code HTTP/2}. */
final class DimensionWords {

    private DimensionWords() {}

    static String of(ProtocolComparison.Dimension dimension, boolean first) {
        return switch (dimension) {
            case PROTOCOL -> first ? "HTTP/1.1" : "HTTP/2";
            case CONNECTION -> first ? "kept-alive" : "fresh";
            case TLS -> first ? "TLS 1.2" : "TLS 1.3";
        };
    }
}
