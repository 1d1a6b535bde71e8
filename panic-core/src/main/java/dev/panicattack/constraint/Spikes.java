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
            throw new IllegalArgumentException("spikes.every must be positive, but was " + DurationText.format(every));
        }
        if (length.isNegative() || length.isZero() || length.compareTo(every) >= 0) {
            throw new IllegalArgumentException(
                    "spikes.for must be positive and shorter than spikes.every (" + DurationText.format(every) + "), but was "
                            + DurationText.format(length));
        }
    }
}
