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
        if (load.isPresent() && ramp.isPresent()) {
            // A ramp sets the level from its 'from' to its 'to'; a load beside it would be ignored.
            throw new ConstraintViolation("cpu", "load " + load.getAsInt() + " and a ramp from " + ramp.get().from()
                    + " to " + ramp.get().to(), "must declare load or ramp, not both",
                    "keep the ramp (it ends at its 'to' and holds there) or the load");
        }
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

    /** Field by field; a level declared later (a load or a ramp) replaces the earlier level of either kind. */
    public CpuConstraint overriddenBy(CpuConstraint later) {
        boolean laterLevel = later.load.isPresent() || later.ramp.isPresent();
        return new CpuConstraint(
                laterLevel ? later.load : load,
                later.spikes.or(() -> spikes),
                laterLevel ? later.ramp : ramp);
    }
}
