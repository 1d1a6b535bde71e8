package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.Map;

import dev.panicattack.bench.fixtures.TrivialFixture;
import dev.panicattack.bench.fixtures.UnitSizedFixture;

/**
 * {@code overhead}: a suite of 1000 trivial tests, and one of 300 unit-sized tests, with run-wide
 * diagnosis on and off, alternating (off, on, off, on) so that warm-up and machine noise fall on
 * both; the second run of each counts. The run's one Flight Recorder start (about a second) is part
 * of "on"; a line without it shows the per-test cost alone.
 */
final class OverheadBenchmark implements Benchmark {

    private static final Map<String, String> OFF = Map.of();
    private static final Map<String, String> ON = Map.of(
            "junit.jupiter.extensions.autodetection.enabled", "true",
            "panic.diagnose", "true");

    @Override
    public String name() {
        return "overhead";
    }

    private static final Map<String, String> ON_WITHOUT_FLIGHT_RECORDER = Map.of(
            "junit.jupiter.extensions.autodetection.enabled", "true",
            "panic.diagnose", "true",
            "panic.diagnose.flightRecorder", "false");

    @Override
    public void run(PrintStream out) {
        compare(out, "trivial", TrivialFixture.class, ON, "on");
        compare(out, "trivial", TrivialFixture.class, ON_WITHOUT_FLIGHT_RECORDER, "on-without-jfr");
        compare(out, "unit-sized", UnitSizedFixture.class, ON, "on");
    }

    private static void compare(PrintStream out, String scenario, Class<?> fixture, Map<String, String> onConfiguration,
            String mode) {
        LauncherRun.run(OFF, fixture);
        LauncherRun.run(onConfiguration, fixture);
        LauncherRun.Outcome off = LauncherRun.run(OFF, fixture);
        LauncherRun.Outcome on = LauncherRun.run(onConfiguration, fixture);
        double offMedian = Figures.median(off.tests().stream().mapToDouble(LauncherRun.Finished::millis).toArray());
        double onMedian = Figures.median(on.tests().stream().mapToDouble(LauncherRun.Finished::millis).toArray());
        long failures = on.tests().stream().filter(test -> test.failure().isPresent()).count();
        out.println("RESULT overhead scenario=" + scenario + " diagnosis=" + mode + " tests=" + on.tests().size()
                + " wall_off_ms=" + Figures.fixed(off.wallNanos() / 1e6, 0)
                + " wall_on_ms=" + Figures.fixed(on.wallNanos() / 1e6, 0)
                + " ratio=" + Figures.fixed((double) on.wallNanos() / off.wallNanos(), 3)
                + " median_off_ms=" + Figures.fixed(offMedian, 3)
                + " median_on_ms=" + Figures.fixed(onMedian, 3)
                + " median_added_ms=" + Figures.fixed(onMedian - offMedian, 3)
                + " failures=" + failures
                + " goal_ratio=1.05 goal_median_ms=2");
    }
}
