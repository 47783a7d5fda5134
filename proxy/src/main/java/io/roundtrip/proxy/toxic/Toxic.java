package io.roundtrip.proxy.toxic;

import java.util.Map;

/**
 * A toxic's configuration: immutable, shared by every connection of a proxy. Per-connection state lives in the
 * {@link Stage} it creates, never in the toxic.
 */
public interface Toxic {

    /** toxiproxy's type name, e.g. {@code latency}. */
    String type();

    /** The attributes in toxiproxy's JSON shape. */
    Map<String, Object> attributes();

    /** Creates this toxic's state for one direction of one connection. */
    Stage newStage(StageContext ctx);

    /** The rate this toxic limits the stream to, in bytes per second, or 0 if it does not. */
    default long rateBytesPerSecond() {
        return 0;
    }

    /** The delay this toxic adds to every byte (its mean), for sizing the queue bound. */
    default long delayNanos() {
        return 0;
    }
}
