package dev.panicattack.pressure.axis;

import java.time.Duration;
import java.util.Objects;

/**
 * A waveform that can be re-aimed while a stressor follows it: from a given elapsed time on, it
 * follows a new waveform whose own time starts there. Lets {@code PressureControl} change the CPU
 * target without restarting the burners. Thread-safe; not a pure function of time, unlike the
 * declared waveforms.
 */
public final class LevelSchedule implements Waveform {

    private volatile Segment segment;

    public LevelSchedule(Waveform initial) {
        this.segment = new Segment(Duration.ZERO, Objects.requireNonNull(initial, "initial"));
    }

    /** From {@code from} (elapsed since the stressor started) on, follow {@code wave}, its time counted from {@code from}. */
    public void follow(Waveform wave, Duration from) {
        segment = new Segment(from, Objects.requireNonNull(wave, "wave"));
    }

    @Override
    public double at(Duration elapsed) {
        Segment current = segment;
        Duration since = elapsed.minus(current.from());
        return current.wave().at(since.isNegative() ? Duration.ZERO : since);
    }

    private record Segment(Duration from, Waveform wave) {
    }
}
