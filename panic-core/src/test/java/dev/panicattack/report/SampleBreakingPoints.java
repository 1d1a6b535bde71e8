package dev.panicattack.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.BreakingPointSearch;
import dev.panicattack.breakingpoint.LevelTrials;
import dev.panicattack.breakingpoint.SearchSettings;
import dev.panicattack.breakingpoint.TrialOutcome;
import dev.panicattack.fuse.VirtualClock;

/** Breaking-point results of real searches over fixtures with a known threshold, for the page tests. */
final class SampleBreakingPoints {

    static final String CAUSE = "LOCK_CONTENTION (confidence 0.91)";
    static final List<String> PROOF = List.of("lock_contention(\"OrderService.lock\")\n"
            + "├─ blocked_time(\"worker-3\", \"OrderService.lock\", 412)\n"
            + "└─ cpu_load(62)");

    private SampleBreakingPoints() {
    }

    /**
     * cpu 0-100: always fails from 64% up; from 57% to 63% fails with probability 0.4 (seed 7). Each trial
     * takes 1.5 s on a virtual clock, so the wall time is exact.
     */
    static BreakingPointResult cpu() {
        Random random = new Random(7);
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        LevelTrials trials = level -> {
            clock.advance(Duration.ofMillis(1500));
            boolean fails = level.value() >= 64 || level.value() >= 57 && random.nextDouble() < 0.4;
            return fails ? TrialOutcome.failed(CAUSE, PROOF, Duration.ofMillis(1500))
                    : TrialOutcome.passed(Duration.ofMillis(1500));
        };
        SearchSettings settings = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100).requireAbove(70).build();
        return BreakingPointSearch.of(settings).withClock(clock).run(trials);
    }
}
