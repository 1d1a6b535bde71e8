package dev.panicattack.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code real-bugs}: the real-bug corpus of panic-realbugs (docs/real-bugs.md). Each case runs in a
 * forked JVM of its own through the JUnit Platform Launcher, with its library's buggy release on the
 * class path, then with the fixed release (a control); a JDK case runs once. Prints one line per run,
 * the confusion matrix (expected class or HEALTHY, by concluded class, UNCLASSIFIED, NONE, HUNG or
 * DIED), the {@code RESULT} line, and writes every run to {@code panic-realbugs/target/real-bugs.tsv}.
 *
 * <p>Counts: {@code total} the buggy and JDK runs; {@code correct} those classified as the expected
 * class (in the test's failure or, for a test never freed from a hang, in its report); {@code wrong}
 * those classified as another; {@code unclassified} the rest (failed with no class, passed, hung with
 * no verdict, or died); {@code controls} the fixed runs; {@code false_alarms} controls classified as
 * any class. Each fork gets the flags this JVM was started with, the case's {@code jvmOptions}, a fresh
 * {@code java.io.tmpdir} and {@code panic.reports.directory} under
 * {@code panic-realbugs/target/real-bugs/runs/<case>/<release>/}, its output in {@code output.log}
 * there; a fork still running after {@link #RUN_BOUND} is killed and counted as hung. With
 * {@value #ONLY_VARIABLE} set, only the cases it matches run (the counts are then theirs alone).
 */
final class RealBugsBenchmark implements Benchmark {

    /** A stall is judged after 10 s by default and a pressure case ramps up for seconds: two minutes are a hang. */
    static final Duration RUN_BOUND = Duration.ofMinutes(2);
    /** Environment variable: a regular expression over {@code family.ClassName}; only the cases it matches run. */
    static final String ONLY_VARIABLE = "REAL_BUGS_ONLY";
    private static final String TSV_HEADER = String.join("\t", "case", "release", "version", "expected", "concluded",
            "confidence", "rule", "correct", "ending", "millis", "issue", "failure");

    @Override
    public String name() {
        return "real-bugs";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        long start = System.nanoTime();
        Path root = Path.of("").toAbsolutePath();
        Path base = root.resolve("panic-realbugs/target/real-bugs");
        List<Path> module = RealBugClasspath.module(root, base);
        Path testClasses = root.resolve("panic-realbugs/target/test-classes");
        String only = System.getenv().getOrDefault(ONLY_VARIABLE, "");
        List<RealBugCase> cases = RealBugCatalogue.read(testClasses, module).stream()
                .filter(bug -> only.isEmpty() || bug.shortName().matches(only)).toList();
        if (cases.isEmpty()) {
            throw new IllegalStateException(ONLY_VARIABLE + "='" + only + "' matches no case; it is a regular expression"
                    + " over names such as library.SharedSimpleDateFormatTest");
        }
        Set<String> coordinates = new LinkedHashSet<>();
        for (RealBugCase bug : cases) {
            bug.releases().stream().filter(release -> release != RealBugCase.Release.JDK)
                    .forEach(release -> coordinates.add(bug.coordinates(release)));
        }
        Map<String, List<Path>> releases = RealBugClasspath.releases(coordinates, base);
        out.println("real-bugs: " + cases.size() + " cases, " + coordinates.size() + " releases resolved; runs under " + base
                .resolve("runs"));
        Path runner = root.resolve("panic-bench/target/classes");
        List<RealBugRun> runs = new ArrayList<>();
        for (RealBugCase bug : cases) {
            for (RealBugCase.Release release : bug.releases()) {
                List<Path> jars = release == RealBugCase.Release.JDK ? List.of() : releases.get(bug.coordinates(release));
                List<Path> classpath = RealBugClasspath.forRun(runner, testClasses, jars, module);
                RealBugRun run = fork(bug, release, classpath, base.resolve("runs").resolve(bug.shortName())
                        .resolve(release.label()));
                runs.add(run);
                out.println("real-bugs: " + describe(run));
            }
        }
        writeTsv(runs, root.resolve("panic-realbugs/target/real-bugs.tsv"));
        report(out, runs);
        out.println("real-bugs: per-run results in " + root.resolve("panic-realbugs/target/real-bugs.tsv")
                + "; whole benchmark " + Figures.fixed((System.nanoTime() - start) / 1e9, 0) + " s");
    }

    private static RealBugRun fork(RealBugCase bug, RealBugCase.Release release, List<Path> classpath, Path directory)
            throws IOException, InterruptedException {
        PeerFiles.deleteRecursively(directory);
        Path tmp = Files.createDirectories(directory.resolve("tmp"));
        Path reports = Files.createDirectories(directory.resolve("reports"));
        Path result = directory.resolve("result.tsv");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(bug.jvmOptions());
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(RealBugFork.class.getName());
        command.add(result.toString());
        command.add(bug.testClass());
        command.add("panic.reports.directory=" + reports);
        BoundedFork fork = BoundedFork.run(command, directory, directory.resolve("output.log"), RUN_BOUND, "real-bugs");
        return RealBugRun.read(bug, release, result, reports, fork.killed(), fork.exitCode(), fork.nanos() / 1_000_000);
    }

    private static String describe(RealBugRun run) {
        RealBugCase bug = run.bug();
        return bug.shortName() + " " + run.release().label() + " " + run.bug().version(run.release()) + ": expected "
                + run.expectedLabel() + ", concluded " + run.concludedLabel()
                + run.confidence().stream().mapToObj(value -> String.format(Locale.ROOT, " (%.2f, %s)", value, run.rule()))
                        .findFirst().orElse("")
                + (run.correct() ? "" : " MISS") + " in " + Figures.fixed(run.millis() / 1000.0, 1) + " s"
                + (run.failure().equals("-") ? "" : "; failure: " + run.failure());
    }

    private static void report(PrintStream out, List<RealBugRun> runs) {
        Map<String, Map<String, Integer>> matrix = new TreeMap<>();
        int total = 0;
        int correct = 0;
        int wrong = 0;
        int unclassified = 0;
        int controls = 0;
        int falseAlarms = 0;
        for (RealBugRun run : runs) {
            matrix.computeIfAbsent(run.expectedLabel(), key -> new TreeMap<>()).merge(run.concludedLabel(), 1, Integer::sum);
            if (run.control()) {
                controls++;
                if (run.classified()) {
                    falseAlarms++;
                }
                continue;
            }
            total++;
            if (run.correct()) {
                correct++;
            } else if (run.classified()) {
                wrong++;
            } else {
                unclassified++;
            }
        }
        out.println("confusion matrix (expected -> concluded: count)");
        matrix.forEach((expected, row) -> out.println("  " + expected + " -> " + row));
        long hung = runs.stream().filter(run -> run.ending() == RealBugRun.Ending.HUNG).count();
        long hungJudged = runs.stream().filter(run -> run.ending() == RealBugRun.Ending.HUNG && run.classified()).count();
        long died = runs.stream().filter(run -> run.ending() == RealBugRun.Ending.DIED).count();
        long controlsFailed = runs.stream().filter(RealBugRun::control)
                .filter(run -> run.ending() != RealBugRun.Ending.PASSED && !run.classified()).count();
        out.println("real-bugs: hung " + hung + " (" + hungJudged + " of them judged, the test never freed), died " + died
                + ", controls failed without a class " + controlsFailed);
        out.println("RESULT real-bugs correct=" + correct + " total=" + total + " false_alarms=" + falseAlarms + " controls="
                + controls + " unclassified=" + unclassified + " wrong=" + wrong);
    }

    private static void writeTsv(List<RealBugRun> runs, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(TSV_HEADER);
        for (RealBugRun run : runs) {
            lines.add(String.join("\t", run.bug().shortName(), run.release().label(), run.bug().version(run.release()),
                    run.expectedLabel(), run.concludedLabel(),
                    run.confidence().stream().mapToObj(value -> String.format(Locale.ROOT, "%.4f", value)).findFirst()
                            .orElse("-"),
                    run.rule(), String.valueOf(run.correct()), run.ending().label(), String.valueOf(run.millis()),
                    run.bug().issue(), run.failure().replace('\t', ' ')));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
