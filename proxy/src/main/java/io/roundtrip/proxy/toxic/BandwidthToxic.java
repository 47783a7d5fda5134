package io.roundtrip.proxy.toxic;

import java.util.List;
import java.util.Map;

/**
 * toxiproxy's {@code bandwidth}: {@code rate} in KB/s (KB = 1000 bytes, as toxiproxy). roundtrip extras:
 * {@code rate_bps} (bits per second, overrides rate), {@code shared} (one bucket for every connection of the
 * proxy instead of one per connection) and {@code burst} (bytes).
 */
public final class BandwidthToxic implements Toxic {

    private final double rateKilobytesPerSecond;
    private final long rateBytesPerSecond;
    private final boolean shared;
    private final long burstBytes;
    private final TokenBucket sharedBucket;
    private final int pieceBytes;

    public BandwidthToxic(long rateBytesPerSecond, boolean shared, long burstBytes) {
        if (rateBytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth.rate must be > 0");
        }
        this.rateBytesPerSecond = rateBytesPerSecond;
        this.rateKilobytesPerSecond = rateBytesPerSecond / 1000d;
        this.shared = shared;
        this.burstBytes = burstBytes;
        this.sharedBucket = shared ? new TokenBucket(rateBytesPerSecond, burstBytes) : null;
        // pieces of about a millisecond of link time, at least one MSS: smooth without a timer per byte
        this.pieceBytes = (int) Math.min(1 << 20, Math.max(1460, rateBytesPerSecond / 1000));
    }

    static BandwidthToxic from(Attributes a) {
        double bps = a.nonNegative("rate_bps", 0);
        long rate = bps > 0 ? Math.round(bps / 8) : Math.round(a.nonNegative("rate", 0) * 1000);
        if (rate <= 0) {
            throw new IllegalArgumentException("bandwidth.rate must be > 0 KB/s");
        }
        return new BandwidthToxic(rate, a.bool("shared", false), a.nonNegativeLong("burst", 0));
    }

    @Override
    public String type() {
        return "bandwidth";
    }

    @Override
    public Map<String, Object> attributes() {
        return new AttributeMap().number("rate", rateKilobytesPerSecond).valueIf(shared, "shared", true)
                .valueIf(burstBytes > 0, "burst", burstBytes).build();
    }

    @Override
    public long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    @Override
    public Stage newStage(StageContext ctx) {
        TokenBucket bucket = shared ? sharedBucket : new TokenBucket(rateBytesPerSecond, burstBytes);
        return (segments, c) -> pace(segments, bucket, pieceBytes);
    }

    static void pace(List<Segment> segments, TokenBucket bucket, int pieceBytes) {
        Segments.splitEvery(segments, pieceBytes);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.isData()) {
                s.releaseNanos = bucket.reserve(s.releaseNanos, s.sizeBytes());
            }
        }
    }
}
