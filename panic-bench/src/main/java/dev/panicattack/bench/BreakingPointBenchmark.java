package dev.panicattack.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.panicattack.bench.fixtures.BreakingPointFixture;

/**
 * {@code breaking-point}: searches the fixtures of {@link BreakingPointFixture}, whose breaking points
 * are known, with {@code BreakingPointMain} (what {@code mvn panic:breaking-point} runs), one JVM per
 * search, and prints for each the true breaking point, the one found (the level the summary reports),
 * the interval, the trials and levels decided and the wall time. The flaky fixture is searched 20 times
 * with different seeds; {@code covered} counts the intervals that hold its true breaking point.
 */
final class BreakingPointBenchmark implements Benchmark {

    private static final int FLAKY_SEARCHES = 20;

    private static final List<ForkedSearch.Fixture> DETERMINISTIC = List.of(
            new ForkedSearch.Fixture("contenders", "contenderCapacity", "concurrency.contenders", 0, 32,
                    BreakingPointFixture.CONTENDER_CAPACITY + 1),
            new ForkedSearch.Fixture("read-timeout", "readTimeout", "network.latency", 0, 500,
                    BreakingPointFixture.READ_TIMEOUT_MS),
            new ForkedSearch.Fixture("cpu-share", "cpuShare", "cpu.load", 0, 100,
                    BreakingPointFixture.CPU_SHARE_PCT + 1),
            new ForkedSearch.Fixture("heap-floor", "heapFloor", "jvm.maxHeap", 64, 1024,
                    BreakingPointFixture.HEAP_FLOOR_MIB));

    private static final ForkedSearch.Fixture FLAKY = new ForkedSearch.Fixture("flaky-contenders", "flakyContenders",
            "concurrency.contenders", 0, 8, BreakingPointFixture.FLAKY_CAPACITY + 1);

    @Override
    public String name() {
        return "breaking-point";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Path reports = Files.createTempDirectory("panic-bench-breaking-point");
        out.println("the searches' output and reports: " + reports);
        for (ForkedSearch.Fixture fixture : DETERMINISTIC) {
            ForkedSearch search = ForkedSearch.of(fixture, 0, reports);
            out.println(search.headline());
            double found = search.level().orElse(Double.NaN);
            out.println(String.format(Locale.ROOT, "RESULT breaking-point fixture=%s axis=%s true=%s found=%s low=%s"
                    + " high=%s trials=%d wall_s=%.1f levels=%d", fixture.name(), fixture.axis(),
                    ForkedSearch.number(fixture.trueLevel()), ForkedSearch.number(found),
                    ForkedSearch.number(search.low()), ForkedSearch.number(search.high()), search.trials(), search.wallSeconds(), search.levels()));
        }
        int covered = 0;
        List<Integer> trials = new ArrayList<>();
        double wall = 0;
        for (int seed = 1; seed <= FLAKY_SEARCHES; seed++) {
            ForkedSearch search = ForkedSearch.of(FLAKY, seed, reports);
            out.println(String.format(Locale.ROOT, "seed %d: low=%s high=%s covered=%b trials=%d wall_s=%.1f: %s", seed,
                    ForkedSearch.number(search.low()), ForkedSearch.number(search.high()), search.covers(FLAKY.trueLevel()),
                    search.trials(), search.wallSeconds(), search.headline()));
            covered += search.covers(FLAKY.trueLevel()) ? 1 : 0;
            trials.add(search.trials());
            wall += search.wallSeconds();
        }
        int[] sorted = trials.stream().mapToInt(Integer::intValue).sorted().toArray();
        out.println(String.format(Locale.ROOT, "RESULT breaking-point fixture=%s axis=%s true=%s failure_rate=%.2f"
                + " searches=%d covered=%d median_trials=%d wall_s=%.1f", FLAKY.name(), FLAKY.axis(),
                ForkedSearch.number(FLAKY.trueLevel()), BreakingPointFixture.FLAKY_FAILURE_RATE, FLAKY_SEARCHES, covered,
                sorted[sorted.length / 2], wall));
    }
}
