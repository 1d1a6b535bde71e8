package dev.panicattack.pressure;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.panicattack.constraint.ConstraintSetName;

/**
 * Where a trial's pressure was declared: a set applied to the whole run, a set the test names, values
 * written on the test itself, the axes {@code @Assail} chose from its findings, or changes made in code.
 * A trial keeps its sources from the declaration to the verdict, in the order they were merged (each
 * overrides the ones before it field by field), so the failure message and the report can say which
 * sets and annotations the pressure came from. Immutable.
 */
public sealed interface PressureSource {

    /** How the failure message names this source: a set by its name, the others by their front door. */
    String label();

    /** How the report names this source, with where it was declared. */
    String describe();

    /**
     * The labels of {@code sources}, in merge order, joined with {@code " + "}: for example
     * {@code production-spike + @UnderPressure}.
     */
    static String labels(List<PressureSource> sources) {
        return sources.stream().map(PressureSource::label).collect(Collectors.joining(" + "));
    }

    /** A set every test of the run is under ({@code panic.constraintSet}). */
    record RunWideSet(ConstraintSetName name) implements PressureSource {

        public RunWideSet {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String label() {
            return name.value();
        }

        @Override
        public String describe() {
            return "set " + name.value() + " (run-wide, panic.constraintSet)";
        }
    }

    /** A set the test names ({@code @ConstraintSet}). */
    record NamedSet(ConstraintSetName name) implements PressureSource {

        public NamedSet {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String label() {
            return name.value();
        }

        @Override
        public String describe() {
            return "set " + name.value() + " (@ConstraintSet)";
        }
    }

    /** Values written on the test itself ({@code @UnderPressure}'s attributes). */
    record Inline() implements PressureSource {

        @Override
        public String label() {
            return "@UnderPressure";
        }

        @Override
        public String describe() {
            return "@UnderPressure attributes";
        }
    }

    /** The axes {@code @Assail} chose from its static findings. */
    record AttackChoice() implements PressureSource {

        @Override
        public String label() {
            return "@Assail";
        }

        @Override
        public String describe() {
            return "@Assail's choice from its findings";
        }
    }

    /**
     * One level of one axis that a breaking-point search put the test under
     * ({@code panic.breakingPoint.level}), merged last, over every other declaration.
     *
     * @param axisKey the axis's constraint key, such as {@code cpu.load}
     * @param value   the level, in the axis's unit
     */
    record BreakingPointLevel(String axisKey, double value) implements PressureSource {

        public BreakingPointLevel {
            Objects.requireNonNull(axisKey, "axisKey");
        }

        @Override
        public String label() {
            return "breaking point " + axisKey + "=" + (value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value) : Double.toString(value));
        }

        @Override
        public String describe() {
            return label() + " (a breaking-point search's level, panic.breakingPoint.level)";
        }
    }

    /** Changes the test made in code through a {@link PressureControl}. */
    record InCode() implements PressureSource {

        @Override
        public String label() {
            return "in code";
        }

        @Override
        public String describe() {
            return "changes in code (PressureControl)";
        }
    }
}
