package io.roundtrip.results.report;

import io.roundtrip.model.Prediction;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line likely reason for a disagreement, drawn from where the error sits (body or tail of the distribution),
 * whether it is a whole number of round trips, and which phases dominate the prediction. It is a hint for where to
 * look, not a diagnosis; {@code docs/reports.md} lists the rules.
 */
final class LikelyReason {

    /** A phase group "dominates" when it is at least this share of the predicted phases. */
    static final double DOMINANT_SHARE = 0.5;

    /** The same rules, in the same order, in the words of one direction of the error. */
    private record Words(String tailOnly, String handshake, String handshakeHint, String moreOrFewer,
            String wholeRoundTripsHint, String transfer, String server, String otherwise) {}

    /** Measured slower than predicted (the model optimistic). */
    private static final Words SLOWER = new Words(
            "body agrees, tail heavier than modelled: jitter/loss emulation, GC pauses or load-generator queueing",
            "connect/TLS slower than modelled", "check handshake emulation",
            "more", "a round trip the model does not count",
            "transfer slower than modelled: check bandwidth, initial window and slow-start emulation",
            "server/queueing time longer than modelled: origin or load generator saturated?",
            "slower than modelled across the distribution: check the proxy's added delay and the load generator");

    /** Measured faster than predicted (the model pessimistic): no server rule in this direction. */
    private static final Words FASTER = new Words(
            "body agrees, tail lighter than modelled: jitter/loss milder than the profile says",
            "fewer handshake round trips than modelled",
            "connection reuse or TLS resumption in a fresh-connection scenario?",
            "fewer", "the model counts a round trip that did not happen",
            "transfer faster than modelled: larger initial window or no slow-start restart after idle?",
            null,
            "faster than modelled: check that the proxy applies the profile's delays");

    private LikelyReason() {}

    static String of(Verdict verdict, Map<String, ScenarioResult.Row> rows, Prediction prediction,
            Map<String, String> requestKind, double rttMillis) {
        boolean slower = verdict == Verdict.MODEL_OPTIMISTIC;
        ScenarioResult.Row p50 = rows.get("p50");
        boolean tailOnly = p50.judged() && p50.withinTolerance();
        double total = prediction.analyticMillis();
        double handshake = share(Predictions.phaseMillis(prediction, "dns", "tcp_handshake", "tls_handshake"), total);
        double transfer = share(Predictions.phaseMillis(prediction, "transfer", "loss_recovery"), total);
        double server = share(Predictions.phaseMillis(prediction, "server", "queueing"), total);
        double rtts = p50.errorRtts();
        long wholeRtts = Math.round(Math.abs(rtts));
        boolean wholeRoundTrips = !Double.isNaN(rtts) && wholeRtts >= 1 && Math.abs(Math.abs(rtts) - wholeRtts) <= 0.2;

        Words words = slower ? SLOWER : FASTER;
        if (tailOnly) {
            return words.tailOnly();
        }
        if (handshake >= DOMINANT_SHARE) {
            return words.handshake() + (wholeRoundTrips ? " (" + roundTrips(wholeRtts, words.moreOrFewer()) + ")" : "")
                    + ": " + words.handshakeHint();
        }
        if (wholeRoundTrips) {
            return roundTrips(wholeRtts, words.moreOrFewer()) + " than modelled: " + words.wholeRoundTripsHint();
        }
        if (transfer >= DOMINANT_SHARE) {
            return words.transfer();
        }
        if (server >= DOMINANT_SHARE && words.server() != null) {
            return words.server();
        }
        return words.otherwise();
    }

    private static String roundTrips(long n, String moreOrFewer) {
        return String.format(Locale.ROOT, "≈ %d round trip%s %s", n, n == 1 ? "" : "s", moreOrFewer);
    }

    private static double share(double part, double total) {
        return total > 0 ? part / total : 0;
    }
}
