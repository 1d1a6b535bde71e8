package dev.panicattack.fuse;

import dev.panicattack.internal.text.Figures;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named predicate over a {@link StateSample}, such as {@code heap >= 95}: the SAFE and CRITICAL
 * states of a {@link SafetyInvariant}. The name appears in every message about it.
 */
public record StateCondition(String name, Predicate<StateSample> test) {

    public StateCondition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(test, "test");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A state condition needs a name for messages, but it was blank;"
                    + " name it like StateCondition.of(\"heap >= 95\", sample -> sample.value(\"heap\") >= 95)");
        }
    }

    /** The condition {@code test}, shown as {@code name}. */
    public static StateCondition of(String name, Predicate<StateSample> test) {
        return new StateCondition(name, test);
    }

    /** {@code dimension >= value}. */
    public static StateCondition atLeast(String dimension, double value) {
        Objects.requireNonNull(dimension, "dimension");
        return new StateCondition(dimension + " >= " + Figures.number(value, 2), sample -> sample.value(dimension) >= value);
    }

    /** {@code dimension < value}. */
    public static StateCondition below(String dimension, double value) {
        Objects.requireNonNull(dimension, "dimension");
        return new StateCondition(dimension + " < " + Figures.number(value, 2), sample -> sample.value(dimension) < value);
    }

    /** Both this and {@code other}, named {@code this and other}. */
    public StateCondition and(StateCondition other) {
        Objects.requireNonNull(other, "other");
        return new StateCondition(name + " and " + other.name, sample -> test.test(sample) && other.test.test(sample));
    }

    /** Either this or {@code other}, named {@code this or other}. */
    public StateCondition or(StateCondition other) {
        Objects.requireNonNull(other, "other");
        return new StateCondition(name + " or " + other.name, sample -> test.test(sample) || other.test.test(sample));
    }
}
