package dev.panicattack.constraint;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * CPU axis: {@code load} percent of the CPU capacity granted to this JVM, optionally shaped by
 * periodic {@code spikes} or a {@code ramp}. Semantics: {@code docs/cpu-pressure.md}.
 */
public record CpuConstraint(OptionalInt load, Optional<Spikes> spikes, Optional<Ramp> ramp) {

    public CpuConstraint {
        load.ifPresent(value -> Percent.require("cpu.load", value));
    }

    public static CpuConstraint ofLoad(int load) {
        return new CpuConstraint(OptionalInt.of(load), Optional.empty(), Optional.empty());
    }

    public CpuConstraint withSpikes(Spikes value) {
        return new CpuConstraint(load, Optional.of(value), ramp);
    }

    public CpuConstraint withRamp(Ramp value) {
        return new CpuConstraint(load, spikes, Optional.of(value));
    }

    public CpuConstraint overriddenBy(CpuConstraint later) {
        return new CpuConstraint(
                later.load.isPresent() ? later.load : load,
                later.spikes.or(() -> spikes),
                later.ramp.or(() -> ramp));
    }
}
