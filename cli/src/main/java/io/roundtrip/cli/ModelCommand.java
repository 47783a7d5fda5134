package io.roundtrip.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER: owned by the model work; replaced with the real subcommand. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Predict a request's latency, phase by phase.")
final class ModelCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("model: not built yet");
    }
}
