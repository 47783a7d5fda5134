package io.roundtrip.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER: owned by the reports work; replaced with the real subcommand. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Rebuild the comparison and capacity report from one or more run folders.")
final class ReportCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("report: not built yet");
    }
}
