package dev.panicattack.breakingpoint;

import java.util.Objects;

/**
 * One level of one axis: what a trial runs the test under.
 *
 * @param axis  the axis
 * @param value the level, in the axis's unit, inside its range
 */
public record Level(BreakingAxis axis, double value) implements Comparable<Level> {

    public Level {
        Objects.requireNonNull(axis, "axis");
        if (!Double.isFinite(value) || value < axis.minimum() || value > axis.maximum()) {
            throw new IllegalArgumentException("a level of " + axis.key() + " must be between "
                    + axis.number(axis.minimum()) + " and " + axis.number(axis.maximum()) + ", but was " + value);
        }
    }

    /** {@code level} as a constraint-set value; see {@link BreakingAxis#constraintValue(double)}. */
    public java.util.Optional<String> constraintValue() {
        return axis.constraintValue(value);
    }

    /** {@code cpu 62%}. */
    public String describe() {
        return axis.describe(value);
    }

    @Override
    public int compareTo(Level other) {
        return Double.compare(value, other.value);
    }

    @Override
    public String toString() {
        return describe();
    }
}
