package io.roundtrip.proxy.toxic;

import io.roundtrip.model.RetransmissionTimeout;
import io.roundtrip.model.tcp.LossRecovery;
import io.roundtrip.model.tcp.SenderWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * roundtrip's {@code loss}: each MSS-sized segment is lost with a probability ({@code model}: {@code bernoulli} with
 * {@code rate}, or {@code gilbert_elliott} with {@code p}, {@code r}, {@code h}, {@code k}). A lost segment and every
 * later byte of the stream (TCP's head-of-line blocking) wait for its retransmission, sent when the model's
 * {@link LossRecovery} detects the loss from the segments behind it in the same burst: one {@code rtt} with three
 * or more (SACK's duplicate threshold), {@code 1.25 rtt} with one or two (RACK), else the tail loss probe
 * ({@code 2 rtt + 2 ms}, {@code + 200 ms} for a lone segment) or the RTO if sooner, {@code rtt + max(4 rttvar,
 * min_rto)} ({@link RetransmissionTimeout}). A retransmission is drawn from the same per-connection loss process
 * and may be lost again: each re-loss waits the RTO, doubling, at most {@link #MAX_BACKOFFS} times (so 100% loss
 * stalls at most 127 RTO, never forever) — the rule of the model's Monte Carlo. The congestion window of a
 * {@code slow_start} stage ahead of it is reduced once for the flight (to 1 segment after a timeout). Attributes in
 * ms: {@code rtt}, {@code rttvar} (0), {@code min_rto} (200); {@code mss}.
 */
public final class LossToxic implements Toxic {

    /**
     * How many times a retransmission may be lost again (each doubling the back-off) before it is taken as
     * delivered: six, a bound of the order of Linux's retry limits; it keeps 100% loss finite.
     */
    public static final int MAX_BACKOFFS = LossRecovery.MAX_BACKOFFS;

    private final Map<String, Object> attributes;
    private final Function<SplittableRandom, LossDecider> deciders;
    private final long rttNanos;
    private final long rttvarNanos;
    private final long minRtoNanos;
    private final int mss;

    public LossToxic(Map<String, Object> attributes, Function<SplittableRandom, LossDecider> deciders, long rttNanos,
            long rttvarNanos, long minRtoNanos, int mss) {
        this.attributes = attributes;
        this.deciders = deciders;
        this.rttNanos = rttNanos;
        this.rttvarNanos = rttvarNanos;
        this.minRtoNanos = minRtoNanos;
        this.mss = mss;
    }

    static LossToxic from(Attributes a) {
        String model = a.string("model", "bernoulli").toLowerCase(Locale.ROOT);
        AttributeMap attrs = new AttributeMap().value("model", model);
        Function<SplittableRandom, LossDecider> deciders;
        switch (model) {
            case "bernoulli": {
                double rate = a.fraction("rate", 0);
                attrs.value("rate", rate);
                deciders = random -> LossDecider.bernoulli(rate);
                break;
            }
            case "gilbert_elliott": {
                double p = a.fraction("p", 0);
                double r = a.fraction("r", 1);
                double h = a.fraction("h", 1);
                double k = a.fraction("k", 0);
                attrs.value("p", p).value("r", r).value("h", h).value("k", k);
                deciders = random -> LossDecider.gilbertElliott(p, r, h, k);
                break;
            }
            default:
                throw new IllegalArgumentException(
                        "loss.model: expected bernoulli or gilbert_elliott, got '" + model + "'");
        }
        double rtt = a.durationMillis("rtt", 0);
        double rttvar = a.durationMillis("rttvar", 0);
        double minRto = a.durationMillis("min_rto", 200);
        int mss = a.positiveInt("mss", 1460);
        attrs.number("rtt", rtt).number("rttvar", rttvar).number("min_rto", minRto).value("mss", mss);
        return new LossToxic(attrs.build(), deciders, Attributes.millisToNanos(rtt), Attributes.millisToNanos(rttvar),
                Attributes.millisToNanos(minRto), mss);
    }

    @Override
    public String type() {
        return "loss";
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public Stage newStage(StageContext ctx) {
        LossDecider decider = deciders.apply(ctx.random());
        RetransmissionTimeout rto = new RetransmissionTimeout(rttNanos, rttvarNanos, minRtoNanos);
        return (segments, c) -> stall(segments, c, decider, rto);
    }

    private void stall(List<Segment> segments, StageContext c, LossDecider decider, RetransmissionTimeout rto) {
        Segments.splitEvery(segments, mss);
        int burst = Segments.dataSegmentsAfter(segments, -1);
        // The burst's segments meet the loss process first, their retransmissions after them (later on the link:
        // with bursty loss a retransmission drawn right after its loss would share the burst), as in the model.
        List<Integer> lost = null; // allocated on the first loss only: this runs for every read
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).isData() && decider.lost(c.random())) {
                if (lost == null) {
                    lost = new ArrayList<>();
                }
                lost.add(i);
            }
        }
        if (lost == null) {
            return;
        }
        boolean timedOut = false;
        for (int i : lost) {
            // The stream's next bytes are not known yet: a loss with nothing behind it is a tail loss.
            LossRecovery.Retransmission retransmission = LossRecovery.retransmission(
                    Segments.dataSegmentsAfter(segments, i), false, burst, rto.srttNanos(), rto.srttNanos(),
                    rto.rtoNanos());
            long stall = Math.round(retransmission.afterNanos());
            long backoff = retransmission.timeout() ? Segment.plus(rto.rtoNanos(), rto.rtoNanos()) : rto.rtoNanos();
            for (int again = 0; again < MAX_BACKOFFS && decider.lost(c.random()); again++) {
                stall = Segment.plus(stall, backoff);
                backoff = Segment.plus(backoff, backoff);
                timedOut = true;
            }
            timedOut |= retransmission.timeout();
            segments.get(i).delayBy(stall);
            c.countStall();
            // every later segment leaves after the retransmission: the chain's ordering rule does that
        }
        CongestionWindow window = c.congestionWindow();
        if (window != null) {
            if (timedOut) {
                window.onTimeout();
            } else {
                int first = lost.get(0);
                window.onLoss(SenderWindow.deliveredBeforeDetection(burst - Segments.dataSegmentsAfter(segments, first)
                        - 1, burst));
            }
        }
    }
}
