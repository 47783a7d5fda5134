package io.roundtrip.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER: owned by the reports work; replaced with the real subcommand. */
@Command(name = "capacity", mixinStandardHelpOptions = true, description = "Capacity planning: USL fit, Little's law, Erlang C pool sizing.")
final class CapacityCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("capacity: not built yet");
    }
}
