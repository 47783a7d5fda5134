package io.roundtrip.proxy.toxic;

import io.netty.buffer.ByteBuf;

/**
 * One piece of a direction's stream on its way through the toxic chain: bytes (or an end-of-stream marker), the
 * time they arrived at the proxy and the time they may leave it. Stages only ever move {@link #releaseNanos} later,
 * split data segments, or drop them.
 */
public final class Segment {

    /** What the segment carries. */
    public enum Kind {
        /** bytes to forward */
        DATA,
        /** the source half-closed: shut the sink's output down once everything before has been written */
        FIN,
        /** close the connection gracefully (both sides) once everything before has been written */
        CLOSE,
        /** the source reset: reset the sink (SO_LINGER 0) */
        RST
    }

    public final Kind kind;
    /** the bytes, for {@link Kind#DATA}; null otherwise. Owned by the segment until written or released. */
    public ByteBuf data;
    public final long arrivalNanos;
    public long releaseNanos;

    private Segment(Kind kind, ByteBuf data, long arrivalNanos, long releaseNanos) {
        this.kind = kind;
        this.data = data;
        this.arrivalNanos = arrivalNanos;
        this.releaseNanos = releaseNanos;
    }

    public static Segment data(ByteBuf data, long arrivalNanos) {
        return new Segment(Kind.DATA, data, arrivalNanos, arrivalNanos);
    }

    public static Segment marker(Kind kind, long arrivalNanos) {
        return new Segment(kind, null, arrivalNanos, arrivalNanos);
    }

    /** Moves the release time by {@code nanos} (negative: earlier), saturating instead of wrapping around. */
    public void delayBy(long nanos) {
        releaseNanos = plus(releaseNanos, nanos);
    }

    /** {@code a + b}, saturated at {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}: a huge delay never wraps into the past. */
    public static long plus(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    public boolean isData() {
        return kind == Kind.DATA;
    }

    public int sizeBytes() {
        return data == null ? 0 : data.readableBytes();
    }

    /**
     * Splits the first {@code bytes} off this data segment into a new segment with the same times; this one keeps
     * the rest.
     */
    public Segment splitFront(int bytes) {
        Segment front = new Segment(Kind.DATA, data.readRetainedSlice(bytes), arrivalNanos, releaseNanos);
        return front;
    }

    /** Releases the bytes this segment holds, if any. */
    public void discard() {
        if (data != null) {
            data.release();
            data = null;
        }
    }

    @Override
    public String toString() {
        return kind + (data != null ? "(" + data.readableBytes() + "B)" : "") + "@" + releaseNanos;
    }
}
