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

        if (slower) {
            if (tailOnly) {
                return "body agrees, tail heavier than modelled: jitter/loss emulation, GC pauses or load-generator queueing";
            }
            if (handshake >= DOMINANT_SHARE) {
                return "connect/TLS slower than modelled" + (wholeRoundTrips ? " (" + roundTrips(wholeRtts, "more") + ")" : "")
                        + ": check handshake emulation";
            }
            if (wholeRoundTrips) {
                return String.format(Locale.ROOT, "≈ %d round trip%s more than modelled: a round trip the model does not count",
                        wholeRtts, wholeRtts == 1 ? "" : "s");
            }
            if (transfer >= DOMINANT_SHARE) {
                return "transfer slower than modelled: check bandwidth, initial window and slow-start emulation";
            }
            if (server >= DOMINANT_SHARE) {
                return "server/queueing time longer than modelled: origin or load generator saturated?";
            }
            return "slower than modelled across the distribution: check the proxy's added delay and the load generator";
        }
        if (tailOnly) {
            return "body agrees, tail lighter than modelled: jitter/loss milder than the profile says";
        }
        if (handshake >= DOMINANT_SHARE) {
            return "fewer handshake round trips than modelled" + (wholeRoundTrips ? " (" + roundTrips(wholeRtts, "fewer") + ")" : "")
                    + ": connection reuse or TLS resumption in a fresh-connection scenario?";
        }
        if (wholeRoundTrips) {
            return String.format(Locale.ROOT, "≈ %d round trip%s fewer than modelled: the model counts a round trip that did not happen",
                    wholeRtts, wholeRtts == 1 ? "" : "s");
        }
        if (transfer >= DOMINANT_SHARE) {
            return "transfer faster than modelled: larger initial window or no slow-start restart after idle?";
        }
        return "faster than modelled: check that the proxy applies the profile's delays";
    }

    private static String roundTrips(long n, String moreOrFewer) {
        return String.format(Locale.ROOT, "≈ %d round trip%s %s", n, n == 1 ? "" : "s", moreOrFewer);
    }

    private static double share(double part, double total) {
        return total > 0 ? part / total : 0;
    }
}
