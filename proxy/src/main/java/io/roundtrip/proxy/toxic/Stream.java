package io.roundtrip.proxy.toxic;

import java.util.Locale;

/** The direction a toxic applies to, as toxiproxy names it. */
public enum Stream {
    /** client to upstream server */
    UPSTREAM,
    /** upstream server to client */
    DOWNSTREAM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stream parse(String text) {
        if (text == null) {
            return DOWNSTREAM;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "upstream":
                return UPSTREAM;
            case "downstream":
                return DOWNSTREAM;
            default:
                throw new IllegalArgumentException("bad stream '" + text + "': expected upstream or downstream");
        }
    }
}
