package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.panicattack.examples.corpus.races.Races;
import dev.panicattack.pressure.concurrency.ConcurrencyPlan;
import dev.panicattack.pressure.concurrency.ConcurrencyStressor;
import dev.panicattack.subject.Subject;

/**
 * {@code race-exposure}: on the seeded racy programs of the races corpus, the fraction of runs that
 * expose the race without scheduling noise and with it (one fresh seed per run, drawn from a fixed
 * generator), and how many of the seeds that exposed it expose it again when replayed. Programs: the
 * hit counter (2 threads x 2000 increments; exposed when the count is short) and the config cache
 * (4 threads reading a fresh cache once; exposed when it loaded more than once).
 */
final class RaceExposureBenchmark implements Benchmark {

    private static final int RUNS = 100;
    private static final Subject RACES = Subject.of("dev.panicattack.examples.corpus.races");

    /** One racy program: true when a run exposed the race. */
    @FunctionalInterface
    private interface Program {
        boolean exposed() throws InterruptedException;
    }

    @Override
    public String name() {
        return "race-exposure";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        // Noise in percent of noise point hits.
        measure(out, "hit-counter", 10, () -> Races.countHits(2, 2000) < 4000);
        // A level low enough that not every seed exposes the race, so replays are a real test.
        measure(out, "hit-counter", 0.1, () -> Races.countHits(2, 2000) < 4000);
        measure(out, "config-cache", 50, () -> Races.mostLoads(1, 4) > 1);
    }

    private static void measure(PrintStream out, String program, double noise, Program run) throws Exception {
        // Warm-up without noise, so the first measured runs are not interpreted code only.
        for (int i = 0; i < 20; i++) {
            run.exposed();
        }
        int exposedWithout = 0;
        for (int i = 0; i < RUNS; i++) {
            if (run.exposed()) {
                exposedWithout++;
            }
        }
        SplittableRandom seeds = new SplittableRandom(20261126L);
        List<Long> failingSeeds = new ArrayList<>();
        long delays = 0;
        long started = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            long seed = seeds.nextLong();
            RunResult result = underNoise(run, noise, seed);
            delays += result.delays;
            if (result.exposed) {
                failingSeeds.add(seed);
            }
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        int reproduced = 0;
        for (long seed : failingSeeds) {
            if (underNoise(run, noise, seed).exposed) {
                reproduced++;
            }
        }
        String percent = java.math.BigDecimal.valueOf(noise).stripTrailingZeros().toPlainString() + "%";
        out.println(String.format(Locale.ROOT, "%s noise %s: %d of %d runs exposed the race without noise, %d with"
                + " noise (%.0f perturbations and %.0f ms per run); %d of %d exposing seeds exposed it again on replay",
                program, percent, exposedWithout, RUNS, failingSeeds.size(), (double) delays / RUNS,
                (double) tookMillis / RUNS, reproduced, failingSeeds.size()));
        out.println(String.format(Locale.ROOT, "RESULT race-exposure program=%s noise=%s runs=%d"
                + " exposed_without_noise=%.2f exposed_with_noise=%.2f replay_reproduced=%s ms_per_noisy_run=%d",
                program, percent, RUNS, (double) exposedWithout / RUNS, (double) failingSeeds.size() / RUNS,
                failingSeeds.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) reproduced / failingSeeds.size()),
                tookMillis / RUNS));
    }

    private record RunResult(boolean exposed, long delays) {
    }

    private static RunResult underNoise(Program run, double noise, long seed) throws InterruptedException {
        ConcurrencyStressor stressor = new ConcurrencyStressor(new ConcurrencyPlan(0, noise, seed, true, 1, 0, RACES));
        try {
            stressor.start();
            boolean exposed = run.exposed();
            return new RunResult(exposed, stressor.noiseDelays());
        } finally {
            stressor.close();
        }
    }
}
