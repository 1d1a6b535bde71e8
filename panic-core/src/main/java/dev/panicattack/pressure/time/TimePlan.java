package dev.panicattack.pressure.time;

import dev.panicattack.constraint.Axis;
import dev.panicattack.constraint.ClockJump;
import dev.panicattack.constraint.DurationText;
import dev.panicattack.constraint.TimeConstraint;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.Stressor;
import dev.panicattack.subject.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The resolved time axis: at real time {@code t} after the axis is established, the subject's wall
 * clock reads real time plus {@link #offsetAt(Duration) offset(t) = skew + drift * t + the jumps
 * that happened by t}. Only calls the {@code subject} makes are shifted; {@link System#nanoTime()}
 * is never touched. Semantics: {@code docs/time-pressure.md}.
 */
public record TimePlan(Duration skew, Duration drift, List<ClockJump> jumps, Subject subject) implements AxisPlan {

    public TimePlan {
        Objects.requireNonNull(skew, "skew");
        Objects.requireNonNull(drift, "drift");
        jumps = List.copyOf(jumps);
        Objects.requireNonNull(subject, "subject");
        // The record validates the ranges once, with the messages users see for YAML and annotations.
        new TimeConstraint(Optional.of(skew), Optional.of(drift), jumps);
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("the time axis shifts the wall clock of the subject's own calls, but the"
                    + " subject is empty; name the code under test (a package or class)");
        }
    }

    /**
     * Applies the defaults (skew 0, drift 0, no jumps) to a declared constraint.
     *
     * @throws IllegalArgumentException when the constraint declares nothing or the subject is empty
     */
    public static TimePlan resolve(String setName, TimeConstraint constraint, Subject subject) {
        Objects.requireNonNull(constraint, "constraint");
        if (constraint.isEmpty()) {
            throw new IllegalArgumentException("Constraint set '" + setName + "' declares a time section with none of"
                    + " skew, drift or jumps; add 'skew: -30s', 'drift: +50ms/s' or 'jumps: [{ at: 2s, by: -1h }]',"
                    + " or remove the 'time:' section");
        }
        return new TimePlan(constraint.skew().orElse(Duration.ZERO), constraint.drift().orElse(Duration.ZERO),
                constraint.jumps(), subject);
    }

    /** The offset of the subject's wall clock at real elapsed time {@code elapsed} (not negative). */
    public Duration offsetAt(Duration elapsed) {
        return Duration.ofNanos(offsetNanosAt(elapsed.toNanos()));
    }

    /** {@link #offsetAt} in nanoseconds, for the hook's hot path. */
    long offsetNanosAt(long elapsedNanos) {
        long elapsed = Math.max(0, elapsedNanos);
        // A double keeps drift * t exact to well under a microsecond for any test length, and cannot overflow.
        long offset = skew.toNanos() + Math.round((double) drift.toNanos() * elapsed / 1e9);
        for (ClockJump jump : jumps) {
            long count = jump.countBy(Duration.ofNanos(elapsed));
            offset += count * jump.by().toNanos();
        }
        return offset;
    }

    /** Every jump occurrence up to {@code elapsed}, in time order, at most {@code limit} of them. */
    public List<Occurrence> occurrencesBy(Duration elapsed, int limit) {
        List<Occurrence> all = new ArrayList<>();
        for (ClockJump jump : jumps) {
            long count = Math.min(jump.countBy(elapsed), limit);
            for (long n = 0; n < count; n++) {
                all.add(new Occurrence(jump.occurrence(n), jump.by()));
            }
        }
        all.sort((a, b) -> a.at().compareTo(b.at()));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    /** One jump that happened: at real elapsed time {@code at}, by {@code by}. */
    public record Occurrence(Duration at, Duration by) {
        public Occurrence {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }
    }

    @Override
    public Axis axis() {
        return Axis.TIME;
    }

    @Override
    public Stressor newStressor() {
        return new ClockShift(this);
    }

    /** For example {@code clock skew -30s, drift +50ms/s, jumps -1h at 2s}; only the declared parts. */
    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!skew.isZero()) {
            parts.add("skew " + DurationText.format(skew));
        }
        if (!drift.isZero()) {
            parts.add("drift " + TimeConstraint.formatDrift(drift));
        }
        if (!jumps.isEmpty()) {
            parts.add("jumps " + jumps.stream().map(ClockJump::describe).collect(Collectors.joining(", ")));
        }
        return parts.isEmpty() ? "clock unchanged" : "clock " + String.join(", ", parts);
    }
}
