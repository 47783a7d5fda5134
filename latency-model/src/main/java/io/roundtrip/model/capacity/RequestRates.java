package io.roundtrip.model.capacity;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Request rates in human units: {@code 2000/s}, {@code 2000rps}, {@code 120000/min}, {@code 7.2M/h}, or a bare number per second. */
public final class RequestRates {

    private static final Pattern RATE = Pattern.compile(
            "\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][0-9]+)?)\\s*([kKM]?)\\s*(rps|/s|/sec|/min|/m|/h|/hour|req/s)?\\s*");

    private RequestRates() {}

    /** Parses a request rate into requests per second; a rate must be above zero. */
    public static double parsePerSecond(String text) {
        double perSecond = parse(text);
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("bad request rate '" + text + "': a rate must be above zero");
        }
        return perSecond;
    }

    private static double parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing rate: expected something like 2000/s");
        }
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "bad request rate '" + text + "': expected something like 2000/s, 2000rps, 120000/min or 2k/s");
        }
        double value = Double.parseDouble(m.group(1));
        switch (m.group(2)) {
            case "k":
            case "K":
                value *= 1e3;
                break;
            case "M":
                value *= 1e6;
                break;
            default:
                break;
        }
        String unit = m.group(3) == null ? "/s" : m.group(3).toLowerCase(Locale.ROOT);
        switch (unit) {
            case "/min":
            case "/m":
                return value / 60;
            case "/h":
            case "/hour":
                return value / 3600;
            default:
                return value;
        }
    }
}
