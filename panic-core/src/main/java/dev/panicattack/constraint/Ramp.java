package dev.panicattack.constraint;

import java.time.Duration;
import java.util.Objects;

/** A linear ramp of the target from {@code from} to {@code to} percent over {@code over}, then held at {@code to}. */
public record Ramp(int from, int to, Duration over) {

    public Ramp {
        Percent.require("ramp.from", from);
        Percent.require("ramp.to", to);
        Objects.requireNonNull(over, "over");
        if (over.isNegative() || over.isZero()) {
            throw new ConstraintViolation("ramp.over", DurationText.format(over), "must be longer than zero", "");
        }
    }
}
