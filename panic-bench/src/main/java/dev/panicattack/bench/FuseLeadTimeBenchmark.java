package dev.panicattack.bench;

import dev.panicattack.evidence.MaxHeap;
import dev.panicattack.fuse.PredictiveFuse;
import dev.panicattack.fuse.StateSample;
import dev.panicattack.fuse.StateSampler;
import dev.panicattack.fuse.ThresholdFuse;
import dev.panicattack.pressure.PressureControl;
import dev.panicattack.pressure.memory.HeapBallast;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code fuse-lead-time}: in a child JVM with {@code -Xmx1g -XX:+UseG1GC}, a predictive fuse (limit
 * heap 90%, default window 4 s and horizon 10 s) and a threshold fuse (heap >= 90%) watch the heap
 * (sampled every 100 ms, heap in use over the maximum heap).
 *
 * <p>Phase 1, false trips: the heap is held at a steady 70% for 15 s; every trip of the predictive
 * fuse there is a false trip. Phase 2, lead time: the heap is set to 50%, collected once (the
 * ballast let go of pieces that G1 would otherwise count as used until an old collection), settles
 * for 3 s, then
 * leaks at 2%/s ({@link PressureControl#ramp} from 50% to 98% over 24 s). Exhaustion is the moment
 * the leak's target reaches 98% (the ramp's end). The lead of a fuse is exhaustion minus its
 * trip. The leak starts at 50% rather than 70% so that it runs longer than the threshold fuse's
 * lead plus the horizon; from 70% the predictive lead is capped by the 14 s the leak lasts.
 */
final class FuseLeadTimeBenchmark implements Benchmark {

    private static final double LIMIT = 90;
    private static final double EXHAUSTION = 98;
    private static final double LEAK_FROM = 50;
    private static final double LEAK_RATE = 2;

    @Override
    public String name() {
        return "fuse-lead-time";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx1g", "-Xms1g", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), FuseLeadTimeBenchmark.class.getName())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
            }
        }
        int exit = child.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("fuse-lead-time child JVM exited with " + exit + "; see its output above");
        }
    }

    /** The child JVM: both phases, then the RESULT line. */
    public static void main(String[] args) throws Exception {
        int falseTrips;
        double predictiveLead;
        double thresholdLead;
        try (PressureControl pressure = PressureControl.open()) {
            pressure.set("memory", 70);
            sleep(Duration.ofSeconds(2));
            PredictiveFuse steadyFuse = PredictiveFuse.builder("predictive").limit("heap", LIMIT).build();
            try (StateSampler sampler = StateSampler.builder().heap().listener(steadyFuse::observe).start()) {
                sleep(Duration.ofSeconds(15));
                List<StateSample> steady = sampler.samples();
                System.out.println(String.format(Locale.ROOT, "fuse-lead-time: steady phase %d samples, heap %.1f%% to %.1f%%",
                        steady.size(), steady.stream().mapToDouble(s -> s.value("heap")).min().orElse(Double.NaN),
                        steady.stream().mapToDouble(s -> s.value("heap")).max().orElse(Double.NaN)));
            }
            falseTrips = steadyFuse.trips();

            pressure.set("memory", LEAK_FROM);
            sleep(Duration.ofSeconds(1));
            // The ballast let go of 20% of the heap; G1 keeps counting it as used until an old collection.
            System.gc();
            sleep(Duration.ofSeconds(2));
            PredictiveFuse predictive = PredictiveFuse.builder("predictive").limit("heap", LIMIT).build();
            ThresholdFuse threshold = new ThresholdFuse("threshold", "heap", LIMIT);
            Duration leakFor = Duration.ofMillis(Math.round((EXHAUSTION - LEAK_FROM) / LEAK_RATE * 1000));
            try (StateSampler sampler = StateSampler.builder().heap().fuse(predictive).fuse(threshold)
                    .listener(predictive::observe).listener(threshold::observe).start()) {
                sleep(Duration.ofSeconds(1));
                // Exhaustion in the sampler's time: the ramp re-aims the held ballast, so it starts now.
                double rampAt = seconds(sampler.elapsed());
                pressure.ramp("memory", EXHAUSTION, leakFor);
                sleep(leakFor.plusSeconds(1));
                List<StateSample> samples = sampler.samples();
                double exhaustion = rampAt + leakFor.toNanos() / 1e9;
                predictiveLead = exhaustion - seconds(predictive.trippedAtSample().orElse(Duration.ofDays(1)));
                thresholdLead = exhaustion - seconds(threshold.trippedAtSample().orElse(Duration.ofDays(1)));
                double highest = samples.stream().mapToDouble(sample -> sample.value("heap")).max().orElse(Double.NaN);
                System.out.println(String.format(Locale.ROOT, "fuse-lead-time: leak %.0f%% -> %.0f%% at %.0f%%/s from"
                                + " %.2fs, exhaustion at %.2fs; predictive tripped at %.2fs, threshold at %.2fs;"
                                + " highest heap sampled %.1f%% (max heap %d MiB)",
                        LEAK_FROM, EXHAUSTION, LEAK_RATE, rampAt, exhaustion, exhaustion - predictiveLead,
                        exhaustion - thresholdLead, highest, MaxHeap.ofThisJvm() / (1024 * 1024)));
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT fuse-lead-time predictive_lead_s=%.2f threshold_lead_s=%.2f ratio=%.2f false_trips=%d",
                predictiveLead, thresholdLead, predictiveLead / thresholdLead, falseTrips));
    }

    private static double seconds(Duration value) {
        return value.toNanos() / 1e9;
    }

    private static void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
