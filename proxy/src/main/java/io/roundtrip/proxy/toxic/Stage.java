package io.roundtrip.proxy.toxic;

import java.util.List;

/**
 * The per-connection, per-direction state of one toxic: it sees the segments of each read in order and moves their
 * release times later, splits or drops them. Runs on the connection's event loop only: no locks.
 */
public interface Stage {

    /** A stage that does nothing (a toxic that lost its toxicity draw for this connection). */
    Stage IDENTITY = (segments, ctx) -> { };

    void apply(List<Segment> segments, StageContext ctx);

    /** Cancels timers; called when the toxic is removed or the connection closes. */
    default void close() {}
}
