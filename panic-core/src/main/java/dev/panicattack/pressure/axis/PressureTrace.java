package dev.panicattack.pressure.axis;

import dev.panicattack.constraint.Axis;
import java.util.List;
import java.util.Objects;

/**
 * Target versus achieved over time for one series of an axis, in {@code unit} (for example
 * {@code "%cpu"} or {@code "%heap"}). The {@link #series()} names it in facts and reports: the axis's
 * key for its main trace ({@code cpu}, {@code memory}), a name of its own for the others
 * ({@code cpu-machine}, {@code cpu-burners}, {@code heap-ballast}, {@code disk-contention}).
 * Immutable snapshot.
 */
public record PressureTrace(Axis axis, String series, String unit, List<PressureSample> samples) {

    public PressureTrace {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(unit, "unit");
        samples = List.copyOf(samples);
    }

    /** The main trace of {@code axis}: its series is the axis's key. */
    public PressureTrace(Axis axis, String unit, List<PressureSample> samples) {
        this(axis, axis.key(), unit, samples);
    }

    /** The same series with other samples. */
    public PressureTrace withSamples(List<PressureSample> others) {
        return new PressureTrace(axis, series, unit, others);
    }

    /**
     * The samples taken after {@code cutoff} (time since the stressor started): what the test ran
     * under once pressure was established. All of them if none came after, for a test too short to
     * have samples of its own.
     */
    public PressureTrace after(java.time.Duration cutoff) {
        List<PressureSample> later = samples.stream().filter(sample -> sample.at().compareTo(cutoff) > 0).toList();
        return later.isEmpty() ? this : withSamples(later);
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
