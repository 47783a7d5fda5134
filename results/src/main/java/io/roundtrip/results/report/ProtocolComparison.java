package io.roundtrip.results.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Protocol against protocol: scenarios of the same profile whose {@code request_kind}s differ in exactly one
 * dimension ({@code protocol} h1/h2, {@code connection} keepalive/fresh, {@code tls} 1.2/1.3) are paired, and their
 * measured (and predicted) percentiles set side by side.
 */
public final class ProtocolComparison {

    /** One comparison: the dimension of {@code request_kind} that differs and the two values compared. */
    public enum Dimension {
        PROTOCOL("protocol", "h1", "h2", "HTTP/1.1 vs HTTP/2", "h1-vs-h2"),
        CONNECTION("connection", "keepalive", "fresh", "keep-alive vs fresh connections", "keepalive-vs-fresh"),
        TLS("tls", "1.2", "1.3", "TLS 1.2 vs TLS 1.3", "tls12-vs-tls13");

        public final String field;
        public final String a;
        public final String b;
        public final String title;
        public final String slug;

        Dimension(String field, String a, String b, String title, String slug) {
            this.field = field;
            this.a = a;
            this.b = b;
            this.title = title;
            this.slug = slug;
        }
    }

    /** Two scenarios that differ only in {@code dimension}: {@code a} has the first value, {@code b} the second. */
    public record Pair(Dimension dimension, String profile, String sharedKind, ScenarioResult a, ScenarioResult b) {

        /** {@code b − a} at a percentile, measured, ms. */
        public double measuredDifferenceMillis(String key) {
            return b.rows().get(key).measuredMillis() - a.rows().get(key).measuredMillis();
        }

        /** {@code b / a} at a percentile, measured. */
        public double measuredRatio(String key) {
            return b.rows().get(key).measuredMillis() / a.rows().get(key).measuredMillis();
        }

        /** The scenario with the lower measured p50, "tie" within 1%, "n/a" when one side has no data. */
        public String faster() {
            double ratio = measuredRatio("p50");
            if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
                return "n/a";
            }
            if (Math.abs(ratio - 1) < 0.01) {
                return "tie";
            }
            return ratio < 1 ? b.name() : a.name();
        }
    }

    private ProtocolComparison() {}

    /** Every pair, per dimension, in scenario order. */
    public static Map<Dimension, List<Pair>> pairs(List<ScenarioResult> results) {
        Map<Dimension, List<Pair>> pairs = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.values()) {
            List<Pair> found = new ArrayList<>();
            for (ScenarioResult a : results) {
                if (!dimension.a.equals(normalized(dimension.field, a.requestKind().get(dimension.field)))) {
                    continue;
                }
                for (ScenarioResult b : results) {
                    if (a.profile().key().equals(b.profile().key())
                            && dimension.b.equals(normalized(dimension.field, b.requestKind().get(dimension.field)))
                            && sameExcept(a.requestKind(), b.requestKind(), dimension.field)) {
                        found.add(new Pair(dimension, a.profile().name(), shared(a.requestKind(), dimension.field), a, b));
                    }
                }
            }
            pairs.put(dimension, found);
        }
        return pairs;
    }

    /** Spelling variants to one value: {@code HTTP/1.1 → h1}, {@code keep-alive → keepalive}, {@code TLSv1.3 → 1.3}. */
    static String normalized(String field, String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (field) {
            case "protocol":
                if (v.equals("h1") || v.equals("http/1.1") || v.equals("http1") || v.equals("http_1_1") || v.equals("h1.1")) {
                    return "h1";
                }
                if (v.equals("h2") || v.equals("http/2") || v.equals("http2") || v.equals("h2c") || v.equals("http_2")) {
                    return "h2";
                }
                return v;
            case "connection":
                if (v.equals("keepalive") || v.equals("keep-alive") || v.equals("keep_alive") || v.equals("reuse")) {
                    return "keepalive";
                }
                if (v.equals("fresh") || v.equals("new") || v.equals("close") || v.equals("no-keepalive")) {
                    return "fresh";
                }
                return v;
            case "tls":
                String digits = v.replace("tlsv", "").replace("tls", "").replace("_", ".").trim();
                return digits.equals("1.2") || digits.equals("1.3") ? digits : v;
            default:
                return v;
        }
    }

    /**
     * Whether two request kinds differ only in {@code field}. Comparing protocols, the settings of one protocol only
     * ({@code h1_*}, {@code h2_*}: an HTTP/2 receive window, HTTP/1.1's connections per origin) are not a difference:
     * they are what the protocols are.
     */
    private static boolean sameExcept(Map<String, String> a, Map<String, String> b, String field) {
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            boolean protocolsOwn = field.equals("protocol") && (key.startsWith("h1_") || key.startsWith("h2_"));
            if (!key.equals(field) && !protocolsOwn
                    && !Objects.equals(normalized(key, a.get(key)), normalized(key, b.get(key)))) {
                return false;
            }
        }
        return true;
    }

    private static String shared(Map<String, String> kind, String field) {
        StringBuilder text = new StringBuilder();
        kind.forEach((key, value) -> {
            if (!key.equals(field)) {
                text.append(text.length() == 0 ? "" : ", ").append(key).append('=').append(value);
            }
        });
        return text.toString();
    }
}
