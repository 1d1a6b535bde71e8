package dev.panicattack.pressure.axis;

import java.time.Duration;

/** A target level, in percent, as a function of the time since pressure started. */
@FunctionalInterface
public interface Waveform {

    /** The target in percent (0 to 100) at {@code elapsed} since pressure started. */
    double at(Duration elapsed);

    /** Constant level. */
    static Waveform constant(double percent) {
        return elapsed -> percent;
    }
}
