package io.roundtrip.gatling;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The first bad value met while a simulation is built, held for its {@code before()} to stop the run with (one
 * {@code roundtrip: ...} line, exit {@value RunStart#BAD_INPUT}): Gatling builds a simulation before it runs it, and
 * nothing exits while it does. Shared by {@link RoundtripSimulation} and {@link Roundtrip}.
 */
final class HeldBadInput {

    private Optional<String> reason = Optional.empty();

    /**
     * What {@code read} gives; when it is bad ({@link IllegalArgumentException}), its one-line reason is held and
     * {@code standIn}'s value returned, so that the simulation can still be built (it never runs).
     */
    <T> T read(Supplier<T> read, Supplier<T> standIn) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            if (reason.isEmpty()) {
                reason = Optional.of(e.getMessage());
            }
            return standIn.get();
        }
    }

    /** Stops the run with the held reason, if one was held. */
    void exitIfHeld() {
        reason.ifPresent(RunStart::exit);
    }
}
