package io.roundtrip.proxy.toxic;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages of one direction of one connection, in the order their toxics were added. Updating the chain keeps
 * the state of toxics that did not change (same spec), creates fresh state for new or changed ones (drawing their
 * toxicity for this connection) and closes the removed ones: open connections follow toxic changes without being
 * dropped. Event-loop confined.
 */
public final class ToxicChain {

    private static final class Entry {
        final ToxicSpec spec;
        final Stage stage;

        Entry(ToxicSpec spec, Stage stage) {
            this.spec = spec;
            this.stage = stage;
        }
    }

    private List<Entry> entries = List.of();
    private long rateBytesPerSecond;
    private long delayNanos;

    /** Replaces the chain with the toxics of {@code specs} that apply to {@code ctx.stream()}. */
    public void update(List<ToxicSpec> specs, StageContext ctx) {
        List<Entry> next = new ArrayList<>(specs.size());
        List<Entry> old = entries;
        long rate = 0;
        long delay = 0;
        for (ToxicSpec spec : specs) {
            if (spec.stream() != ctx.stream()) {
                continue;
            }
            Entry kept = null;
            for (Entry e : old) {
                if (e.spec == spec) {
                    kept = e;
                    break;
                }
            }
            if (kept == null) {
                boolean active = spec.toxicity() >= 1 || ctx.random().nextDouble() < spec.toxicity();
                kept = new Entry(spec, active ? spec.toxic().newStage(ctx) : Stage.IDENTITY);
            }
            next.add(kept);
            if (kept.stage != Stage.IDENTITY) {
                long r = spec.toxic().rateBytesPerSecond();
                if (r > 0) {
                    rate = rate == 0 ? r : Math.min(rate, r);
                }
                delay = Segment.plus(delay, spec.toxic().delayNanos());
            }
        }
        for (Entry e : old) {
            if (!next.contains(e)) {
                e.stage.close();
            }
        }
        entries = next;
        rateBytesPerSecond = rate;
        delayNanos = delay;
    }

    public void apply(List<Segment> segments, StageContext ctx) {
        List<Entry> current = entries;
        for (int i = 0; i < current.size(); i++) {
            current.get(i).stage.apply(segments, ctx);
            if (segments.isEmpty()) {
                return;
            }
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The tightest rate of the active stages, bytes per second, or 0 if none limits it. */
    public long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    /** The sum of the active stages' fixed delays. */
    public long delayNanos() {
        return delayNanos;
    }

    public void close() {
        for (Entry e : entries) {
            e.stage.close();
        }
        entries = List.of();
    }
}
