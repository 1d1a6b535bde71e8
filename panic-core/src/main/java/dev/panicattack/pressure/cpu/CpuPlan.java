package dev.panicattack.pressure.cpu;

import dev.panicattack.constraint.Axis;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.RampWave;
import dev.panicattack.pressure.axis.Stressor;
import dev.panicattack.pressure.axis.Waveform;
import java.util.Objects;

/**
 * The resolved CPU axis: the target share of the JVM's CPU capacity, in percent, over time, and
 * its human summary (for example {@code cpu 80% (spikes to 100% every 10s for 2s)}).
 * Semantics: {@code docs/cpu-pressure.md}.
 */
public record CpuPlan(Waveform target, String description) implements AxisPlan {

    public CpuPlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public Axis axis() {
        return Axis.CPU;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Stressor newStressor() {
        return new CpuStressor(target);
    }

    /** A constant target of {@code percent} (0 to 100). */
    public static CpuPlan constant(double percent) {
        RampWave.requirePercent("cpu.load", percent);
        return new CpuPlan(Waveform.constant(percent), "cpu " + Figures.percent(percent));
    }
}
