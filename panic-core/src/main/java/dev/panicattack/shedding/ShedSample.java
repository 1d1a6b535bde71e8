package dev.panicattack.shedding;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one sample saw: when (since the check started), whether pressure was still applied, the
 * pressure level then (NaN once lifted or before the first measurement), which components were
 * shedding, and how long each latency probe took.
 */
public record ShedSample(Duration at, boolean underPressure, double pressureLevel, Set<String> shedding,
        Map<String, Duration> latencies) {

    public ShedSample {
        Objects.requireNonNull(at, "at");
        shedding = Set.copyOf(shedding);
        latencies = Map.copyOf(latencies);
    }
}
