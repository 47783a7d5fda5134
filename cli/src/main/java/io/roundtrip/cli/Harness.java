package io.roundtrip.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/harness}: the roundtrip command line. Each subcommand is its own class; this one only wires them
 * and the error policy (one line and a non-zero exit, never a stack trace).
 */
@Command(
        name = "harness",
        mixinStandardHelpOptions = true,
        versionProvider = HarnessVersion.class,
        description = "roundtrip: emulate a network path, drive HTTP through it, predict and report the latency.",
        subcommands = {OriginCommand.class, ProxyCommand.class, PathCommand.class, ModelCommand.class, ReportCommand.class,
                CapacityCommand.class, CommandLine.HelpCommand.class})
public final class Harness implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Builds the command line with roundtrip's converters and error handlers; tests drive this directly. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Harness());
        HumanUnitConverters.registerOn(cli);
        cli.setParameterExceptionHandler(new OneLineErrors());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }
}
