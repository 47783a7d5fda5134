package io.roundtrip.model.profile;

import io.roundtrip.model.units.Units;
import java.nio.file.Path;
import java.util.Locale;

/** The text forms of a {@link JitterDistribution} ({@code normal:5ms}, {@code pareto:scale=2ms,shape=2.5}, ...), read. */
final class JitterText {

    private JitterText() {}

    /** See {@link JitterDistribution#parse}. */
    static JitterDistribution parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(text);
        }
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("none") || lower.equals("off") || lower.equals("0")) {
            return JitterDistribution.NONE;
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            return new JitterDistribution.Uniform(duration(t, text));
        }
        String kind = lower.substring(0, colon).trim();
        String arg = t.substring(colon + 1).trim();
        switch (kind) {
            case "uniform":
                return nonZero(new JitterDistribution.Uniform(duration(arg, text)));
            case "normal":
            case "gaussian":
                return nonZero(new JitterDistribution.Normal(duration(stripKey(arg, "sigma"), text)));
            case "exponential":
            case "exp":
                return nonZero(new JitterDistribution.Exponential(duration(stripKey(arg, "mean"), text)));
            case "pareto":
                return pareto(arg, text);
            case "table":
            case "empirical":
                return JitterDistribution.Table.load(Path.of(arg), text);
            default:
                throw bad(text);
        }
    }

    private static JitterDistribution nonZero(JitterDistribution d) {
        return d.standardDeviationNanos() == 0 && d.meanNanos() == 0 ? JitterDistribution.NONE : d;
    }

    private static String stripKey(String arg, String key) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return lower.startsWith(key + "=") ? arg.substring(key.length() + 1).trim() : arg;
    }

    private static JitterDistribution pareto(String arg, String text) {
        String scale = null;
        String shape = null;
        String[] parts = arg.split(",");
        if (parts.length != 2) {
            throw bad(text);
        }
        for (int i = 0; i < 2; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String key = eq < 0 ? (i == 0 ? "scale" : "shape") : p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? p : p.substring(eq + 1).trim();
            if (key.equals("scale")) {
                scale = value;
            } else if (key.equals("shape") || key.equals("alpha")) {
                shape = value;
            } else {
                throw bad(text);
            }
        }
        if (scale == null || shape == null) {
            throw bad(text);
        }
        double alpha;
        try {
            alpha = Double.parseDouble(shape);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw bad(text);
        }
        return new JitterDistribution.Pareto(duration(scale, text), alpha);
    }

    private static long duration(String arg, String text) {
        try {
            return Units.parseDuration(arg).toNanos();
        } catch (IllegalArgumentException e) {
            throw bad(text);
        }
    }

    static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("bad jitter '" + text + "': expected none, uniform:5ms, normal:5ms, "
                + "exponential:5ms, pareto:scale=2ms,shape=2.5 or table:FILE");
    }
}
