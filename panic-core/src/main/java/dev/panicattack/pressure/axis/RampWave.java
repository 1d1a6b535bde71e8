package dev.panicattack.pressure.axis;

import java.time.Duration;
import java.util.Objects;

/**
 * A linear ramp from {@code from} to {@code to} percent over {@code over}, held at {@code to}
 * afterwards. A pure function of the elapsed time.
 */
public record RampWave(double from, double to, Duration over) implements Waveform {

    public RampWave {
        requirePercent("ramp.from", from);
        requirePercent("ramp.to", to);
        Objects.requireNonNull(over, "over");
        if (over.isNegative() || over.isZero()) {
            throw new IllegalArgumentException("ramp.over must be positive, but was " + over);
        }
    }

    @Override
    public double at(Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            return from;
        }
        if (elapsed.compareTo(over) >= 0) {
            return to;
        }
        // Weighted form: exact at whole-number points, unlike from + (to - from) * fraction.
        double done = elapsed.toNanos();
        double total = over.toNanos();
        return (from * (total - done) + to * done) / total;
    }

    public static void requirePercent(String field, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(field + " must be between 0 and 100, but was " + value);
        }
    }
}
