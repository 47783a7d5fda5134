package io.roundtrip.proxy.toxic;

import io.roundtrip.model.tcp.SenderWindow;
import java.util.Locale;
import java.util.Map;

/**
 * roundtrip's {@code slow_start}: data leaves in flights of the congestion window ({@link CongestionWindow}).
 * Attributes: {@code rtt} (ms), {@code mss} (1460), {@code initcwnd} (10 segments), {@code ssthresh} (bytes, 0 =
 * none), {@code rate} (KB/s, caps the window at the bandwidth-delay product; 0 = none), {@code idle_restart}
 * (true: restart after an idle longer than the RTO), {@code rto} (ms; default max(200, rtt)), {@code gamma}
 * (growth per round trip, 2; about 1.5 with delayed ACKs), {@code congestion} ({@code cubic}, Linux's default, or
 * {@code reno}).
 */
public final class SlowStartToxic implements Toxic {

    private final double rttMillis;
    private final int mss;
    private final int initcwnd;
    private final long ssthresh;
    private final double rateKilobytesPerSecond;
    private final boolean idleRestart;
    private final double rtoMillis;
    private final double gamma;
    private final SenderWindow.Algorithm congestion;

    public SlowStartToxic(double rttMillis, int mss, int initcwnd, long ssthresh, double rateKilobytesPerSecond,
            boolean idleRestart, double rtoMillis) {
        this(rttMillis, mss, initcwnd, ssthresh, rateKilobytesPerSecond, idleRestart, rtoMillis, 2.0,
                SenderWindow.Algorithm.CUBIC);
    }

    public SlowStartToxic(double rttMillis, int mss, int initcwnd, long ssthresh, double rateKilobytesPerSecond,
            boolean idleRestart, double rtoMillis, double gamma, SenderWindow.Algorithm congestion) {
        this.congestion = congestion;
        if (!(gamma > 1 && gamma <= 2)) {
            throw new IllegalArgumentException("slow_start.gamma must be in (1, 2], got " + gamma);
        }
        this.gamma = gamma;
        this.rttMillis = Attributes.checkDurationMillis("slow_start.rtt", rttMillis);
        Attributes.checkDurationMillis("slow_start.rto", rtoMillis);
        this.mss = mss;
        this.initcwnd = initcwnd;
        this.ssthresh = ssthresh;
        this.rateKilobytesPerSecond = rateKilobytesPerSecond;
        this.idleRestart = idleRestart;
        this.rtoMillis = rtoMillis > 0 ? rtoMillis : Math.max(200, rttMillis);
    }

    static SlowStartToxic from(Attributes a) {
        return new SlowStartToxic(a.durationMillis("rtt", 0), a.positiveInt("mss", 1460), a.positiveInt("initcwnd", 10),
                a.nonNegativeLong("ssthresh", 0), a.nonNegative("rate", 0), a.bool("idle_restart", true),
                a.durationMillis("rto", 0), a.number("gamma", 2.0), congestion(a.string("congestion", "cubic")));
    }

    private static SenderWindow.Algorithm congestion(String text) {
        try {
            return SenderWindow.Algorithm.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("slow_start.congestion: expected cubic or reno, got '" + text + "'");
        }
    }

    @Override
    public String type() {
        return "slow_start";
    }

    @Override
    public Map<String, Object> attributes() {
        return new AttributeMap().number("rtt", rttMillis).value("mss", mss).value("initcwnd", initcwnd)
                .value("ssthresh", ssthresh).number("rate", rateKilobytesPerSecond).value("idle_restart", idleRestart)
                .number("rto", rtoMillis).number("gamma", gamma)
                .value("congestion", congestion.name().toLowerCase(Locale.ROOT)).build();
    }

    @Override
    public Stage newStage(StageContext ctx) {
        long rttNanos = Attributes.millisToNanos(rttMillis);
        long cap = rateKilobytesPerSecond > 0 ? Math.round(rateKilobytesPerSecond * 1000 * rttMillis / 1000) : 0;
        CongestionWindow window = new CongestionWindow(mss, initcwnd, ssthresh, cap, rttNanos,
                idleRestart ? Attributes.millisToNanos(rtoMillis) : 0, gamma, congestion);
        ctx.registerCongestionWindow(window);
        return (segments, c) -> {
            Segments.splitEvery(segments, mss);
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                if (s.isData()) {
                    s.releaseNanos = window.send(s.releaseNanos, s.sizeBytes());
                }
            }
        };
    }
}
