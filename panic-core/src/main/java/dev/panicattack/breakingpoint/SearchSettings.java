package dev.panicattack.breakingpoint;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.panicattack.constraint.DurationText;

/**
 * What a breaking-point search varies and how hard it looks. Immutable; build one with
 * {@link #of(BreakingAxis, double, double)} (every other setting at its default) or
 * {@link #builder(BreakingAxis, double, double)}. Every value is checked where it is built: an
 * {@link IllegalArgumentException} names the setting, the value and the fix, before any trial runs.
 *
 * <p>How a level is decided: its trials are a sequence of pass/fail draws, and a Wald sequential
 * probability ratio test weighs "the test passes here" (its failure rate is at most
 * {@link #passingFailureRate()}) against "the test breaks here" (at least {@link #breakingFailureRate()}).
 * The defaults and why:
 * <ul>
 * <li>{@code passingFailureRate} 0.005: a level passes when the test fails there at most once in 200
 * trials. Lower would make one stray failure (a busy CI machine) decide a level; higher would need more
 * clean trials to tell a passing level from a breaking one.</li>
 * <li>{@code breakingFailureRate} 0.3: a level breaks when the test fails there at least 3 times in 10.
 * A test that fails that often under a load is broken under it; rarer failures are told apart from
 * passing only with many more trials. With the defaults, over {@code cpu.load} 0-100, a level where the
 * test always passes is decided in 15 trials and one where it always fails in 2.</li>
 * <li>{@code confidence} 0.95: the chance that the reported interval holds the breaking point. It is
 * shared out over the levels the search may decide (Bonferroni): with {@code n} levels, each level's
 * test is set so that it is wrong with probability at most {@code (1 - confidence) / n}, computed
 * exactly for the test as truncated at {@link #maxRepeats()}.</li>
 * <li>{@code maxRepeats} 30: a level not decided in 30 trials is decided by which hypothesis its
 * trials favour; one that then still looks breaking is {@link LevelDecision#FLAKY}.</li>
 * <li>{@code maxTrials} 200 and {@code wallBudget} 10 minutes: a deterministic search over
 * {@code cpu.load} 0-100 at the default resolution needs at most 107 trials; the budgets leave room for
 * flaky levels and stop a search that cannot finish.</li>
 * </ul>
 *
 * @param axis                the axis searched
 * @param from                the low end of the range; the test must pass there (fail there, on an axis that
 *                            {@linkplain BreakingAxis#breaksBelow() breaks below})
 * @param to                  the high end of the range; the test must fail there (pass there, on an axis that
 *                            breaks below) for a breaking point to be found
 * @param resolution          the search stops when the interval is no wider than this, in the axis's unit
 * @param confidence          the chance that the interval holds the breaking point, above 0 and below 1
 * @param passingFailureRate  the failure rate at or below which a level passes
 * @param breakingFailureRate the failure rate at or above which a level breaks
 * @param maxRepeats          the most trials at one level
 * @param maxTrials           the most trials of the whole search
 * @param wallBudget          the longest the whole search runs
 * @param requireAbove        the level up to which the test must keep passing, on an axis that breaks as the level
 *                            rises: see {@link BreakingPointResult#violates()}
 * @param requireBelow        the level down to which the test must keep passing, on an axis that
 *                            {@linkplain BreakingAxis#breaksBelow() breaks as the level falls}
 */
public record SearchSettings(BreakingAxis axis, double from, double to, double resolution, double confidence,
        double passingFailureRate, double breakingFailureRate, int maxRepeats, int maxTrials, Duration wallBudget,
        Optional<Double> requireAbove, Optional<Double> requireBelow) {

    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final double DEFAULT_PASSING_FAILURE_RATE = 0.005;
    public static final double DEFAULT_BREAKING_FAILURE_RATE = 0.3;
    public static final int DEFAULT_MAX_REPEATS = 30;
    public static final int DEFAULT_MAX_TRIALS = 200;
    public static final Duration DEFAULT_WALL_BUDGET = Duration.ofMinutes(10);

    /** Repeats beyond this decide nothing a user would wait for, and keep the exact error computation small. */
    static final int MAX_REPEATS_LIMIT = 1000;

    public SearchSettings {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(wallBudget, "wallBudget");
        Objects.requireNonNull(requireAbove, "requireAbove");
        Objects.requireNonNull(requireBelow, "requireBelow");
        checkLevel("from", from, axis);
        checkLevel("to", to, axis);
        if (from == to) {
            throw new IllegalArgumentException("from must be below to, but the range " + axis.number(from) + " to "
                    + axis.number(to) + " of " + axis.key() + " is empty; widen the range");
        }
        if (from > to) {
            throw new IllegalArgumentException("from must be below to, but the range " + axis.number(from) + " to "
                    + axis.number(to) + " of " + axis.key() + " is inverted; swap from and to");
        }
        if (!(resolution >= axis.step()) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("resolution must be at least " + axis.number(axis.step()) + " for "
                    + axis.key() + " (its step), but was " + resolution + "; use for example "
                    + axis.number(axis.defaultResolution()) + ", the axis's default");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be above 0 and below 1, but was " + confidence
                    + "; use for example 0.95");
        }
        if (!(breakingFailureRate > 0 && breakingFailureRate < 1)) {
            throw new IllegalArgumentException("breakingFailureRate must be above 0 and below 1, but was "
                    + breakingFailureRate + "; use for example " + DEFAULT_BREAKING_FAILURE_RATE);
        }
        if (!(passingFailureRate > 0 && passingFailureRate < breakingFailureRate)) {
            throw new IllegalArgumentException("passingFailureRate must be above 0 and below breakingFailureRate ("
                    + breakingFailureRate + "), but was " + passingFailureRate + "; use for example "
                    + DEFAULT_PASSING_FAILURE_RATE);
        }
        if (maxRepeats < 1 || maxRepeats > MAX_REPEATS_LIMIT) {
            throw new IllegalArgumentException("maxRepeats must be between 1 and " + MAX_REPEATS_LIMIT + ", but was "
                    + maxRepeats + "; use for example " + DEFAULT_MAX_REPEATS);
        }
        if (maxTrials < 2) {
            throw new IllegalArgumentException("maxTrials must be at least 2 (one trial at each end of the range),"
                    + " but was " + maxTrials + "; use for example " + DEFAULT_MAX_TRIALS);
        }
        if (wallBudget.isNegative() || wallBudget.isZero()) {
            throw new IllegalArgumentException("wallBudget must be positive, but was "
                    + DurationText.format(wallBudget) + "; use for example 10m");
        }
        checkBound("requireAbove", requireAbove, axis);
        checkBound("requireBelow", requireBelow, axis);
        if (requireAbove.isPresent() && axis.breaksBelow()) {
            throw new IllegalArgumentException("requireAbove does not apply to " + axis.key()
                    + ", which breaks as the level falls, but was " + plain(requireAbove.get())
                    + "; use requireBelow " + plain(requireAbove.get())
                    + " for a test that must keep passing down to that level");
        }
        if (requireBelow.isPresent() && !axis.breaksBelow()) {
            throw new IllegalArgumentException("requireBelow does not apply to " + axis.key()
                    + ", which breaks as the level rises, but was " + plain(requireBelow.get())
                    + "; use requireAbove " + plain(requireBelow.get())
                    + " for a test that must keep passing up to that level");
        }
    }

    private static void checkBound(String name, Optional<Double> bound, BreakingAxis axis) {
        if (bound.isPresent()) {
            double level = bound.get();
            if (!Double.isFinite(level) || level < axis.minimum() || level > axis.maximum()) {
                throw new IllegalArgumentException(name + " must be between " + axis.number(axis.minimum())
                        + " and " + axis.number(axis.maximum()) + " for " + axis.key() + ", but was " + level
                        + "; choose a level the axis can apply");
            }
        }
    }

    /** The bound the test must keep passing to, {@code requireAbove} or {@code requireBelow}, whichever is set. */
    public Optional<Double> bound() {
        return requireAbove.isPresent() ? requireAbove : requireBelow;
    }

    /** The passing end of the range, where the search starts: {@code from}, or {@code to} on an axis that breaks below. */
    public double passingEnd() {
        return axis.breaksBelow() ? to : from;
    }

    /** The breaking end of the range: {@code to}, or {@code from} on an axis that breaks below. */
    public double breakingEnd() {
        return axis.breaksBelow() ? from : to;
    }

    private static void checkLevel(String name, double level, BreakingAxis axis) {
        if (!Double.isFinite(level) || level < axis.minimum() || level > axis.maximum()) {
            throw new IllegalArgumentException(name + " must be between " + axis.number(axis.minimum()) + " and "
                    + axis.number(axis.maximum()) + " for " + axis.key() + ", but was " + plain(level)
                    + "; choose a level the axis can apply");
        }
        if (!axis.onStep(level)) {
            double below = Math.floor(level / axis.step()) * axis.step();
            throw new IllegalArgumentException(name + " must be a multiple of " + axis.number(axis.step()) + " for "
                    + axis.key() + ", but was " + plain(level) + "; use " + axis.number(below) + " or "
                    + axis.number(below + axis.step()));
        }
    }

    /** {@code 2.5}, {@code -5}, {@code 1.0E9}: a number as the user wrote it, without a needless {@code .0}. */
    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** A search of {@code axis} from {@code from} to {@code to} with every other setting at its default. */
    public static SearchSettings of(BreakingAxis axis, double from, double to) {
        return builder(axis, from, to).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder(BreakingAxis axis, double from, double to) {
        return new Builder(axis, from, to);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(axis, from, to).resolution(resolution).confidence(confidence)
                .passingFailureRate(passingFailureRate).breakingFailureRate(breakingFailureRate).maxRepeats(maxRepeats)
                .maxTrials(maxTrials).wallBudget(wallBudget).requireAbove(requireAbove).requireBelow(requireBelow);
    }

    /** Collects settings; {@link #build()} checks them all. Not thread-safe. */
    public static final class Builder {

        private final BreakingAxis axis;
        private final double from;
        private final double to;
        private double resolution;
        private double confidence = DEFAULT_CONFIDENCE;
        private double passingFailureRate = DEFAULT_PASSING_FAILURE_RATE;
        private double breakingFailureRate = DEFAULT_BREAKING_FAILURE_RATE;
        private int maxRepeats = DEFAULT_MAX_REPEATS;
        private int maxTrials = DEFAULT_MAX_TRIALS;
        private Duration wallBudget = DEFAULT_WALL_BUDGET;
        private Optional<Double> requireAbove = Optional.empty();
        private Optional<Double> requireBelow = Optional.empty();

        private Builder(BreakingAxis axis, double from, double to) {
            this.axis = Objects.requireNonNull(axis, "axis");
            this.from = from;
            this.to = to;
            this.resolution = axis.defaultResolution();
        }

        public Builder resolution(double resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder confidence(double confidence) {
            this.confidence = confidence;
            return this;
        }

        public Builder passingFailureRate(double rate) {
            this.passingFailureRate = rate;
            return this;
        }

        public Builder breakingFailureRate(double rate) {
            this.breakingFailureRate = rate;
            return this;
        }

        public Builder maxRepeats(int maxRepeats) {
            this.maxRepeats = maxRepeats;
            return this;
        }

        public Builder maxTrials(int maxTrials) {
            this.maxTrials = maxTrials;
            return this;
        }

        public Builder wallBudget(Duration wallBudget) {
            this.wallBudget = wallBudget;
            return this;
        }

        public Builder requireAbove(double level) {
            this.requireAbove = Optional.of(level);
            return this;
        }

        public Builder requireAbove(Optional<Double> level) {
            this.requireAbove = Objects.requireNonNull(level, "requireAbove");
            return this;
        }

        public Builder requireBelow(double level) {
            this.requireBelow = Optional.of(level);
            return this;
        }

        public Builder requireBelow(Optional<Double> level) {
            this.requireBelow = Objects.requireNonNull(level, "requireBelow");
            return this;
        }

        /** The settings; throws {@link IllegalArgumentException} naming the first wrong value and its fix. */
        public SearchSettings build() {
            return new SearchSettings(axis, from, to, resolution, confidence, passingFailureRate, breakingFailureRate,
                    maxRepeats, maxTrials, wallBudget, requireAbove, requireBelow);
        }
    }
}
