package dev.panicattack.fuse;

import dev.panicattack.internal.text.Figures;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The system's state at one moment: the time since sampling started, named dimensions (for example
 * {@code heap} and {@code cpu} in percent, {@code latency_ms} in milliseconds) and the reading of
 * each fuse by name. Maps keep their insertion order, which is the column order in trajectory
 * tables. Immutable.
 */
public record StateSample(Duration at, Map<String, Double> dimensions, Map<String, FuseReading> fuses) {

    public StateSample {
        Objects.requireNonNull(at, "at");
        if (at.isNegative()) {
            throw new IllegalArgumentException("A state sample's time must not be negative, but was " + at);
        }
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(dimensions, "dimensions")));
        fuses = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fuses, "fuses")));
        dimensions.forEach((name, value) -> {
            Objects.requireNonNull(value, () -> "dimension " + name);
        });
        fuses.values().forEach(reading -> Objects.requireNonNull(reading, "fuse reading"));
    }

    /** A sample of dimensions only. */
    public static StateSample of(Duration at, Map<String, Double> dimensions) {
        return new StateSample(at, dimensions, Map.of());
    }

    /**
     * The value of {@code dimension}.
     *
     * @throws IllegalArgumentException when this sample does not have it
     */
    public double value(String dimension) {
        Double value = dimensions.get(dimension);
        if (value == null) {
            throw new IllegalArgumentException("The sample at " + seconds(at) + " has no dimension '" + dimension
                    + "'; it has " + dimensions.keySet() + ": sample it with StateSampler.Builder.gauge(\"" + dimension
                    + "\", ...) or correct the name");
        }
        return value;
    }

    /** {@code at 1.2s {heap=96, latency_ms=120} fuses {breaker=OPEN 3}}, as in error messages. */
    public String describe() {
        StringBuilder text = new StringBuilder("at ").append(seconds(at)).append(" {");
        String separator = "";
        for (Map.Entry<String, Double> entry : dimensions.entrySet()) {
            text.append(separator).append(entry.getKey()).append('=').append(Figures.number(entry.getValue(), 2));
            separator = ", ";
        }
        text.append('}');
        if (!fuses.isEmpty()) {
            text.append(" fuses {");
            separator = "";
            for (Map.Entry<String, FuseReading> entry : fuses.entrySet()) {
                text.append(separator).append(entry.getKey()).append('=').append(entry.getValue().describe());
                separator = ", ";
            }
            text.append('}');
        }
        return text.toString();
    }

    /** Seconds with up to three decimals: 0s, 1.25s. */
    static String seconds(Duration at) {
        return Figures.number(at.toNanos() / 1e9, 3) + "s";
    }
}
