package dev.panicattack.pressure.axis;

import java.util.List;
import java.util.Objects;

/**
 * Target versus achieved over time for one axis, in {@code unit} (for example {@code "%cpu"} or
 * {@code "%heap"}). Immutable snapshot.
 */
public record PressureTrace(String axis, String unit, List<PressureSample> samples) {

    public PressureTrace {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(unit, "unit");
        samples = List.copyOf(samples);
    }

    /**
     * The samples taken after {@code cutoff} (time since the stressor started): what the test ran
     * under once pressure was established. All of them if none came after, for a test too short to
     * have samples of its own.
     */
    public PressureTrace after(java.time.Duration cutoff) {
        List<PressureSample> later = samples.stream().filter(sample -> sample.at().compareTo(cutoff) > 0).toList();
        return later.isEmpty() ? this : new PressureTrace(axis, unit, later);
    }

    /** Mean achieved level over all samples, or NaN when there are none. */
    public double meanAchieved() {
        return samples.stream().mapToDouble(PressureSample::achieved).average().orElse(Double.NaN);
    }

    /** Mean target level over all samples, or NaN when there are none. */
    public double meanTarget() {
        return samples.stream().mapToDouble(PressureSample::target).average().orElse(Double.NaN);
    }
}
