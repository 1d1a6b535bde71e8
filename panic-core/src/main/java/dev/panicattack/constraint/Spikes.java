package dev.panicattack.constraint;

import java.time.Duration;
import java.util.Objects;

/**
 * Periodic spikes: every {@code every}, the target rises to {@code to} percent for {@code length}
 * (YAML key {@code for}). The first spike starts one period after pressure starts.
 */
public record Spikes(int to, Duration every, Duration length) {

    public Spikes {
        Percent.require("spikes.to", to);
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(length, "length");
        if (every.isNegative() || every.isZero()) {
            throw new ConstraintViolation("spikes.every", DurationText.format(every), "must be longer than zero", "");
        }
        if (length.isNegative() || length.isZero() || length.compareTo(every) >= 0) {
            throw new ConstraintViolation("spikes.for", DurationText.format(length),
                    "must be longer than zero and shorter than spikes.every (" + DurationText.format(every) + ")", "");
        }
    }
}
