package dev.panicattack.breakingpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.panicattack.breakingpoint.BreakingPointResult.Status;
import dev.panicattack.fuse.VirtualClock;

/**
 * The search against fixtures with a known breaking point. A fixture is a {@link LevelTrials} that
 * decides a trial's outcome from the level (and a seeded {@link Random} for a flaky one); it is the
 * stand-in for the test, not for anything the search relies on.
 */
class BreakingPointSearchTest {

    private static final String CAUSE = "LOCK_CONTENTION (confidence 0.91)";
    private static final List<String> PROOF = List.of("lock_contention(\"pool\")", "└─ blocked_ratio(\"pool\", 0.62)");

    /** Fails from {@code threshold} up, always, with {@link #CAUSE}; counts its trials. */
    private static final class Threshold implements LevelTrials {

        private final double threshold;
        private final List<Double> levels = new ArrayList<>();

        Threshold(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public TrialOutcome run(Level level) {
            levels.add(level.value());
            return level.value() >= threshold ? TrialOutcome.failed(CAUSE, PROOF, Duration.ofMillis(5))
                    : TrialOutcome.passed(Duration.ofMillis(5));
        }
    }

    /** Passes below {@code threshold}; from it up fails with probability {@code p}, drawn from a seeded Random. */
    private static LevelTrials flaky(double threshold, double p, long seed) {
        Random random = new Random(seed);
        return level -> level.value() >= threshold && random.nextDouble() < p
                ? TrialOutcome.failed(CAUSE, PROOF, Duration.ZERO) : TrialOutcome.passed(Duration.ZERO);
    }

    @Test
    void aDeterministicCpuThresholdIsFoundWithinTheResolutionInAtMostEightLevels() {
        BreakingPointSearch search = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100));
        for (int threshold = 1; threshold <= 100; threshold++) {
            BreakingPointResult result = search.run(new Threshold(threshold));

            assertThat(result.status()).as("threshold %d", threshold).isEqualTo(Status.FOUND);
            assertThat(result.low().orElseThrow().value()).as("low, threshold %d", threshold).isLessThan(threshold)
                    .isGreaterThanOrEqualTo(threshold - 2);
            assertThat(result.high().orElseThrow().value()).as("high, threshold %d", threshold)
                    .isGreaterThanOrEqualTo(threshold).isLessThanOrEqualTo(result.low().orElseThrow().value() + 2);
            assertThat(Math.abs(result.level().orElseThrow().value() - threshold)).as("estimate error").isLessThanOrEqualTo(2);
            assertThat(result.decidedLevels()).as("decided levels, threshold %d", threshold).isLessThanOrEqualTo(8);
            assertThat(result.confidence()).as("confidence").isGreaterThanOrEqualTo(0.95);
            assertThat(result.trials()).as("trials, threshold %d", threshold).isBetween(21, 107);
        }
    }

    @Test
    void eachDeterministicLevelIsDecidedInTheFewestTrialsItsErrorRatesAllow() {
        Threshold fixture = new Threshold(62);

        BreakingPointResult result = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100)).run(fixture);

        assertThat(result.headline()).isEqualTo("breaking point: cpu 61% (60-62, 95%); at 62%: " + CAUSE);
        assertThat(result.levels()).extracting(r -> r.level().value(), LevelRecord::passes, LevelRecord::failures,
                LevelRecord::decision).containsExactly(
                        tuple(0.0, 15, 0, LevelDecision.PASSES),
                        tuple(50.0, 15, 0, LevelDecision.PASSES),
                        tuple(56.0, 15, 0, LevelDecision.PASSES),
                        tuple(59.0, 15, 0, LevelDecision.PASSES),
                        tuple(60.0, 15, 0, LevelDecision.PASSES),
                        tuple(62.0, 0, 2, LevelDecision.FAILS),
                        tuple(75.0, 0, 2, LevelDecision.FAILS),
                        tuple(100.0, 0, 2, LevelDecision.FAILS));
        // the ends first, then bisection
        assertThat(fixture.levels.stream().distinct()).containsExactly(0.0, 100.0, 50.0, 75.0, 62.0, 56.0, 59.0, 60.0);
        assertThat(result.trials()).isEqualTo(81);
        // at a failure rate of 0.3, 15 straight passes alone (0.7^15 = 0.0047) and runs with a failure decide PASSES
        assertThat(result.levelErrorRate()).isCloseTo(0.0061, offset(0.0001));
        assertThat(result.cause()).hasValueSatisfying(cause -> {
            assertThat(cause.level().value()).isEqualTo(62);
            assertThat(cause.cause()).isEqualTo(CAUSE);
            assertThat(cause.proof()).isEqualTo(PROOF);
            assertThat(cause.count()).isEqualTo(2);
        });
    }

    @Test
    void aFlakyBreakIsCoveredByTheIntervalInAtLeast18Of20Searches() {
        BreakingPointSearch search = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100));
        int covered = 0;
        List<String> misses = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            BreakingPointResult result = search.run(flaky(40, 0.3, seed));
            boolean covers = result.status() == Status.FOUND && result.low().orElseThrow().value() < 40
                    && result.high().orElseThrow().value() >= 40;
            if (covers) {
                covered++;
            } else {
                misses.add("seed " + seed + ": " + result.headline());
            }
            assertThat(result.levels()).filteredOn(r -> r.level().value() >= 40 && r.passes() > 0 && r.failures() > 0)
                    .as("a level that failed only sometimes is flaky, never a clean pass or fail")
                    .allSatisfy(r -> assertThat(r.decision()).isEqualTo(LevelDecision.FLAKY));
        }
        assertThat(covered).as("searches whose interval holds 40; misses: %s", misses).isGreaterThanOrEqualTo(18);
    }

    @Test
    void aFlakyFirstFailingLevelIsNamedFlakyWithItsObservedRate() {
        BreakingPointResult result = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100))
                .run(flaky(40, 0.3, 1));

        assertThat(result.headline()).isEqualTo("breaking point: cpu 39% (38-40, 95%); at 40% (flaky, 2 of 6 failed): "
                + CAUSE);
        LevelRecord at40 = result.levels().stream().filter(r -> r.level().value() == 40).findFirst().orElseThrow();
        assertThat(at40.decision()).isEqualTo(LevelDecision.FLAKY);
        assertThat(at40.passRate().estimate()).isCloseTo(4 / 6.0, offset(1e-12));
        assertThat(at40.passRate().low()).isCloseTo(0.300, offset(0.001));
        assertThat(at40.passRate().high()).isCloseTo(0.903, offset(0.001));
    }

    @Test
    void theTrialBudgetStopsTheSearchUndecidedAndSaysWhatWasNotDecided() {
        Threshold fixture = new Threshold(62);
        SearchSettings settings = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100).maxTrials(40).build();

        BreakingPointResult result = BreakingPointSearch.of(settings).run(fixture);

        assertThat(result.status()).isEqualTo(Status.UNDECIDED);
        assertThat(fixture.levels).hasSize(40);
        assertThat(result.trials()).isEqualTo(40);
        // 15 + 2 trials decide the ends, 15 + 2 + 2 decide 50%, 75% and 62%: 4 remain for 56%
        assertThat(result.headline()).isEqualTo("breaking point undecided (trial budget of 40 spent): between cpu 50%"
                + " and 62%; not decided: cpu 56% (4 passed, 0 failed)");
        assertThat(result.undecided()).containsExactly("cpu 56% (4 passed, 0 failed)",
                "where between cpu 50% and 62% the test breaks (resolution 2)");
        assertThat(result.levels()).extracting(r -> r.level().value(), LevelRecord::decision).containsExactly(
                tuple(0.0, LevelDecision.PASSES),
                tuple(50.0, LevelDecision.PASSES),
                tuple(56.0, LevelDecision.UNDECIDED),
                tuple(62.0, LevelDecision.FAILS),
                tuple(75.0, LevelDecision.FAILS),
                tuple(100.0, LevelDecision.FAILS));
        assertThat(result.cause()).map(BreakCause::level).map(Level::value).contains(62.0);
    }

    @Test
    void theWallTimeBudgetIsReadFromTheInjectedClock() {
        VirtualClock clock = new VirtualClock();
        AtomicInteger trials = new AtomicInteger();
        LevelTrials slow = level -> {
            trials.incrementAndGet();
            clock.advance(Duration.ofSeconds(7));
            return TrialOutcome.passed(Duration.ofSeconds(7));
        };
        SearchSettings settings = SearchSettings.builder(BreakingAxis.NETWORK_LATENCY, 0, 500)
                .wallBudget(Duration.ofMinutes(2)).build();

        BreakingPointResult result = BreakingPointSearch.of(settings).withClock(clock).run(slow);

        // 16 trials decide 0 ms (112 s); at 500 ms a trial starts at 112 s and one at 119 s, within the budget
        assertThat(trials.get()).isEqualTo(18);
        assertThat(result.wallTime()).isEqualTo(Duration.ofSeconds(126));
        assertThat(result.headline()).isEqualTo("breaking point undecided (wall-time budget of 2m spent): passes at"
                + " network latency 0 ms; not decided: network latency 500 ms (2 passed, 0 failed)");
        assertThat(result.undecided()).containsExactly("network latency 500 ms (2 passed, 0 failed)",
                "whether the test breaks at network latency 500 ms, the end of the range");
    }

    @Test
    void anInterruptBetweenTrialsStopsTheSearchAtOnceAndKeepsTheInterruptStatus() {
        AtomicInteger trials = new AtomicInteger();
        LevelTrials interruptedOnTheThird = level -> {
            if (trials.incrementAndGet() == 3) {
                Thread.currentThread().interrupt();
            }
            return TrialOutcome.passed(Duration.ZERO);
        };

        BreakingPointResult result;
        try {
            result = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100)).run(interruptedOnTheThird);
        } finally {
            assertThat(Thread.interrupted()).as("interrupt status kept for the caller (and cleared here)").isTrue();
        }

        assertThat(trials.get()).isEqualTo(3);
        assertThat(result.status()).isEqualTo(Status.UNDECIDED);
        assertThat(result.stoppedBy()).contains("interrupted");
        assertThat(result.headline()).isEqualTo("breaking point undecided (interrupted): nothing decided; not decided:"
                + " cpu 0% (3 passed, 0 failed)");
    }

    @Test
    void cancellingASearchRunningOnAnotherThreadEndsItPromptlyAndLeavesNothingRunning() throws InterruptedException {
        CountDownLatch inTrial = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger trials = new AtomicInteger();
        LevelTrials blocking = level -> {
            if (trials.incrementAndGet() == 5) {
                inTrial.countDown();
                never.await();
            }
            return TrialOutcome.passed(Duration.ZERO);
        };
        AtomicReference<BreakingPointResult> result = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        Thread searching = new Thread(() -> {
            result.set(BreakingPointSearch.of(SearchSettings.of(BreakingAxis.DISK_FILL, 0, 100)).run(blocking));
            interruptKept.set(Thread.currentThread().isInterrupted());
        }, "breaking-point-search");
        searching.start();
        assertThat(inTrial.await(30, TimeUnit.SECONDS)).as("the search reached its fifth trial").isTrue();

        searching.interrupt();
        searching.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(searching.isAlive()).as("the search thread ended").isFalse();
        assertThat(trials.get()).isEqualTo(5);
        assertThat(interruptKept.get()).isTrue();
        assertThat(result.get().headline()).isEqualTo("breaking point undecided (interrupted): nothing decided;"
                + " not decided: disk fill 0% (4 passed, 0 failed)");
    }

    @Test
    void summaryLinesForEachStatus() {
        SearchSettings cpu = SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100);
        BreakingPointResult found = BreakingPointSearch.of(cpu).run(new Threshold(62));
        BreakingPointResult noBreak = BreakingPointSearch.of(cpu).run(new Threshold(101));
        BreakingPointResult brokenAtStart = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.NETWORK_LATENCY, 20, 500))
                .run(level -> TrialOutcome.failed("MISSING_TIMEOUT (confidence 0.88)", List.of(), Duration.ZERO));
        BreakingPointResult skew = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.TIME_SKEW, -5000, 0))
                .run(new Threshold(-2450));
        BreakingPointResult heap = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.JVM_MAX_HEAP, 64, 1024))
                .run(level -> level.value() < 300
                        ? TrialOutcome.failed("HEAP_EXHAUSTION (confidence 0.97)", List.of(), Duration.ZERO)
                        : TrialOutcome.passed(Duration.ZERO));

        assertThat(found.summary()).isEqualTo("""
                breaking point: cpu 61% (60-62, 95%); at 62%: LOCK_CONTENTION (confidence 0.91)
                  proof at 62%:
                    lock_contention("pool")
                    └─ blocked_ratio("pool", 0.62)
                  8 levels decided in 81 trials, 0.0 s; each decision wrong with probability at most 0.61%""");
        assertThat(noBreak.headline()).isEqualTo("no breaking point: cpu passes up to 100% (15 of 15 trials passed, 98%)");
        assertThat(brokenAtStart.summary()).isEqualTo("""
                breaking point: below network latency 20 ms (fails at the start of the range); at 20 ms: \
                MISSING_TIMEOUT (confidence 0.88)
                  1 level decided in 2 trials, 0.0 s; each decision wrong with probability at most 0.48%""");
        assertThat(skew.headline()).isEqualTo("breaking point: clock skew -2460 ms (-2500 to -2422, 95%); at -2422 ms: "
                + CAUSE);
        // a heap-size search runs the other way: it starts at 1024 MiB and bisects down toward 64 MiB
        assertThat(heap.headline()).isEqualTo("breaking point: max heap 296 MiB (289-304, 95%); at 289 MiB:"
                + " HEAP_EXHAUSTION (confidence 0.97)");
    }

    /** Fails below {@code threshold} MiB, always, with a heap-exhaustion cause: a test that holds that much live. */
    private static LevelTrials heapNeed(double threshold) {
        return level -> level.value() < threshold
                ? TrialOutcome.failed("HEAP_EXHAUSTION (confidence 0.97)", List.of("heap_exhausted(\"old\")"),
                        Duration.ZERO)
                : TrialOutcome.passed(Duration.ZERO);
    }

    @Test
    void aMaxHeapSearchStartsAtTheTopAndFindsTheSmallestHeapThatPassesWithinTheResolution() {
        BreakingPointSearch search = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.JVM_MAX_HEAP, 8, 1024));
        for (int threshold = 9; threshold <= 1024; threshold += 7) {
            List<Double> tried = new ArrayList<>();
            double need = threshold;
            BreakingPointResult result = search.run(level -> {
                tried.add(level.value());
                return heapNeed(need).run(level);
            });

            assertThat(result.status()).as("threshold %d", threshold).isEqualTo(Status.FOUND);
            assertThat(tried.get(0)).as("the search starts at the passing end").isEqualTo(1024.0);
            // low fails, high passes: the highest heap that breaks is threshold - 1
            double low = result.low().orElseThrow().value();
            double high = result.high().orElseThrow().value();
            assertThat(low).as("low, threshold %d", threshold).isLessThanOrEqualTo(threshold - 1);
            assertThat(high).as("high, threshold %d", threshold).isGreaterThanOrEqualTo(threshold)
                    .isLessThanOrEqualTo(low + 16);
            assertThat(result.cause().orElseThrow().level().value()).isEqualTo(low);
            assertThat(result.level().orElseThrow().value()).as("estimate").isBetween(low, high - 1);
            assertThat(result.decidedLevels()).as("decided levels, threshold %d", threshold).isLessThanOrEqualTo(8);
            assertThat(result.confidence()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void maxHeapSummaryLinesSpeakInTheAxisOwnDirection() {
        SearchSettings heap = SearchSettings.builder(BreakingAxis.JVM_MAX_HEAP, 16, 256).resolution(16).build();

        BreakingPointResult found = BreakingPointSearch.of(heap).run(heapNeed(88));
        BreakingPointResult noBreak = BreakingPointSearch.of(heap).run(heapNeed(0));
        BreakingPointResult brokenAtStart = BreakingPointSearch.of(heap).run(heapNeed(300));

        assertThat(found.summary()).isEqualTo("""
                breaking point: max heap 83 MiB (76-91, 95%); at 76 MiB: HEAP_EXHAUSTION (confidence 0.97)
                  proof at 76 MiB:
                    heap_exhausted("old")
                  6 levels decided in 60 trials, 0.0 s; each decision wrong with probability at most 0.81%""");
        assertThat(found.levelTable()).isEqualTo("""
                level             trials  passed  pass rate (95% Wilson)  decision
                max heap 16 MiB        2       0  0% (0-66%)              FAILS
                max heap 76 MiB        2       0  0% (0-66%)              FAILS
                max heap 91 MiB       14      14  100% (78-100%)          PASSES
                max heap 106 MiB      14      14  100% (78-100%)          PASSES
                max heap 136 MiB      14      14  100% (78-100%)          PASSES
                max heap 256 MiB      14      14  100% (78-100%)          PASSES""");
        assertThat(noBreak.headline())
                .isEqualTo("no breaking point: max heap passes down to 16 MiB (14 of 14 trials passed, 98%)");
        assertThat(brokenAtStart.headline()).isEqualTo("breaking point: above max heap 256 MiB (fails at the start of"
                + " the range); at 256 MiB: HEAP_EXHAUSTION (confidence 0.97)");
    }

    @Test
    void aMaxHeapSearchStoppedByItsBudgetSaysWhichEndItStillNeeds() {
        SearchSettings heap = SearchSettings.builder(BreakingAxis.JVM_MAX_HEAP, 16, 256).maxTrials(20).build();

        BreakingPointResult result = BreakingPointSearch.of(heap).run(heapNeed(88));

        assertThat(result.status()).isEqualTo(Status.UNDECIDED);
        assertThat(result.headline()).isEqualTo("breaking point undecided (trial budget of 20 spent): between max"
                + " heap 16 MiB and 256 MiB; not decided: max heap 136 MiB (4 passed, 0 failed)");
    }

    @Test
    void requireBelowIsViolatedWhenTheTestFailsAtOrAboveTheBound() {
        SearchSettings.Builder heap = SearchSettings.builder(BreakingAxis.JVM_MAX_HEAP, 16, 256);

        assertThat(BreakingPointSearch.of(heap.requireBelow(64).build()).run(heapNeed(88)).violates()).isTrue();
        // decided failing at 76 MiB: at or above a bound of 76
        assertThat(BreakingPointSearch.of(heap.requireBelow(76).build()).run(heapNeed(88)).violates()).isTrue();
        assertThat(BreakingPointSearch.of(heap.requireBelow(77).build()).run(heapNeed(88)).violates()).isFalse();
        assertThat(BreakingPointSearch.of(heap.requireBelow(200).build()).run(heapNeed(88)).violates()).isFalse();
        assertThat(BreakingPointSearch.of(heap.requireBelow(16).build()).run(heapNeed(0)).violates()).isFalse();
    }

    @Test
    void levelTableListsEveryLevelWithItsWilsonInterval() {
        BreakingPointResult result = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100))
                .run(new Threshold(62));

        assertThat(result.levelTable()).isEqualTo("""
                level     trials  passed  pass rate (95% Wilson)  decision
                cpu 0%        15      15  100% (80-100%)          PASSES
                cpu 50%       15      15  100% (80-100%)          PASSES
                cpu 56%       15      15  100% (80-100%)          PASSES
                cpu 59%       15      15  100% (80-100%)          PASSES
                cpu 60%       15      15  100% (80-100%)          PASSES
                cpu 62%        2       0  0% (0-66%)              FAILS
                cpu 75%        2       0  0% (0-66%)              FAILS
                cpu 100%       2       0  0% (0-66%)              FAILS""");
    }

    @Test
    void requireAboveIsViolatedWhenTheTestFailsAtOrBelowTheBound() {
        SearchSettings.Builder cpu = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100);

        assertThat(BreakingPointSearch.of(cpu.requireAbove(70).build()).run(new Threshold(62)).violates()).isTrue();
        assertThat(BreakingPointSearch.of(cpu.requireAbove(62).build()).run(new Threshold(62)).violates()).isTrue();
        assertThat(BreakingPointSearch.of(cpu.requireAbove(61).build()).run(new Threshold(62)).violates()).isFalse();
        assertThat(BreakingPointSearch.of(cpu.requireAbove(100).build()).run(new Threshold(101)).violates()).isFalse();
        assertThat(BreakingPointSearch.of(cpu.requireAbove(Optional.empty()).build()).run(new Threshold(0)).violates())
                .isFalse();
    }

    @Test
    void decimalAxesBisectInHundredths() {
        BreakingPointResult result = BreakingPointSearch.of(SearchSettings.builder(BreakingAxis.NETWORK_LOSS, 0, 10)
                .resolution(0.05).build()).run(new Threshold(2.37));

        assertThat(result.headline()).isEqualTo("breaking point: network loss 2.36% (2.34-2.38, 95%); at 2.38%: " + CAUSE);
        assertThat(BreakingAxis.NETWORK_LOSS.constraintValue(2.34)).contains("2.34");
    }
}
