package dev.panicattack.bench;

import dev.panicattack.evidence.MaxHeap;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.memory.HeapBallast;
import dev.panicattack.pressure.memory.HeapPlan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code heap-hold}: heap ballast at 70 percent, then 70 percent plus a 2 %/s leak up to 90, in a
 * child JVM with {@code -Xmx1g -XX:+UseG1GC} so figures do not depend on the parent's heap.
 * Reports achieved occupancy, the measured leak rate, and full GCs ({@code G1 Old Generation}
 * collections) while the ballast held, excluding the explicit one of its release.
 */
final class HeapHoldBenchmark implements Benchmark {

    @Override
    public String name() {
        return "heap-hold";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx1g", "-Xms1g", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), HeapHoldBenchmark.class.getName())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
            }
        }
        int exit = child.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("heap-hold child JVM exited with " + exit + "; see its output above");
        }
    }

    /** The child JVM: runs both phases and prints the RESULT line. */
    public static void main(String[] args) {
        HeapPlan hold = new HeapPlan(OptionalDouble.of(70), 0, 90);
        long oldBefore = fullGcs();
        long youngBefore = youngGcs();
        HeapBallast holding = new HeapBallast(hold);
        holding.start();
        sleep(Duration.ofSeconds(5));
        long fullDuringHold = fullGcs() - oldBefore;
        List<PressureSample> holdSamples = holding.trace().samples();
        // Independent of the stressor's own estimate: what a full collection leaves, against the max heap.
        System.gc();
        double measured = 100.0 * java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                / MaxHeap.ofThisJvm();
        long releaseStart = System.nanoTime();
        holding.release();
        double releaseMs = (System.nanoTime() - releaseStart) / 1e6;
        holding.close();
        double reachMs = holdSamples.stream().filter(s -> Math.abs(s.achieved() - s.target()) <= 2).findFirst()
                .map(s -> s.at().toNanos() / 1e6).orElse(Double.NaN);
        double[] steady = holdSamples.stream().filter(s -> s.at().compareTo(Duration.ofSeconds(1)) >= 0)
                .mapToDouble(PressureSample::achieved).toArray();
        double mean = java.util.Arrays.stream(steady).average().orElse(Double.NaN);
        double sd = Math.sqrt(java.util.Arrays.stream(steady).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN));

        HeapPlan leak = new HeapPlan(OptionalDouble.of(70), 2, 90);
        long oldBeforeLeak = fullGcs();
        long youngBeforeLeak = youngGcs();
        HeapBallast leaking = new HeapBallast(leak);
        leaking.start();
        sleep(Duration.ofSeconds(12));
        long fullDuringLeak = fullGcs() - oldBeforeLeak;
        long youngDuringLeak = youngGcs() - youngBeforeLeak;
        List<PressureSample> leakSamples = leaking.trace().samples();
        leaking.close();
        // Least-squares slope of achieved occupancy over the leak phase (1 s to 9.5 s: after the fill, before the ceiling).
        List<PressureSample> ramp = leakSamples.stream()
                .filter(s -> s.at().compareTo(Duration.ofSeconds(1)) >= 0 && s.at().compareTo(Duration.ofMillis(9_500)) <= 0)
                .toList();
        double meanT = ramp.stream().mapToDouble(s -> s.at().toNanos() / 1e9).average().orElse(Double.NaN);
        double meanA = ramp.stream().mapToDouble(PressureSample::achieved).average().orElse(Double.NaN);
        double covariance = ramp.stream().mapToDouble(s -> (s.at().toNanos() / 1e9 - meanT) * (s.achieved() - meanA)).sum();
        double variance = ramp.stream().mapToDouble(s -> Math.pow(s.at().toNanos() / 1e9 - meanT, 2)).sum();
        double leakRate = covariance / variance;
        double leakError = ramp.stream().mapToDouble(s -> Math.abs(s.achieved() - s.target())).max().orElse(Double.NaN);
        double ceiling = leakSamples.stream().filter(s -> s.at().compareTo(Duration.ofSeconds(11)) >= 0)
                .mapToDouble(PressureSample::achieved).average().orElse(Double.NaN);

        System.out.println(String.format(Locale.ROOT, "RESULT heap-hold target=70 mean=%.2f sd=%.2f reach_ms=%.0f"
                        + " leak_target=2 leak_rate=%.3f leak_max_err=%.2f ceiling=90 at_ceiling=%.2f full_gcs=%d"
                        + " young_gcs_leak=%d release_ms=%.1f max_heap_mib=%d live_after_full_gc=%.2f",
                mean, sd, reachMs, leakRate, leakError, ceiling, fullDuringHold + fullDuringLeak,
                youngDuringLeak, releaseMs, MaxHeap.ofThisJvm() / (1024 * 1024), measured));
        System.out.println(String.format(Locale.ROOT, "heap-hold: young GCs during the 5 s hold: %d", youngBeforeLeak - youngBefore));
    }

    private static long fullGcs() {
        return count("G1 Old Generation");
    }

    private static long youngGcs() {
        return count("G1 Young Generation");
    }

    private static long count(String collector) {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(gc -> gc.getName().equals(collector))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
