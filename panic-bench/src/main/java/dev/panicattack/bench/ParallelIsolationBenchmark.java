package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import dev.panicattack.bench.fixtures.ParallelMixFixture;

/**
 * {@code parallel-isolation}: a mixed suite (a test under 85% heap pressure, plain tests taking a
 * third of the heap each, plain busy tests, tests leaving threads and a lock cycle behind, and a
 * passing trial that fails on thread leaks) run 20 times through the Launcher with JUnit's parallel
 * execution on, methods and classes concurrent. Counts the pairs of tests that ran at the same time
 * while one was a trial, the runs in which the passing trial was failed by the others' threads, and
 * the heap-hungry tests that ran out of memory.
 */
final class ParallelIsolationBenchmark implements Benchmark {

    private static final int RUNS = 20;
    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            // JUnit's default executor, named so that JUnit 6.1 does not announce its alternative on every run.
            "junit.jupiter.execution.parallel.config.executor-service", "fork_join_pool");
    private static final String PASSING_TRIAL = "passesWhileOthersLeaveThreadsBehind()";

    @Override
    public String name() {
        return "parallel-isolation";
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        int overlaps = 0;
        int misattributed = 0;
        int outOfMemory = 0;
        int otherFailures = 0;
        long wallNanos = 0;
        Class<?>[] suite = ParallelMixFixture.SUITE.toArray(Class<?>[]::new);
        for (int run = 1; run <= RUNS; run++) {
            ParallelMixFixture.reset();
            LauncherRun.Outcome outcome;
            try {
                outcome = LauncherRun.run(PARALLEL, suite);
            } finally {
                ParallelMixFixture.release();
            }
            List<LauncherRun.Finished> failed = outcome.tests().stream()
                    .filter(test -> test.failure().isPresent()).toList();
            int runOverlaps = ParallelMixFixture.overlapsBesideATrial();
            boolean trialFailed = failed.stream().anyMatch(test -> test.name().equals(PASSING_TRIAL));
            overlaps += runOverlaps;
            misattributed += trialFailed ? 1 : 0;
            outOfMemory += ParallelMixFixture.outOfMemory();
            otherFailures += (int) failed.stream().filter(test -> !test.name().equals(PASSING_TRIAL)).count();
            wallNanos += outcome.wallNanos();
            out.println("run " + run + ": tests=" + outcome.tests().size() + " failed=" + failed.size()
                    + " overlaps=" + runOverlaps + " wall_ms=" + Figures.fixed(outcome.wallNanos() / 1e6, 0));
            failed.forEach(test -> out.println("  failed: " + test.name() + ": "
                    + test.failure().map(Throwable::toString).orElse("").lines().findFirst().orElse("")));
        }
        out.println("other failures (not the passing trial): " + otherFailures);
        out.println("RESULT parallel-isolation runs=" + RUNS + " overlaps=" + overlaps + " misattributed="
                + misattributed + " oom=" + outOfMemory + " wall_s=" + Figures.fixed(wallNanos / 1e9, 1));
    }
}
