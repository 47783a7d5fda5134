package io.roundtrip.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER: owned by the proxy work; replaced with the real subcommand. */
@Command(name = "proxy", mixinStandardHelpOptions = true, description = "Run the latency-injecting proxy.")
final class ProxyCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("proxy: not built yet");
    }
}
