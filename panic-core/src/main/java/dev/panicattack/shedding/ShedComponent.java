package dev.panicattack.shedding;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One declared component of a {@link SheddingPlan}: its name, its priority (1 is never shed; the
 * higher the number, the earlier it must shed), how to tell whether it is shedding now, and for a
 * priority-1 component an optional latency budget with the probe that measures it.
 */
public record ShedComponent(String name, int priority, BooleanSupplier shedding,
        Optional<Duration> latencyBudget, Optional<LatencyProbe> latencyProbe, String declaredAt) {

    public ShedComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shedding, "shedding");
        Objects.requireNonNull(latencyBudget, "latencyBudget");
        Objects.requireNonNull(latencyProbe, "latencyProbe");
        Objects.requireNonNull(declaredAt, "declaredAt");
        if (latencyBudget.isPresent() != latencyProbe.isPresent()) {
            throw new IllegalArgumentException("component '" + name
                    + "': a latency budget needs a latency probe and a probe needs a budget");
        }
    }

    /** {@code 'cache' (priority 3)}, as in messages. */
    public String label() {
        return "'" + name + "' (priority " + priority + ")";
    }
}
