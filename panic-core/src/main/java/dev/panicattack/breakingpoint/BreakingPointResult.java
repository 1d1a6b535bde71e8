package dev.panicattack.breakingpoint;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a breaking-point search found.
 *
 * <p>The interval is {@code [low, high]}: {@code low} the highest level decided passing, {@code high} the
 * lowest decided failing (or flaky); the breaking point, the lowest level at which the test breaks, is above
 * {@code low} and at most {@code high}. On an axis that {@linkplain BreakingAxis#breaksBelow() breaks as the
 * level falls} the roles swap: {@code low} is the highest level decided failing, {@code high} the lowest
 * decided passing, and the breaking point, the highest level at which the test breaks, is at least
 * {@code low} and below {@code high}. {@link #level()} is the middle of that interval. The
 * {@link #confidence()} is that of the whole search: the interval misses the breaking point only if
 * one of the decisions made was wrong, and each is wrong with probability at most
 * {@link #levelErrorRate()}, so it is {@code 1 - decisions * levelErrorRate}.
 *
 * @param status         how the search ended
 * @param settings       what was searched
 * @param level          the breaking point's estimate, the middle of the interval; only when {@link Status#FOUND}
 * @param low            the highest level decided passing (failing or flaky, on an axis that breaks below), when one was
 * @param high           the lowest level decided failing or flaky (passing, on an axis that breaks below), when one was
 * @param confidence     the chance that the decisions made are all right, 0 to 1
 * @param levelErrorRate the most one level's decision is wrong, computed exactly for the sequential test used
 * @param levels         every level tried, by level
 * @param cause          why the test failed at the breaking end of the interval
 * @param trials         trials run
 * @param wallTime       how long the search took
 * @param stoppedBy      what stopped an {@link Status#UNDECIDED} search: a budget, or an interrupt
 * @param undecided      what an {@link Status#UNDECIDED} search could not decide
 */
public record BreakingPointResult(Status status, SearchSettings settings, Optional<Level> level, Optional<Level> low,
        Optional<Level> high, double confidence, double levelErrorRate, List<LevelRecord> levels,
        Optional<BreakCause> cause, int trials, Duration wallTime, Optional<String> stoppedBy, List<String> undecided) {

    /** The cause named when no failed trial reported one. */
    public static final String NO_CAUSE = "cause not recorded";

    /** How a search ended. */
    public enum Status {
        /**
         * The test passes at the start of the range and fails at the end (on an axis that breaks below: passes
         * at {@code to}, fails at {@code from}); the interval is no wider than the resolution.
         */
        FOUND,
        /** The test passes at the breaking end of the range ({@code to}, or {@code from} on an axis that breaks below). */
        NO_BREAK_IN_RANGE,
        /** The test fails (or is flaky) where the search starts ({@code from}, or {@code to} on an axis that breaks below). */
        BROKEN_AT_START,
        /** A budget or an interrupt stopped the search first. */
        UNDECIDED
    }

    public BreakingPointResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        levels = List.copyOf(levels);
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(stoppedBy, "stoppedBy");
        undecided = List.copyOf(undecided);
    }

    /** The searched axis. */
    public BreakingAxis axis() {
        return settings.axis();
    }

    /** Levels decided (passing, failing or flaky). */
    public int decidedLevels() {
        return (int) levels.stream().filter(record -> record.decision() != LevelDecision.UNDECIDED).count();
    }

    /**
     * Whether the test was decided failing (or flaky) at a level at or below {@code requireAbove}, or at or
     * above {@code requireBelow}: the test must keep passing up (or down) to the bound and does not. False
     * without a bound.
     */
    public boolean violates() {
        if (settings.requireAbove().isPresent()) {
            double bound = settings.requireAbove().get();
            return levels.stream().anyMatch(record -> record.decision().failing() && record.level().value() <= bound);
        }
        if (settings.requireBelow().isPresent()) {
            double bound = settings.requireBelow().get();
            return levels.stream().anyMatch(record -> record.decision().failing() && record.level().value() >= bound);
        }
        return false;
    }

    /**
     * The summary: its first line states the result, such as
     * {@code breaking point: cpu 61% (60-62, 95%); at 62%: LOCK_CONTENTION (confidence 0.91)}; then the
     * proof at the first failing level, and the cost of the search.
     */
    public String summary() {
        StringBuilder out = new StringBuilder(headline());
        cause.filter(c -> !c.proof().isEmpty()).ifPresent(c -> {
            out.append("\n  proof at ").append(axis().format(c.level().value())).append(':');
            c.proof().forEach(line -> out.append("\n    ").append(line.replace("\n", "\n    ")));
        });
        int decided = decidedLevels();
        out.append("\n  ").append(decided).append(decided == 1 ? " level" : " levels").append(" decided in ")
                .append(trials).append(trials == 1 ? " trial, " : " trials, ")
                .append(String.format(Locale.ROOT, "%.1f s", wallTime.toNanos() / 1e9))
                .append("; each decision wrong with probability at most ")
                .append(String.format(Locale.ROOT, "%.2f%%", levelErrorRate * 100));
        return out.toString();
    }

    /** The first line of {@link #summary()}. */
    public String headline() {
        BreakingAxis axis = axis();
        return switch (status) {
            case FOUND -> "breaking point: " + level.orElseThrow().describe() + " (" + range(low.orElseThrow(),
                    high.orElseThrow()) + ", " + percent(confidence) + ")" + atCause();
            case NO_BREAK_IN_RANGE -> {
                LevelRecord end = record(low.or(() -> high).orElseThrow());
                yield "no breaking point: " + axis.label() + " passes " + (axis.breaksBelow() ? "down" : "up")
                        + " to " + axis.format(settings.breakingEnd()) + " (" + end.passes() + " of " + end.trials()
                        + " trials passed, " + percent(confidence) + ")";
            }
            case BROKEN_AT_START -> "breaking point: " + (axis.breaksBelow() ? "above " : "below ")
                    + axis.describe(settings.passingEnd()) + " (fails at the start of the range)" + atCause();
            case UNDECIDED -> "breaking point undecided (" + stoppedBy.orElse("stopped") + "): " + known()
                    + "; not decided: " + undecided.get(0);
        };
    }

    /**
     * One line per level tried, under a header: level, trials, passes, pass rate with its 95% Wilson
     * interval, decision.
     */
    public String levelTable() {
        int width = Math.max(5, levels.stream().mapToInt(r -> r.level().describe().length()).max().orElse(0));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %6s  %6s  %-22s  %s",
                "level", "trials", "passed", "pass rate (95% Wilson)", "decision"));
        for (LevelRecord record : levels) {
            PassRate rate = record.passRate();
            String shown = rate.trials() == 0 ? "-" : String.format(Locale.ROOT, "%d%% (%d-%d%%)",
                    Math.round(rate.estimate() * 100), Math.round(rate.low() * 100), Math.round(rate.high() * 100));
            out.append('\n').append(String.format(Locale.ROOT, "%-" + width + "s  %6d  %6d  %-22s  %s",
                    record.level().describe(), record.trials(), record.passes(), shown, record.decision()));
        }
        return out.toString();
    }

    private String atCause() {
        if (cause.isEmpty()) {
            return "";
        }
        BreakCause at = cause.get();
        LevelRecord record = record(at.level());
        String flaky = record.decision() == LevelDecision.FLAKY
                ? " (flaky, " + record.failures() + " of " + record.trials() + " failed)" : "";
        return "; at " + axis().format(at.level().value()) + flaky + ": " + at.cause();
    }

    private String known() {
        if (low.isPresent() && high.isPresent()) {
            return "between " + low.get().describe() + " and " + axis().format(high.get().value());
        }
        if (low.isPresent() || high.isPresent()) {
            return "passes at " + low.or(() -> high).orElseThrow().describe();
        }
        return "nothing decided";
    }

    private LevelRecord record(Level at) {
        return levels.stream().filter(r -> r.level().equals(at)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no record of " + at));
    }

    private String range(Level from, Level to) {
        BreakingAxis axis = axis();
        String separator = from.value() < 0 || to.value() < 0 ? " to " : "-";
        return axis.number(from.value()) + separator + axis.number(to.value());
    }

    /** Whole percent, rounded down: a confidence of 0.9999 is not shown as 100%. */
    static String percent(double confidence) {
        return (long) Math.floor(confidence * 100 + 1e-9) + "%";
    }
}
