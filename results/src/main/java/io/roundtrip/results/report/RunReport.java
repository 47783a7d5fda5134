package io.roundtrip.results.report;

import io.roundtrip.results.MalformedLogException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report builder's entry point: from one or many run folders to an output folder holding {@value #HTML}
 * (self-contained), {@value #SUMMARY}, one CSV per table and the merged {@code .hlog} of every scenario.
 *
 * <p>All or nothing: every input is read and every number and chart computed before anything is written; the output
 * is then written into a hidden sibling folder and moved into place, so a failure never leaves a partial report.
 * Run folders of the same profile and scenario names merge losslessly (several load generators, one report).
 */
public final class RunReport {

    public static final String HTML = "report.html";
    public static final String SUMMARY = "summary.json";
    /** The folder {@link #write(Path)} writes into, inside the run folder. */
    public static final String DEFAULT_FOLDER = "report";

    private RunReport() {}

    /** Writes the report of one run folder into {@code runFolder/report}; returns the path of {@value #HTML}. */
    public static Path write(Path runFolder) {
        return write(List.of(runFolder), runFolder.resolve(DEFAULT_FOLDER));
    }

    /**
     * Reads {@code runFolders}, merges them and writes the report into {@code outputFolder} (replacing an earlier
     * report there).
     *
     * @return the path of {@code outputFolder/report.html}
     * @throws IllegalArgumentException (one-line message) when a folder is not a run folder, {@code run.json} is
     *     missing or malformed, a listed {@code .hlog} is missing, or {@code capacity-sweep.csv} is unusable (fewer
     *     than 6 points); nothing is written then
     * @throws MalformedLogException (one-line message) when a latency log is empty or truncated; nothing is written
     */
    public static Path write(List<Path> runFolders, Path outputFolder) {
        if (runFolders == null || runFolders.isEmpty()) {
            throw new IllegalArgumentException("no run folders given");
        }
        Path target = outputFolder.toAbsolutePath().normalize();
        Set<Path> seen = new HashSet<>();
        for (Path folder : runFolders) {
            Path run = folder.toAbsolutePath().normalize();
            if (!seen.add(run)) {
                throw new IllegalArgumentException("run folder given twice: " + folder);
            }
            if (run.startsWith(target)) {
                throw new IllegalArgumentException("output folder " + outputFolder + " would replace run folder " + folder);
            }
        }
        List<RunFolder> runs = runFolders.stream().map(RunFolder::read).toList();
        requireOneRunOfGenerators(runs);
        Report report = Report.of(runs);
        List<Table> tables = ReportTables.all(report);
        Map<String, String> charts = charts(report);
        Map<String, String> logNames = logNames(report);
        List<Finding> findings = Findings.of(report);
        String html = HtmlReport.render(report, tables, charts, findings);
        String summary = SummaryJson.render(report, logNames, findings);

        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            if (Files.exists(target) && !isReplaceable(target)) {
                throw new IllegalArgumentException("output folder " + outputFolder
                        + " exists and is not a roundtrip report: refusing to replace it");
            }
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
            try {
                Files.writeString(staging.resolve(HTML), html, StandardCharsets.UTF_8);
                Files.writeString(staging.resolve(SUMMARY), summary, StandardCharsets.UTF_8);
                for (Table table : tables) {
                    Files.writeString(staging.resolve(table.slug() + ".csv"), table.csv(), StandardCharsets.UTF_8);
                }
                for (ScenarioResult r : report.results()) {
                    MergedLogs.write(staging.resolve(logNames.get(r.profile().key() + "\u0000" + r.name())),
                            r.latencies(), "runs " + String.join(", ", r.runIds()));
                }
                replace(staging, target);
            } catch (IOException | RuntimeException e) {
                deleteRecursively(staging);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outputFolder + ": " + e.getMessage(), e);
        }
        return target.resolve(HTML);
    }

    /** Chart id → PNG data URI; the first is the one beside the findings. */
    static Map<String, String> charts(Report report) {
        Map<String, String> charts = new LinkedHashMap<>();
        boolean severalProfiles = report.profiles().size() > 1;
        charts.put("measured-vs-predicted", Charts.measuredVsPredicted(report.results(), severalProfiles));
        for (RunManifest.Profile profile : report.profiles()) {
            String title = "Percentile distribution: " + profile.name()
                    + (Double.isNaN(profile.rttMillis()) ? "" : " (RTT " + HtmlReport.millis(profile.rttMillis()).replaceAll("\\.?0+$", "") + " ms)");
            // One chart per family (a workload's strategies), then one for the profile's other scenarios.
            List<ScenarioResult> all = report.resultsOf(profile);
            Set<ScenarioResult> charted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Workloads.Workload family : report.workloads()) {
                if (!family.profile().key().equals(profile.key())) {
                    continue;
                }
                Set<ScenarioResult> members = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                family.ranking().forEach(e -> members.add(e.result()));
                charted.addAll(members);
                charts.put("percentiles-" + slug(profile.name() + "-" + family.words(), charts.keySet(), "percentiles-"),
                        Charts.percentileDistribution(title + ", " + family.words(),
                                all.stream().filter(members::contains).toList()));
            }
            List<ScenarioResult> rest = all.stream().filter(r -> !charted.contains(r)).toList();
            if (!rest.isEmpty()) {
                charts.put("percentiles-" + slug(profile.name(), charts.keySet(), "percentiles-"),
                        Charts.percentileDistribution(title + (charted.isEmpty() ? "" : ", other scenarios"), rest));
            }
        }
        report.pairs().forEach((dimension, pairs) -> {
            if (!pairs.isEmpty()) {
                charts.put("protocol-" + dimension.slug, Charts.protocolPairs(dimension, pairs, severalProfiles));
            }
        });
        if (report.spansRtts()) {
            charts.put("latency-vs-rtt", Charts.latencyVsRtt(report.results(), "p50"));
        }
        for (int w = 0; w < report.strategyWhatIf().size(); w++) {
            charts.put("what-if-" + (w + 1), Charts.strategiesVsRtt(report.strategyWhatIf().get(w)));
        }
        for (Report.SweepFit fit : report.sweeps()) {
            charts.put("usl-" + slug(fit.runId(), charts.keySet(), "usl-"),
                    Charts.usl("Throughput vs concurrency: " + fit.runId(), fit.sweep(), fit.usl()));
        }
        return charts;
    }

    /** Result key → merged log path inside the output folder: {@code <scenario>.hlog}, under {@code <profile>/} when there are several profiles. */
    static Map<String, String> logNames(Report report) {
        boolean several = report.profiles().size() > 1;
        Map<String, String> profileDirs = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (RunManifest.Profile p : report.profiles()) {
            profileDirs.put(p.key(), slug(p.name(), taken, ""));
            taken.add(profileDirs.get(p.key()));
        }
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> files = new HashSet<>();
        for (ScenarioResult r : report.results()) {
            String dir = several ? profileDirs.get(r.profile().key()) + "/" : "";
            String file = dir + slug(r.name(), files, dir) + ".hlog";
            files.add(file.substring(0, file.length() - ".hlog".length()));
            names.put(r.profile().key() + "\u0000" + r.name(), file);
        }
        return names;
    }

    /** A file-name-safe, unique (among {@code taken}, each prefixed by {@code prefix}) form of {@code name}. */
    private static String slug(String name, Set<String> taken, String prefix) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+", "");
        if (base.isEmpty()) {
            base = "unnamed";
        }
        String candidate = base;
        for (int i = 2; taken.contains(prefix + candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    /** An existing output folder may be replaced when it is empty or holds an earlier report. */
    /**
     * Folders written by several load generators merge only with their siblings: the same simulation on the same
     * profile. Anything else among them is refused with one line, before anything is written.
     */
    static void requireOneRunOfGenerators(List<RunFolder> runs) {
        if (runs.stream().noneMatch(r -> r.manifest().generator().isPresent())) {
            return;
        }
        RunManifest first = runs.get(0).manifest();
        for (RunFolder run : runs) {
            RunManifest m = run.manifest();
            if (!m.simulation().equals(first.simulation()) || !m.profile().key().equals(first.profile().key())) {
                throw new IllegalArgumentException(run.dir() + " is not a generator of the same run as "
                        + runs.get(0).dir() + ": " + describe(m) + " vs " + describe(first));
            }
        }
    }

    private static String describe(RunManifest m) {
        return "simulation " + (m.simulation().isEmpty() ? "?" : m.simulation()) + " on profile " + m.profile().name();
    }

    private static boolean isReplaceable(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(target)) {
            List<Path> list = entries.collect(Collectors.toList());
            return list.isEmpty() || Files.isRegularFile(target.resolve(SUMMARY)) && Files.isRegularFile(target.resolve(HTML));
        }
    }

    private static void replace(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old);
        }
        try {
            move(staging, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
