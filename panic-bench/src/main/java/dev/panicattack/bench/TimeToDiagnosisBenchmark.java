package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.panicattack.bench.fixtures.CrashFixture;
import dev.panicattack.bench.fixtures.DeadlockFixture;
import dev.panicattack.junit.PanicSignatureError;

/**
 * {@code time-to-diagnosis}: from a deadlock forming to the test failing classified (and what plain
 * JUnit {@code @Timeout} does with the same test), and from a {@code StackOverflowError} or
 * {@code OutOfMemoryError} reaching the test method to the classified failure.
 */
final class TimeToDiagnosisBenchmark implements Benchmark {

    private static final int RUNS = 5;
    private static final Map<String, String> CONFIGURATION = Map.of();

    @Override
    public String name() {
        return "time-to-diagnosis";
    }

    @Override
    public void run(PrintStream out) {
        measure(out, "deadlock", DeadlockFixture.Diagnosed.class, DeadlockFixture.formedAt);
        measure(out, "stack-overflow", CrashFixture.Recursion.class, CrashFixture.thrownAt);
        measure(out, "out-of-memory", CrashFixture.Exhaustion.class, CrashFixture.thrownAt);

        DeadlockFixture.formedAt.set(0);
        LauncherRun.Outcome plain = LauncherRun.run(Map.of(), DeadlockFixture.TimedOut.class);
        DeadlockFixture.release();
        LauncherRun.Finished test = plain.tests().get(0);
        out.println("RESULT time-to-diagnosis case=deadlock tool=junit-timeout ms="
                + Figures.fixed((test.endNanos() - DeadlockFixture.formedAt.get()) / 1e6, 0)
                + " classified=false failure=" + test.failure().map(f -> f.getClass().getSimpleName()).orElse("none"));
    }

    private static void measure(PrintStream out, String scenario, Class<?> fixture, AtomicLong eventAt) {
        double[] millis = new double[RUNS];
        int classified = 0;
        String bugClass = "none";
        for (int i = 0; i < RUNS; i++) {
            eventAt.set(0);
            LauncherRun.Outcome outcome = LauncherRun.run(CONFIGURATION, fixture);
            DeadlockFixture.release();
            LauncherRun.Finished test = outcome.tests().get(0);
            millis[i] = (test.endNanos() - eventAt.get()) / 1e6;
            if (test.failure().orElse(null) instanceof PanicSignatureError error) {
                classified++;
                bugClass = error.bugClass().name();
            }
        }
        out.println("RESULT time-to-diagnosis case=" + scenario + " tool=panic median_ms="
                + Figures.fixed(Figures.median(millis), 0) + " max_ms="
                + Figures.fixed(java.util.Arrays.stream(millis).max().orElse(Double.NaN), 0)
                + " runs=" + RUNS + " classified=" + classified + " class=" + bugClass);
    }
}
