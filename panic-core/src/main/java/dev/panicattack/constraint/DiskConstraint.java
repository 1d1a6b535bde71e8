package dev.panicattack.constraint;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Disk axis: {@code fill} percent of the test's disk budget, and added write {@code latency}. Declared now, applied by the disk stressor. */
public record DiskConstraint(OptionalInt fill, Optional<Duration> latency) {

    public DiskConstraint {
        fill.ifPresent(value -> Percent.require("disk.fill", value));
    }

    public static DiskConstraint none() {
        return new DiskConstraint(OptionalInt.empty(), Optional.empty());
    }

    public DiskConstraint overriddenBy(DiskConstraint later) {
        return new DiskConstraint(
                later.fill.isPresent() ? later.fill : fill,
                later.latency.or(() -> latency));
    }
}
