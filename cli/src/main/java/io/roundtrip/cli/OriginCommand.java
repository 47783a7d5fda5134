package io.roundtrip.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER: owned by the origin work; replaced with the real subcommand. */
@Command(name = "origin", mixinStandardHelpOptions = true, description = "Run the embedded HTTP/1.1 + HTTP/2 origin.")
final class OriginCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("origin: not built yet");
    }
}
