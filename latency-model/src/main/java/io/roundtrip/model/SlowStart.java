package io.roundtrip.model;

/**
 * TCP slow start in round trips ("flights").
 *
 * <p>Starting from a window of w1 segments that grows by a factor γ each round trip (γ = 2 with an ACK per
 * segment, 1.5 with delayed ACKs), the first k flights carry w1(γ^k − 1)/(γ − 1) segments, so d segments need
 *
 * <pre>  flights(d) = ⌈ log_γ( d(γ − 1)/w1 + 1 ) ⌉</pre>
 *
 * (Cardwell, Savage and Anderson, "Modeling TCP Latency", INFOCOM 2000, eq. (2) with the ceiling for whole
 * flights). With a slow-start threshold the window grows by γ only up to ssthresh and by one segment per round
 * trip after (congestion avoidance, RFC 5681 §3.1); {@link #flights(long, double, double, double)} counts those
 * by iteration, and agrees with the closed form when ssthresh is unbounded.
 */
public final class SlowStart {

    private SlowStart() {}

    /** The closed form ⌈log_γ(d(γ−1)/w1 + 1)⌉ (0 for d ≤ 0). */
    public static int flightsClosedForm(long segments, double initialWindow, double gamma) {
        if (segments <= 0) {
            return 0;
        }
        double exact = Math.log(segments * (gamma - 1) / initialWindow + 1) / Math.log(gamma);
        // Guard against 2.0000000000000004 where the segments fill the flights exactly.
        return (int) Math.ceil(exact - 1e-9);
    }

    /**
     * Flights to send {@code segments} from {@code initialWindow}, growing ×γ below {@code ssthresh} (use
     * {@link Double#POSITIVE_INFINITY} for none) and +1 per flight at or above it.
     */
    public static int flights(long segments, double initialWindow, double gamma, double ssthresh) {
        int flights = 0;
        double sent = 0;
        double window = initialWindow;
        while (sent < segments - 1e-9) {
            sent += window;
            flights++;
            window = grow(window, gamma, ssthresh);
        }
        return flights;
    }

    /** The window after one more round trip: ×γ up to ssthresh, then +1 segment. */
    public static double grow(double window, double gamma, double ssthresh) {
        if (window < ssthresh) {
            return Math.min(window * gamma, Math.max(ssthresh, window));
        }
        return window + 1;
    }

    /** Segments needed for {@code bytes} at {@code mssBytes} per segment (at least one for a non-empty body). */
    public static long segments(long bytes, int mssBytes) {
        return bytes <= 0 ? 0 : (bytes + mssBytes - 1) / mssBytes;
    }
}
