package dev.panicattack.fuse;

import dev.panicattack.internal.text.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Every critical state is followed by a safe state within {@code within}, through some fuse",
 * checked over sampled states.
 *
 * <p>Exactly: for every sample {@code c} where {@link #critical()} holds, there must be a later
 * sample {@code s} with {@code s.at <= c.at + within} where {@link #safe()} holds and some fuse
 * acted between them: a fuse whose shed count at {@code s} is above its count at {@code c}, or
 * whose state moved into {@link FuseState#OPEN} or {@link FuseState#HALF_OPEN} at a sample from
 * {@code c} to {@code s} (a move at {@code c} itself counts: the fuse tripped as the critical state
 * was seen). The fuses considered are those of the critical sample. When samples end before
 * {@code c.at + within} without such an {@code s}, that is a violation too: the recovery was not
 * seen. The first critical sample without a recovery is the counter-example; its trajectory is
 * every sample from it to {@code within} later. Semantics: {@code docs/safety-invariant.md}.
 */
public record SafetyInvariant(String name, StateCondition safe, StateCondition critical, Duration within) {

    public SafetyInvariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(safe, "safe");
        Objects.requireNonNull(critical, "critical");
        Objects.requireNonNull(within, "within");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A safety invariant needs a name for its messages, but it was blank;"
                    + " name it like SafetyInvariant.of(\"heap recovers\", safe, critical, Duration.ofSeconds(2))");
        }
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("Safety invariant '" + name + "': within must be positive, but was "
                    + within + "; give the time a fuse has to bring the system back, like Duration.ofSeconds(2)");
        }
    }

    /** The invariant named {@code name}: every {@code critical} state followed by a {@code safe} one within {@code within}. */
    public static SafetyInvariant of(String name, StateCondition safe, StateCondition critical, Duration within) {
        return new SafetyInvariant(name, safe, critical, within);
    }

    /**
     * Checks {@code samples} (in time order).
     *
     * @throws IllegalArgumentException when there are no samples, they are out of order, or none carries a fuse
     * @throws IllegalStateException when a predicate throws; the message names the predicate and the sample
     */
    public InvariantCheck check(List<StateSample> samples) {
        Objects.requireNonNull(samples, "samples");
        List<StateSample> series = List.copyOf(samples);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("Safety invariant '" + name + "' has no samples to check;"
                    + " record them with a StateSampler while pressure is applied");
        }
        for (int i = 1; i < series.size(); i++) {
            if (series.get(i).at().compareTo(series.get(i - 1).at()) < 0) {
                throw new IllegalArgumentException("Safety invariant '" + name + "' needs samples in time order, but the sample "
                        + series.get(i).describe() + " comes after the sample " + series.get(i - 1).describe());
            }
        }
        if (series.stream().allMatch(sample -> sample.fuses().isEmpty())) {
            throw new IllegalArgumentException("Safety invariant '" + name + "' needs at least one fuse in the samples,"
                    + " but they have none; add the fuses that should act with StateSampler.Builder.fuse(...)");
        }
        boolean[] isCritical = new boolean[series.size()];
        boolean[] isSafe = new boolean[series.size()];
        for (int i = 0; i < series.size(); i++) {
            isCritical[i] = evaluate("CRITICAL", critical, series.get(i));
            isSafe[i] = evaluate("SAFE", safe, series.get(i));
        }
        int criticalStates = 0;
        for (int c = 0; c < series.size(); c++) {
            if (!isCritical[c]) {
                continue;
            }
            criticalStates++;
            Duration deadline = series.get(c).at().plus(within);
            int firstSafe = -1;
            boolean recovered = false;
            int end = c;
            for (int s = c + 1; s < series.size() && series.get(s).at().compareTo(deadline) <= 0; s++) {
                end = s;
                if (isSafe[s]) {
                    if (firstSafe < 0) {
                        firstSafe = s;
                    }
                    if (fuseActed(series, c, s)) {
                        recovered = true;
                        break;
                    }
                }
            }
            if (!recovered) {
                StateSample last = series.get(series.size() - 1);
                String reason;
                if (firstSafe >= 0) {
                    reason = "it was safe at " + StateSample.seconds(series.get(firstSafe).at())
                            + ", but no fuse acted from the critical state to then";
                } else if (last.at().compareTo(deadline) < 0) {
                    reason = "the samples end at " + StateSample.seconds(last.at()) + ", before "
                            + StateSample.seconds(deadline) + ", with no safe state: sample for longer";
                } else {
                    reason = "no sample up to " + StateSample.seconds(deadline) + " is safe";
                }
                return new InvariantCheck(this, series.size(), criticalStates,
                        Optional.of(new CounterExample(series.get(c), series.subList(c, end + 1), reason)));
            }
        }
        return new InvariantCheck(this, series.size(), criticalStates, Optional.empty());
    }

    /**
     * Checks {@code samples} and throws when the invariant does not hold.
     *
     * @throws SafetyInvariantViolation with the counter-example's trajectory
     */
    public void verify(List<StateSample> samples) {
        InvariantCheck result = check(samples);
        if (!result.holds()) {
            throw new SafetyInvariantViolation(result.message());
        }
    }

    private boolean evaluate(String role, StateCondition condition, StateSample sample) {
        try {
            return condition.test().test(sample);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Safety invariant '" + name + "': the " + role + " predicate '" + condition.name()
                    + "' threw " + e + " on the sample " + sample.describe()
                    + "; make the predicate hold or fail for every sampled state", e);
        }
    }

    private static boolean fuseActed(List<StateSample> series, int from, int to) {
        for (Map.Entry<String, FuseReading> fuse : series.get(from).fuses().entrySet()) {
            FuseReading after = series.get(to).fuses().get(fuse.getKey());
            if (after != null && after.shedCount() > fuse.getValue().shedCount()) {
                return true;
            }
            for (int k = Math.max(1, from); k <= to; k++) {
                FuseReading now = series.get(k).fuses().get(fuse.getKey());
                FuseReading before = series.get(k - 1).fuses().get(fuse.getKey());
                if (now != null && now.state() != FuseState.CLOSED && (before == null || before.state() != now.state())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first critical sample without a recovery, its trajectory (itself to {@code within} later) and why. */
    public record CounterExample(StateSample critical, List<StateSample> trajectory, String reason) {

        public CounterExample {
            Objects.requireNonNull(critical, "critical");
            trajectory = List.copyOf(trajectory);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The outcome of {@link SafetyInvariant#check}: whether it holds, over how many samples, and the counter-example. */
    public record InvariantCheck(SafetyInvariant invariant, int samples, int criticalStates,
            Optional<CounterExample> counterExample) {

        public InvariantCheck {
            Objects.requireNonNull(invariant, "invariant");
            Objects.requireNonNull(counterExample, "counterExample");
        }

        /** True when every critical state recovered through a fuse in time. */
        public boolean holds() {
            return counterExample.isEmpty();
        }

        /**
         * When it holds: {@code Safety invariant 'heap recovers' holds over 40 samples: 3 critical
         * states (heap >= 95), each followed by a safe state (heap < 80) through a fuse within 2s}.
         * When not: the critical state, the reason, and the trajectory as a table.
         */
        public String message() {
            SafetyInvariant inv = invariant;
            if (holds()) {
                return "Safety invariant '" + inv.name() + "' holds over " + samples + " samples: " + criticalStates
                        + " critical state" + (criticalStates == 1 ? "" : "s") + " (" + inv.critical().name() + "), "
                        + (criticalStates == 1 ? "" : "each ") + "followed by a safe state (" + inv.safe().name()
                        + ") through a fuse within " + Figures.duration(inv.within());
            }
            CounterExample example = counterExample.get();
            List<StateSample> trajectory = example.trajectory();
            return "Safety invariant '" + inv.name() + "' violated: the critical state (" + inv.critical().name() + ") at "
                    + StateSample.seconds(example.critical().at()) + " was not followed by a safe state ("
                    + inv.safe().name() + ") through a fuse within " + Figures.duration(inv.within()) + "; "
                    + example.reason() + ".\nTrajectory from " + StateSample.seconds(trajectory.get(0).at()) + " to "
                    + StateSample.seconds(trajectory.get(trajectory.size() - 1).at()) + ":\n" + table(trajectory);
        }

        private String table(List<StateSample> trajectory) {
            Set<String> dimensions = new LinkedHashSet<>();
            Set<String> fuses = new LinkedHashSet<>();
            trajectory.forEach(sample -> {
                dimensions.addAll(sample.dimensions().keySet());
                fuses.addAll(sample.fuses().keySet());
            });
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>();
            header.add("at");
            header.addAll(dimensions);
            header.addAll(fuses);
            header.add("critical");
            header.add("safe");
            rows.add(header);
            for (StateSample sample : trajectory) {
                List<String> row = new ArrayList<>();
                row.add(StateSample.seconds(sample.at()));
                for (String dimension : dimensions) {
                    Double value = sample.dimensions().get(dimension);
                    row.add(value == null ? "-" : Figures.number(value, 2));
                }
                for (String fuse : fuses) {
                    FuseReading reading = sample.fuses().get(fuse);
                    row.add(reading == null ? "-" : reading.describe());
                }
                // Already evaluated without error during the check.
                row.add(invariant.critical().test().test(sample) ? "yes" : "no");
                row.add(invariant.safe().test().test(sample) ? "yes" : "no");
                rows.add(row);
            }
            int[] widths = new int[header.size()];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            StringBuilder text = new StringBuilder();
            for (List<String> row : rows) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < row.size(); i++) {
                    line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length())).append("  ");
                }
                text.append(line.toString().stripTrailing());
            }
            return text.toString();
        }
    }
}
