package dev.panicattack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.panicattack.bench.fixtures.BreakingPointFixture;

/**
 * {@code breaking-point}: searches the fixtures of {@link BreakingPointFixture}, whose breaking points
 * are known, with {@code BreakingPointMain} (what {@code mvn panic:breaking-point} runs), one JVM per
 * search, and prints for each the true breaking point, the one found (the level the summary reports),
 * the interval, the trials and levels decided and the wall time. The flaky fixture is searched 20 times
 * with different seeds; {@code covered} counts the intervals that hold its true breaking point.
 */
final class BreakingPointBenchmark implements Benchmark {

    private static final String MAIN_CLASS = "dev.panicattack.junit.BreakingPointMain";
    private static final int FLAKY_SEARCHES = 20;

    /**
     * {@code breaking point: network latency 100 ms (95-100, 95%); ...}: the level reported (the middle of
     * the interval rounded up to a step), the interval and its confidence.
     */
    private static final Pattern INTERVAL = Pattern.compile("^breaking point: [a-z ]*?(-?[0-9.]+)(?:%|%/s| ms| MiB)?"
            + " \\((-?[0-9.]+)(?:-| to )(-?[0-9.]+), ([0-9]+)%\\)");
    /** {@code 5 levels decided in 38 trials, 12.3 s; ...}. */
    private static final Pattern COST = Pattern.compile("^\\s*([0-9]+) levels? decided in ([0-9]+) trials?");

    /** One fixture: its method, the axis searched, the range, and the level at which it breaks. */
    private record Fixture(String name, String method, String axis, int from, int to, double trueLevel) {
    }

    /** What one search printed. */
    private record Search(Optional<Double> level, Optional<Double> low, Optional<Double> high, int levels, int trials,
            double wallSeconds, String headline) {

        boolean covers(double level) {
            return low.isPresent() && high.isPresent() && low.get() < level && level <= high.get();
        }
    }

    private static final List<Fixture> DETERMINISTIC = List.of(
            new Fixture("contenders", "contenderCapacity", "concurrency.contenders", 0, 32,
                    BreakingPointFixture.CONTENDER_CAPACITY + 1),
            new Fixture("read-timeout", "readTimeout", "network.latency", 0, 500, BreakingPointFixture.READ_TIMEOUT_MS),
            new Fixture("cpu-share", "cpuShare", "cpu.load", 0, 100, BreakingPointFixture.CPU_SHARE_PCT + 1),
            new Fixture("heap-floor", "heapFloor", "jvm.maxHeap", 64, 1024, BreakingPointFixture.HEAP_FLOOR_MIB));

    private static final Fixture FLAKY = new Fixture("flaky-contenders", "flakyContenders", "concurrency.contenders", 0,
            8, BreakingPointFixture.FLAKY_CAPACITY + 1);

    @Override
    public String name() {
        return "breaking-point";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Path reports = Files.createTempDirectory("panic-bench-breaking-point");
        out.println("the searches' output and reports: " + reports);
        for (Fixture fixture : DETERMINISTIC) {
            Search search = search(fixture, 0, reports);
            out.println(search.headline());
            double found = search.level().orElse(Double.NaN);
            out.println(String.format(Locale.ROOT, "RESULT breaking-point fixture=%s axis=%s true=%s found=%s low=%s"
                    + " high=%s trials=%d wall_s=%.1f levels=%d", fixture.name(), fixture.axis(),
                    number(fixture.trueLevel()), number(found), search.low().map(BreakingPointBenchmark::number)
                            .orElse("none"), search.high().map(BreakingPointBenchmark::number).orElse("none"),
                    search.trials(), search.wallSeconds(), search.levels()));
        }
        int covered = 0;
        List<Integer> trials = new ArrayList<>();
        double wall = 0;
        for (int seed = 1; seed <= FLAKY_SEARCHES; seed++) {
            Search search = search(FLAKY, seed, reports);
            out.println(String.format(Locale.ROOT, "seed %d: low=%s high=%s covered=%b trials=%d wall_s=%.1f: %s", seed,
                    search.low().map(BreakingPointBenchmark::number).orElse("none"),
                    search.high().map(BreakingPointBenchmark::number).orElse("none"), search.covers(FLAKY.trueLevel()),
                    search.trials(), search.wallSeconds(), search.headline()));
            covered += search.covers(FLAKY.trueLevel()) ? 1 : 0;
            trials.add(search.trials());
            wall += search.wallSeconds();
        }
        int[] sorted = trials.stream().mapToInt(Integer::intValue).sorted().toArray();
        out.println(String.format(Locale.ROOT, "RESULT breaking-point fixture=%s axis=%s true=%s failure_rate=%.2f"
                + " searches=%d covered=%d median_trials=%d wall_s=%.1f", FLAKY.name(), FLAKY.axis(),
                number(FLAKY.trueLevel()), BreakingPointFixture.FLAKY_FAILURE_RATE, FLAKY_SEARCHES, covered,
                sorted[sorted.length / 2], wall));
    }

    /** One search, in a JVM of its own, as the Maven goal runs it. */
    private static Search search(Fixture fixture, long seed, Path reports) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList("-Xmx512m", "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
                "-Dnet.bytebuddy.safe=true", "--enable-native-access=ALL-UNNAMED",
                "-D" + BreakingPointFixture.SEED_PROPERTY + "=" + seed));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS,
                "--test", BreakingPointFixture.class.getName() + "#" + fixture.method(), "--axis", fixture.axis(),
                "--from", Integer.toString(fixture.from()), "--to", Integer.toString(fixture.to()),
                "--reports", reports.toString()));
        Path log = Files.createTempFile(reports, fixture.name(), ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException("the search of " + fixture.name() + " ended with exit code " + exit
                    + "; its output: " + log);
        }
        String headline = lines.stream().filter(line -> line.startsWith("breaking point") || line.startsWith(
                "no breaking point")).findFirst().orElseThrow(() -> new IllegalStateException("the search of "
                        + fixture.name() + " printed no summary; its output: " + log));
        Matcher interval = INTERVAL.matcher(headline);
        boolean found = interval.find();
        Matcher cost = lines.stream().map(COST::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new IllegalStateException("the search of " + fixture.name()
                        + " printed no trial count; its output: " + log));
        return new Search(found ? Optional.of(Double.parseDouble(interval.group(1))) : Optional.empty(),
                found ? Optional.of(Double.parseDouble(interval.group(2))) : Optional.empty(),
                found ? Optional.of(Double.parseDouble(interval.group(3))) : Optional.empty(),
                Integer.parseInt(cost.group(1)), Integer.parseInt(cost.group(2)), wallSeconds, headline);
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "none";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
