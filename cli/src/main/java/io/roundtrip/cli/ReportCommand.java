package io.roundtrip.cli;

import io.roundtrip.results.MalformedLogException;
import io.roundtrip.results.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code harness report DIR... [--out DIR]}: rebuilds the comparison and capacity report from one or more run folders
 * (several load generators merge losslessly) and prints the path of {@code report.html}.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the comparison and capacity report from one or more run folders and print the path of report.html.",
            "Run folders of the same profile and scenarios (several load generators) merge losslessly into one report.",
            "Output: report.html (self-contained), summary.json, one CSV per table, the merged .hlog per scenario."
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run folders (each holds run.json and the scenarios' .hlog files).")
    List<Path> runFolders;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (replaced if it holds an earlier report). Default: DIR/report for one run folder,"
                    + " ./report for several.")
    Path out;

    @Override
    public Integer call() {
        Path output = out != null ? out
                : runFolders.size() == 1 ? runFolders.get(0).resolve(RunReport.DEFAULT_FOLDER) : Path.of(RunReport.DEFAULT_FOLDER);
        Path html;
        try {
            html = RunReport.write(runFolders, output);
        } catch (MalformedLogException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // a broken log is bad input: exit 2
        }
        spec.commandLine().getOut().println(html);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
