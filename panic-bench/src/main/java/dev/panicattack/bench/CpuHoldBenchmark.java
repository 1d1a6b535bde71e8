package dev.panicattack.bench;

import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.Waveform;
import dev.panicattack.pressure.cpu.CpuStressor;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code cpu-hold}: panic-attack's CPU stressor and {@code stress-ng --cpu-load} side by side at 50
 * and 80 percent, then with a subject already burning 30 percent. Both are measured the same way:
 * process CPU time over 1-second windows, in percent of the processors available. A window is
 * noisy when the rest of the machine (/proc/stat busy minus the measured tools) used more than
 * {@value #NOISY_POINTS} points; noisy windows are counted, not averaged in.
 */
final class CpuHoldBenchmark implements Benchmark {

    private static final int WINDOWS = 10;
    private static final double NOISY_POINTS = 5;
    private static final int SUBJECT = 30;

    private final int processors = Runtime.getRuntime().availableProcessors();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Override
    public String name() {
        return "cpu-hold";
    }

    /** CPU nanoseconds consumed so far by what is measured. */
    @FunctionalInterface
    private interface CpuClock {
        long nanos() throws IOException;
    }

    private record Windows(List<Double> quiet, int noisy, double meanAll) {
        double mean() {
            return quiet.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        double sd() {
            double mean = mean();
            return Math.sqrt(quiet.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN));
        }
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "cpu-hold: %d processors, %d windows of 1 s per case, noisy when other load > %.0f points%n",
                processors, WINDOWS, NOISY_POINTS);
        for (int target : new int[] {50, 80}) {
            panic(out, target, false);
            stressNg(out, target, false);
        }
        panic(out, 80, true);
        stressNg(out, 80, true);
    }

    private void panic(PrintStream out, int target, boolean withSubject) throws Exception {
        AtomicBoolean subjectRunning = new AtomicBoolean(true);
        List<Thread> subject = withSubject ? startSubject(subjectRunning) : List.of();
        CpuStressor stressor = new CpuStressor(Waveform.constant(target));
        long startCall = System.nanoTime();
        stressor.start();
        while (stressor.timeToFirstPressure().isEmpty()) {
            Thread.onSpinWait();
        }
        double startMs = stressor.timeToFirstPressure().orElseThrow().toNanos() / 1e6;
        double startCallMs = (System.nanoTime() - startCall) / 1e6;
        sleep(Duration.ofSeconds(1));
        Windows windows = measure(os::getProcessCpuTime, os::getProcessCpuTime);
        int warmSamples = stressor.burnerTrace().samples().size();
        long closeStart = System.nanoTime();
        stressor.close();
        double releaseMs = (System.nanoTime() - closeStart) / 1e6;
        stopSubject(subject, subjectRunning);
        double burners = stressor.burnerTrace().samples().subList(Math.min(10, warmSamples), warmSamples).stream()
                .mapToDouble(PressureSample::achieved).average().orElse(Double.NaN);
        out.println(String.format(Locale.ROOT, "RESULT cpu-hold tool=panic%s target=%d%s mean=%.1f sd=%.2f noisy=%d"
                        + " windows=%d mean_all=%.1f burners=%.1f start_ms=%.1f start_call_ms=%.1f release_ms=%.2f",
                withSubject ? " scenario=closed-loop" : "", target, withSubject ? " subject=" + SUBJECT : "",
                windows.mean(), windows.sd(), windows.noisy(), WINDOWS, windows.meanAll(), burners, startMs,
                startCallMs, releaseMs));
    }

    private void stressNg(PrintStream out, int target, boolean withSubject) throws Exception {
        AtomicBoolean subjectRunning = new AtomicBoolean(true);
        List<Thread> subject = withSubject ? startSubject(subjectRunning) : List.of();
        long startCall = System.nanoTime();
        Process process = new ProcessBuilder("stress-ng", "--cpu", String.valueOf(processors), "--cpu-load",
                String.valueOf(target), "--timeout", "60s", "--quiet").inheritIO().start();
        long pid = process.pid();
        long baseline = ProcCpu.treeCpuNanos(pid);
        // Process CPU time ticks every 10 ms: this is the time to the first tick the workers accrue.
        while (ProcCpu.treeCpuNanos(pid) == baseline && process.isAlive()) {
            LockSupport.parkNanos(500_000);
        }
        double startMs = (System.nanoTime() - startCall) / 1e6;
        sleep(Duration.ofSeconds(1));
        CpuClock stressNg = () -> ProcCpu.treeCpuNanos(pid);
        CpuClock measured = withSubject ? () -> ProcCpu.treeCpuNanos(pid) + os.getProcessCpuTime() : stressNg;
        CpuClock known = () -> ProcCpu.treeCpuNanos(pid) + os.getProcessCpuTime();
        long stressStart = stressNg.nanos();
        long wallStart = System.nanoTime();
        Windows windows = measure(measured, known);
        double stressShare = 100.0 * (stressNg.nanos() - stressStart) / ((double) processors * (System.nanoTime() - wallStart));
        long stop = System.nanoTime();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        while (ProcessHandle.of(pid).isPresent()
                || ProcessHandle.allProcesses().anyMatch(handle -> handle.parent().map(p -> p.pid() == pid).orElse(false))) {
            LockSupport.parkNanos(200_000);
        }
        double releaseMs = (System.nanoTime() - stop) / 1e6;
        stopSubject(subject, subjectRunning);
        out.println(String.format(Locale.ROOT, "RESULT cpu-hold tool=stress-ng%s target=%d%s mean=%.1f sd=%.2f noisy=%d"
                        + " windows=%d mean_all=%.1f stress_ng_share=%.1f start_ms=%.1f release_ms=%.2f",
                withSubject ? " scenario=closed-loop" : "", target, withSubject ? " subject=" + SUBJECT : "",
                windows.mean(), windows.sd(), windows.noisy(), WINDOWS, windows.meanAll(), stressShare, startMs,
                releaseMs));
    }

    /**
     * {@value #WINDOWS} one-second windows of {@code measured} CPU in percent of capacity; the
     * other load is /proc/stat's busy share minus {@code known} (everything we started).
     */
    private Windows measure(CpuClock measured, CpuClock known) throws IOException {
        List<Double> quiet = new ArrayList<>();
        double sumAll = 0;
        int noisy = 0;
        for (int i = 0; i < WINDOWS; i++) {
            long wall = System.nanoTime();
            long cpu = measured.nanos();
            long knownCpu = known.nanos();
            long[] machine = ProcCpu.machineJiffies();
            sleep(Duration.ofSeconds(1));
            long[] machineEnd = ProcCpu.machineJiffies();
            double capacity = (double) processors * (System.nanoTime() - wall);
            double share = 100.0 * (measured.nanos() - cpu) / capacity;
            double knownShare = 100.0 * (known.nanos() - knownCpu) / capacity;
            double machineShare = 100.0 * (machineEnd[0] - machine[0]) / (double) (machineEnd[1] - machine[1]);
            sumAll += share;
            if (machineShare - knownShare > NOISY_POINTS) {
                noisy++;
            } else {
                quiet.add(share);
            }
        }
        return new Windows(quiet, noisy, sumAll / WINDOWS);
    }

    /** A subject burning {@value #SUBJECT} percent of capacity: one duty-cycled thread per processor. */
    private List<Thread> startSubject(AtomicBoolean running) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < processors; i++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    long slice = System.nanoTime();
                    long busyUntil = slice + SUBJECT * 100_000L;
                    while (System.nanoTime() < busyUntil) {
                        Thread.onSpinWait();
                    }
                    LockSupport.parkNanos(slice + 10_000_000L - System.nanoTime());
                }
            }, "bench-subject-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private static void stopSubject(List<Thread> threads, AtomicBoolean running) throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
