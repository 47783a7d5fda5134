package io.roundtrip.proxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** toxiproxy's small toxics: slow_close, timeout, reset_peer, slicer, limit_data. */
final class SimpleToxics {

    private SimpleToxics() {}

    /** {@code slow_close}: delays the close (FIN, close or reset) by {@code delay} ms. */
    static Toxic slowClose(Attributes a) {
        double delayMillis = a.toxiproxyMillis("delay", 0);
        long delay = Attributes.nonNegativeNanos(delayMillis);
        Map<String, Object> attrs = new AttributeMap().number("delay", delayMillis).build();
        return new Basic("slow_close", attrs, ctx -> (segments, c) -> {
            for (Segment s : segments) {
                if (!s.isData()) {
                    s.delayBy(delay);
                }
            }
        });
    }

    /**
     * {@code timeout}: no data passes; after {@code timeout} ms (from when the toxic reached the connection) the
     * connection is closed. With 0 it stays open and data is dropped until the toxic is removed.
     */
    static Toxic timeout(Attributes a) {
        double timeoutMillis = a.toxiproxyMillis("timeout", 0);
        long timeout = Attributes.nonNegativeNanos(timeoutMillis);
        return new Basic("timeout", new AttributeMap().number("timeout", timeoutMillis).build(), ctx -> {
            ScheduledFuture<?> timer = timeout > 0 ? ctx.schedule(ctx::closeConnection, timeout, TimeUnit.NANOSECONDS)
                    : null;
            return new Stage() {
                @Override
                public void apply(List<Segment> segments, StageContext c) {
                    for (Iterator<Segment> it = segments.iterator(); it.hasNext();) {
                        Segment s = it.next();
                        if (s.isData()) {
                            s.discard();
                            it.remove();
                        }
                    }
                }

                @Override
                public void close() {
                    if (timer != null) {
                        timer.cancel(false);
                    }
                }
            };
        });
    }

    /** {@code reset_peer}: resets the connection (RST) {@code timeout} ms after the toxic reached it. */
    static Toxic resetPeer(Attributes a) {
        double timeoutMillis = a.toxiproxyMillis("timeout", 0);
        long timeout = Attributes.nonNegativeNanos(timeoutMillis);
        return new Basic("reset_peer", new AttributeMap().number("timeout", timeoutMillis).build(), ctx -> {
            ScheduledFuture<?> timer = ctx.schedule(ctx::resetConnection, timeout, TimeUnit.NANOSECONDS);
            return new Stage() {
                @Override
                public void apply(List<Segment> segments, StageContext c) {}

                @Override
                public void close() {
                    timer.cancel(false);
                }
            };
        });
    }

    /**
     * {@code slicer}: slices data into pieces of {@code average_size} ± {@code size_variation} bytes,
     * {@code delay} microseconds apart. As toxiproxy, a variation at or above the average is accepted (its doc says
     * "should be smaller", its code does not refuse it) and answered as given; it is used clamped to
     * {@code average_size - 1}, so every piece has at least one byte (toxiproxy can panic there, #541). An average of
     * 0 is refused: toxiproxy's slicer never ends on it.
     */
    static Toxic slicer(Attributes a) {
        long average = a.nonNegativeLong("average_size", 0);
        long variationGiven = a.nonNegativeLong("size_variation", 0);
        long delayMicros = a.toxiproxyMicros("delay", 0);
        if (average == 0) {
            throw new IllegalArgumentException("slicer.average_size must be > 0");
        }
        long variation = Math.min(variationGiven, average - 1);
        Map<String, Object> attrs = new AttributeMap().value("average_size", average)
                .value("size_variation", variationGiven).value("delay", delayMicros).build();
        long delay = Math.max(0, delayMicros) * 1000;
        return new Basic("slicer", attrs, ctx -> (segments, c) -> {
            List<Segment> out = new ArrayList<>(segments.size() * 2);
            for (Segment s : segments) {
                if (!s.isData()) {
                    out.add(s);
                    continue;
                }
                long offset = 0;
                while (s.sizeBytes() > 0) {
                    long size = average + (variation == 0 ? 0 : c.random().nextLong(-variation, variation + 1));
                    if (size >= s.sizeBytes()) {
                        s.delayBy(offset);
                        out.add(s);
                        break;
                    }
                    Segment piece = s.splitFront((int) size);
                    piece.delayBy(offset);
                    out.add(piece);
                    offset = Segment.plus(offset, delay);
                }
            }
            segments.clear();
            segments.addAll(out);
        });
    }

    /**
     * {@code limit_data}: closes the connection once {@code bytes} bytes have passed; a negative limit (answered as
     * given) closes it at once, as 0 does, as in toxiproxy.
     */
    static Toxic limitData(Attributes a) {
        long given = Math.round(a.number("bytes", 0));
        long limit = Math.max(0, given);
        return new Basic("limit_data", Map.of("bytes", given), ctx -> new Stage() {
            private long passed;
            private boolean closed;

            @Override
            public void apply(List<Segment> segments, StageContext c) {
                for (int i = 0; i < segments.size(); i++) {
                    Segment s = segments.get(i);
                    if (closed) {
                        s.discard();
                        segments.remove(i--);
                        continue;
                    }
                    if (!s.isData()) {
                        continue;
                    }
                    long room = limit - passed;
                    if (s.sizeBytes() >= room) {
                        ByteBuf data = s.data;
                        data.writerIndex(data.readerIndex() + (int) room);
                        passed = limit;
                        closed = true;
                        Segment close = Segment.marker(Segment.Kind.CLOSE, s.arrivalNanos);
                        close.releaseNanos = s.releaseNanos;
                        segments.add(i + 1, close);
                        i++;
                    } else {
                        passed += s.sizeBytes();
                    }
                }
            }
        });
    }

    /** A toxic made of a type name, its attributes and a stage factory. */
    static final class Basic implements Toxic {
        private final String type;
        private final Map<String, Object> attributes;
        private final java.util.function.Function<StageContext, Stage> stages;

        Basic(String type, Map<String, Object> attributes, java.util.function.Function<StageContext, Stage> stages) {
            this.type = type;
            this.attributes = attributes;
            this.stages = stages;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Map<String, Object> attributes() {
            return attributes;
        }

        @Override
        public Stage newStage(StageContext ctx) {
            return stages.apply(ctx);
        }
    }
}
