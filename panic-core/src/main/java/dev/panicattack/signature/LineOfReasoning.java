package dev.panicattack.signature;

import java.util.Objects;

/**
 * One independent line of reasoning behind a {@link Signature}: the rule that concluded it and the
 * strength it counted with (the rule's calibrated precision, or its weight, times the weights of the
 * rules it rests on).
 */
public record LineOfReasoning(String rule, double strength) {

    public LineOfReasoning {
        Objects.requireNonNull(rule, "rule");
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be in (0, 1], but was " + strength + " for rule " + rule);
        }
    }

    /**
     * The confidence that independent lines of reasoning give together: {@code 1 - (1 - s1)(1 - s2)...},
     * the chance that not all of them are wrong when each is wrong on its own.
     */
    public static double combined(Iterable<Double> strengths) {
        double doubt = 1;
        for (double strength : strengths) {
            doubt *= 1 - strength;
        }
        return Math.min(1, Math.max(Double.MIN_VALUE, 1 - doubt));
    }
}
