package dev.panicattack.pressure.axis;

import java.time.Duration;
import java.util.Objects;

/**
 * Periodic spikes over a base waveform: the first spike starts one {@code every} after pressure
 * starts and lasts {@code length}; during a spike the target is {@code max(base, to)}, otherwise it
 * is the base. A pure function of the elapsed time.
 */
public record SpikeWave(Waveform base, double to, Duration every, Duration length) implements Waveform {

    public SpikeWave {
        Objects.requireNonNull(base, "base");
        RampWave.requirePercent("spikes.to", to);
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(length, "length");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("spikes.every must be positive, but was " + every);
        }
        if (length.isNegative() || length.isZero() || length.compareTo(every) >= 0) {
            throw new IllegalArgumentException(
                    "spikes.for must be positive and shorter than spikes.every (" + every + "), but was " + length);
        }
    }

    @Override
    public double at(Duration elapsed) {
        double level = base.at(elapsed);
        return inSpike(elapsed) ? Math.max(level, to) : level;
    }

    /** True when {@code elapsed} falls inside a spike window. */
    public boolean inSpike(Duration elapsed) {
        if (elapsed.compareTo(every) < 0) {
            return false;
        }
        long phase = elapsed.toNanos() % every.toNanos();
        return phase < length.toNanos();
    }
}
