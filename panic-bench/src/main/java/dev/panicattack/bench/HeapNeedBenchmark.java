package dev.panicattack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.panicattack.bench.fixtures.BreakingPointFixture;
import dev.panicattack.junit.PanicConfiguration;

/**
 * {@code heap-need}: the smallest maximum heap one ordinary run predicts it needs (the report's
 * {@code heapNeeded}, from a trial at {@code -Xmx1g}) against the smallest heap a {@code jvm.maxHeap}
 * breaking-point search finds passing, on a test that holds {@value BreakingPointFixture#LIVE_SET_MIB}
 * MiB live while it allocates, with G1 and with Parallel. {@code error_pct} is the prediction's
 * distance from the search's smallest passing heap, in percent of it.
 */
final class HeapNeedBenchmark implements Benchmark {

    private static final String TRIAL_MAIN = "dev.panicattack.junit.BreakingPointTrialMain";
    private static final ForkedSearch.Fixture FIXTURE = new ForkedSearch.Fixture("held-live-set", "heldLiveSet",
            "jvm.maxHeap", 64, 512, BreakingPointFixture.LIVE_SET_MIB);
    private static final Pattern NEEDED = Pattern.compile("\"heapNeeded\"\\s*:\\s*\\{\\s*\"bytes\"\\s*:\\s*([0-9]+)"
            + "\\s*,\\s*\"peakLiveBytes\"\\s*:\\s*([0-9]+)\\s*,\\s*\"oldGenerationPercent\"\\s*:\\s*([0-9]+)");
    private static final double MIB = 1024.0 * 1024.0;
    /** The collectors compared: one region-based, one with a fixed old generation. */
    private static final List<Collector> COLLECTORS = List.of(new Collector("g1", "-XX:+UseG1GC"),
            new Collector("parallel", "-XX:+UseParallelGC"));

    /** A collector by its name in the RESULT line and the JVM option that selects it. */
    private record Collector(String name, String option) {
    }

    /** What the ordinary run predicted: the need and the peak live heap in MiB, and the old generation's share. */
    private record Need(double mebibytes, double peakLive, long oldGenerationPercent) {
    }

    @Override
    public String name() {
        return "heap-need";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Path reports = Files.createTempDirectory("panic-bench-heap-need");
        out.println("the runs' output and reports: " + reports);
        for (Collector collector : COLLECTORS) {
            Path directory = reports.resolve(collector.name());
            List<String> options = List.of(collector.option());
            Need need = predict(options, directory.resolve("prediction"));
            ForkedSearch search = ForkedSearch.of(FIXTURE, 0, options,
                    Files.createDirectories(directory.resolve("search")));
            out.println(collector.name() + ": " + search.headline());
            // Searched downward, the interval's high end is the smallest heap decided passing.
            double found = search.high().orElse(Double.NaN);
            out.println(String.format(Locale.ROOT, "RESULT heap-need fixture=%s collector=%s live_mib=%d"
                    + " predicted_mib=%.1f peak_live_mib=%.1f old_generation_pct=%d found_mib=%s low=%s high=%s"
                    + " error_pct=%.1f trials=%d wall_s=%.1f", FIXTURE.name(), collector.name(),
                    BreakingPointFixture.LIVE_SET_MIB,
                    need.mebibytes(), need.peakLive(), need.oldGenerationPercent(), ForkedSearch.number(found),
                    ForkedSearch.number(search.low()), ForkedSearch.number(search.high()),
                    100 * (need.mebibytes() - found) / found, search.trials(), search.wallSeconds()));
        }
    }

    /** One trial of the fixture in a JVM of its own at {@code -Xmx1g}, no pressure applied; its report's heap need. */
    private static Need predict(List<String> jvmOptions, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path outcome = directory.resolve("outcome.txt");
        Path log = directory.resolve("trial.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx1g", "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
                "-Dnet.bytebuddy.safe=true", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), TRIAL_MAIN,
                "--test", BreakingPointFixture.class.getName() + "#" + FIXTURE.method(), "--level", "cpu.load=0",
                "--outcome", outcome.toString(),
                "--parameter", PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME + "=" + directory,
                "--parameter", PanicConfiguration.PASSING_REPORTS_PROPERTY_NAME + "=all"));
        Process trial = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = trial.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the trial that predicts the heap need ended with exit code " + exit
                    + "; its output: " + log);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).map(HeapNeedBenchmark::need)
                    .flatMap(Optional::stream).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the trial's report in " + directory
                            + " has no heapNeeded; its output: " + log));
        }
    }

    private static Optional<Need> need(Path report) {
        try {
            Matcher matcher = NEEDED.matcher(Files.readString(report, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(new Need(Long.parseLong(matcher.group(1)) / MIB,
                    Long.parseLong(matcher.group(2)) / MIB, Long.parseLong(matcher.group(3)))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
