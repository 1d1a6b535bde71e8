package dev.panicattack.pressure.memory;

import dev.panicattack.constraint.Axis;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.RampWave;
import dev.panicattack.pressure.axis.Stressor;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The resolved heap axis. The target occupancy at {@code t} seconds is
 * {@code min(ceilingPercent, base + leakPercentPerSecond * t)} percent of the maximum heap, where
 * {@code base} is {@code basePercent}, or the live occupancy measured at start when it is empty.
 * Semantics: {@code docs/heap-pressure.md}.
 */
public record HeapPlan(OptionalDouble basePercent, double leakPercentPerSecond, double ceilingPercent) implements AxisPlan {

    /** Ceiling used when a constraint set does not declare {@code memory.ceiling}. */
    public static final double DEFAULT_CEILING_PERCENT = 95;

    public HeapPlan {
        Objects.requireNonNull(basePercent, "basePercent");
        basePercent.ifPresent(value -> RampWave.requirePercent("memory.heap", value));
        if (!(leakPercentPerSecond >= 0 && leakPercentPerSecond <= 100)) {
            throw new IllegalArgumentException(
                    "memory.leakRate must be between 0 and 100 percent per second, but was " + leakPercentPerSecond);
        }
        RampWave.requirePercent("memory.ceiling", ceilingPercent);
        if (basePercent.isPresent() && ceilingPercent < basePercent.getAsDouble()) {
            throw new IllegalArgumentException("memory.ceiling (" + Figures.number(ceilingPercent, 2)
                    + ") must be at least memory.heap (" + Figures.number(basePercent.getAsDouble(), 2)
                    + "); raise memory.ceiling or lower memory.heap");
        }
    }

    /** The target occupancy in percent at {@code seconds} after start, given the base in percent. */
    public double targetAt(double base, double seconds) {
        return Math.min(ceilingPercent, base + leakPercentPerSecond * Math.max(0, seconds));
    }

    @Override
    public Axis axis() {
        return Axis.MEMORY;
    }

    @Override
    public Stressor newStressor() {
        return new HeapBallast(this);
    }

    /** Human summary, for example {@code heap 70% +2%/s up to 95%}. */
    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("heap ");
        text.append(basePercent.isPresent() ? Figures.percent(basePercent.getAsDouble()) : "as at start");
        if (leakPercentPerSecond > 0) {
            text.append(" +").append(Figures.percent(leakPercentPerSecond)).append("/s up to ")
                    .append(Figures.percent(ceilingPercent));
        }
        return text.toString();
    }
}
