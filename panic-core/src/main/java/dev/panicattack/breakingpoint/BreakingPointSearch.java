package dev.panicattack.breakingpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.panicattack.constraint.DurationText;

/**
 * Finds where on one axis a test starts failing. It checks the ends of the range first (the test must
 * pass at {@code from} and fail at {@code to}; the other way round on an axis that
 * {@linkplain BreakingAxis#breaksBelow() breaks as the level falls}), then bisects toward the breaking end
 * until the interval is no wider than the resolution. Each level is decided by a sequential test on its failure rate (see {@link SearchSettings}):
 * a level where the test always passes or always fails is decided in the fewest trials the error rates
 * allow, a level where it fails intermittently is {@link LevelDecision#FLAKY} and counts as failing,
 * since the test breaks there. The trial and wall-time budgets, and an interrupt, stop the search between
 * trials with an {@link BreakingPointResult.Status#UNDECIDED} result that says what was not decided.
 *
 * <p>Immutable; {@link #run} keeps its state on its own stack, so one search may run several times, but
 * each run calls its {@link LevelTrials} from the calling thread only. The search holds nothing that
 * outlives {@code run}; an exception a trial throws (other than {@link InterruptedException}) ends the
 * search and reaches the caller.
 */
public final class BreakingPointSearch {

    private final SearchSettings settings;
    private final Clock clock;

    private BreakingPointSearch(SearchSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A search with these settings, timed by the system clock. */
    public static BreakingPointSearch of(SearchSettings settings) {
        return new BreakingPointSearch(Objects.requireNonNull(settings, "settings"), Clock.systemUTC());
    }

    /** This search timed by {@code clock}: the wall-time budget and the reported wall time are read from it. */
    public BreakingPointSearch withClock(Clock clock) {
        return new BreakingPointSearch(settings, Objects.requireNonNull(clock, "clock"));
    }

    public SearchSettings settings() {
        return settings;
    }

    /**
     * The most levels this search decides: the two ends and one per halving of the range down to the
     * resolution. The per-level error rates share the confidence out over these.
     */
    public int plannedLevels() {
        BreakingAxis axis = settings.axis();
        long width = axis.steps(settings.to()) - axis.steps(settings.from());
        int levels = 2;
        while (wider(width)) {
            // bisection leaves the larger half in the worst case
            width = (width + 1) / 2;
            levels++;
        }
        return levels;
    }

    private boolean wider(long widthInSteps) {
        return widthInSteps * settings.axis().step() > settings.resolution() * (1 + 1e-9);
    }

    /**
     * Runs the search. When the thread is interrupted (before or during a trial), the search stops and
     * returns an undecided result with the thread's interrupt status set again.
     */
    public BreakingPointResult run(LevelTrials trials) {
        Objects.requireNonNull(trials, "trials");
        Run run = new Run(trials, FailureRateDecider.forSearch(settings, plannedLevels()), clock.instant());
        return run.search();
    }

    /** The state of one run: every trial's outcome by level, in the order the levels were first tried. */
    private final class Run {

        private final LevelTrials trials;
        private final FailureRateDecider decider;
        private final Instant start;
        private final Map<Long, List<TrialOutcome>> outcomes = new LinkedHashMap<>();
        private final Map<Long, LevelDecision> decisions = new LinkedHashMap<>();
        private int trialCount;
        private Optional<String> stoppedBy = Optional.empty();
        private boolean interrupted;

        Run(LevelTrials trials, FailureRateDecider decider, Instant start) {
            this.trials = trials;
            this.decider = decider;
            this.start = start;
        }

        BreakingPointResult search() {
            BreakingAxis axis = settings.axis();
            long passing = axis.steps(settings.passingEnd());
            long breaking = axis.steps(settings.breakingEnd());
            Optional<LevelDecision> atStart = decide(passing);
            if (atStart.isEmpty()) {
                return undecided(Optional.empty(), Optional.empty(), passing);
            }
            if (atStart.get().failing()) {
                return result(BreakingPointResult.Status.BROKEN_AT_START, Optional.empty(), Optional.of(passing));
            }
            Optional<LevelDecision> atEnd = decide(breaking);
            if (atEnd.isEmpty()) {
                return undecided(Optional.of(passing), Optional.empty(), breaking);
            }
            if (!atEnd.get().failing()) {
                return result(BreakingPointResult.Status.NO_BREAK_IN_RANGE, Optional.of(breaking), Optional.empty());
            }
            while (wider(Math.abs(breaking - passing))) {
                long middle = Math.min(passing, breaking) + Math.abs(breaking - passing) / 2;
                Optional<LevelDecision> decision = decide(middle);
                if (decision.isEmpty()) {
                    return undecided(Optional.of(passing), Optional.of(breaking), middle);
                }
                if (decision.get().failing()) {
                    breaking = middle;
                } else {
                    passing = middle;
                }
            }
            return result(BreakingPointResult.Status.FOUND, Optional.of(passing), Optional.of(breaking));
        }

        /** Runs trials at one level until it is decided, or empty when a budget or an interrupt stops the search. */
        private Optional<LevelDecision> decide(long steps) {
            Level level = new Level(settings.axis(), settings.axis().level(steps));
            List<TrialOutcome> seen = outcomes.computeIfAbsent(steps, key -> new ArrayList<>());
            while (true) {
                if (Thread.interrupted()) {
                    return interruptedStop();
                }
                if (trialCount >= settings.maxTrials()) {
                    return stop("trial budget of " + settings.maxTrials() + " spent");
                }
                if (elapsed().compareTo(settings.wallBudget()) >= 0) {
                    return stop("wall-time budget of " + DurationText.format(settings.wallBudget()) + " spent");
                }
                TrialOutcome outcome;
                try {
                    outcome = trials.run(level);
                } catch (InterruptedException e) {
                    return interruptedStop();
                }
                Objects.requireNonNull(outcome, () -> "LevelTrials.run returned null for " + level
                        + "; return a TrialOutcome for every trial");
                trialCount++;
                seen.add(outcome);
                int failures = (int) seen.stream().filter(o -> !o.passed()).count();
                Optional<LevelDecision> decision = decider.decide(seen.size() - failures, failures);
                if (decision.isPresent()) {
                    decisions.put(steps, decision.get());
                    return decision;
                }
            }
        }

        private Optional<LevelDecision> stop(String reason) {
            stoppedBy = Optional.of(reason);
            return Optional.empty();
        }

        private Optional<LevelDecision> interruptedStop() {
            interrupted = true;
            return stop("interrupted");
        }

        private Duration elapsed() {
            return Duration.between(start, clock.instant());
        }

        private BreakingPointResult undecided(Optional<Long> passing, Optional<Long> breaking, long pending) {
            BreakingAxis axis = settings.axis();
            List<String> undecided = new ArrayList<>();
            List<TrialOutcome> seen = outcomes.getOrDefault(pending, List.of());
            long passed = seen.stream().filter(TrialOutcome::passed).count();
            undecided.add(axis.describe(axis.level(pending)) + (seen.isEmpty() ? " (no trial)"
                    : " (" + passed + " passed, " + (seen.size() - passed) + " failed)"));
            boolean below = axis.breaksBelow();
            if (passing.isPresent() && breaking.isPresent()) {
                long low = Math.min(passing.get(), breaking.get());
                long high = Math.max(passing.get(), breaking.get());
                undecided.add("where between " + axis.describe(axis.level(low)) + " and "
                        + axis.format(axis.level(high)) + " the test breaks (resolution "
                        + axis.number(settings.resolution()) + ")");
            } else if (passing.isPresent()) {
                undecided.add("whether the test breaks at " + axis.describe(settings.breakingEnd())
                        + (below ? ", the bottom of the range" : ", the end of the range"));
            } else {
                undecided.add("whether the test passes at " + axis.describe(settings.passingEnd())
                        + (below ? ", the top of the range" : ", the start of the range"));
            }
            if (interrupted) {
                // the interrupt was consumed by Thread.interrupted() or by the trial: the caller still sees it
                Thread.currentThread().interrupt();
            }
            return build(BreakingPointResult.Status.UNDECIDED, passing, breaking, undecided);
        }

        private BreakingPointResult result(BreakingPointResult.Status status, Optional<Long> passing,
                Optional<Long> breaking) {
            return build(status, passing, breaking, List.of());
        }

        private BreakingPointResult build(BreakingPointResult.Status status, Optional<Long> passing,
                Optional<Long> breaking, List<String> undecided) {
            BreakingAxis axis = settings.axis();
            List<LevelRecord> records = new ArrayList<>();
            outcomes.forEach((steps, seen) -> {
                if (!seen.isEmpty() || decisions.containsKey(steps)) {
                    int passes = (int) seen.stream().filter(TrialOutcome::passed).count();
                    records.add(new LevelRecord(new Level(axis, axis.level(steps)), passes, seen.size() - passes,
                            decisions.getOrDefault(steps, LevelDecision.UNDECIDED)));
                }
            });
            records.sort((a, b) -> a.level().compareTo(b.level()));
            Optional<Level> estimate = status == BreakingPointResult.Status.FOUND
                    ? Optional.of(new Level(axis, axis.level(estimate(passing.get(), breaking.get()))))
                    : Optional.empty();
            Optional<BreakCause> cause = breaking.map(steps -> cause(new Level(axis, axis.level(steps)),
                    outcomes.get(steps)));
            long decided = decisions.size();
            double confidence = Math.max(0, 1 - decided * decider.worstError());
            Optional<Level> passingLevel = passing.map(s -> new Level(axis, axis.level(s)));
            Optional<Level> breakingLevel = breaking.map(s -> new Level(axis, axis.level(s)));
            return new BreakingPointResult(status, settings, estimate, axis.breaksBelow() ? breakingLevel : passingLevel,
                    axis.breaksBelow() ? passingLevel : breakingLevel, confidence, decider.worstError(), records, cause,
                    trialCount, elapsed(), stoppedBy, undecided);
        }
    }

    /**
     * The middle of the interval between the passing and the breaking level, a half step rounded toward the
     * breaking level: the breaking point lies strictly past the passing level and at most at the breaking one.
     */
    private static long estimate(long passing, long breaking) {
        return breaking > passing ? (passing + breaking + 1) / 2 : Math.floorDiv(passing + breaking, 2);
    }

    /** The cause most failed trials at {@code level} had, the first seen on a tie, with the proof of its first trial. */
    private static BreakCause cause(Level level, List<TrialOutcome> seen) {
        Map<String, List<TrialOutcome>> byCause = new LinkedHashMap<>();
        for (TrialOutcome outcome : seen) {
            if (!outcome.passed()) {
                byCause.computeIfAbsent(outcome.cause().orElse(BreakingPointResult.NO_CAUSE), key -> new ArrayList<>())
                        .add(outcome);
            }
        }
        Map.Entry<String, List<TrialOutcome>> most = null;
        for (Map.Entry<String, List<TrialOutcome>> entry : byCause.entrySet()) {
            if (most == null || entry.getValue().size() > most.getValue().size()) {
                most = entry;
            }
        }
        if (most == null) {
            return new BreakCause(level, BreakingPointResult.NO_CAUSE, List.of(), 0);
        }
        return new BreakCause(level, most.getKey(), most.getValue().get(0).proof(), most.getValue().size());
    }
}
