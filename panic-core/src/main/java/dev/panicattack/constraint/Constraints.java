package dev.panicattack.constraint;

import java.util.Objects;
import java.util.Optional;

/**
 * A named combination of pressure on up to six axes, as declared (not yet defaulted).
 *
 * <p>Immutable. {@link #overriddenBy(Constraints)} merges two sets field by field, the argument
 * winning where both declare a field; this is how {@code extends:} and multi-name
 * {@code @ConstraintSet} compose.
 */
public record Constraints(
        String name,
        Optional<String> description,
        Optional<CpuConstraint> cpu,
        Optional<MemoryConstraint> memory,
        Optional<NetworkConstraint> network,
        Optional<DiskConstraint> disk,
        Optional<ConcurrencyConstraint> concurrency,
        Optional<TimeConstraint> time) {

    public Constraints {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(time, "time");
    }

    /** A set with the given name and no axis declared. */
    public static Constraints named(String name) {
        return new Constraints(name, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Constraints withDescription(String value) {
        return new Constraints(name, Optional.of(value), cpu, memory, network, disk, concurrency, time);
    }

    public Constraints withCpu(CpuConstraint value) {
        return new Constraints(name, description, Optional.of(value), memory, network, disk, concurrency, time);
    }

    public Constraints withMemory(MemoryConstraint value) {
        return new Constraints(name, description, cpu, Optional.of(value), network, disk, concurrency, time);
    }

    public Constraints withNetwork(NetworkConstraint value) {
        return new Constraints(name, description, cpu, memory, Optional.of(value), disk, concurrency, time);
    }

    public Constraints withDisk(DiskConstraint value) {
        return new Constraints(name, description, cpu, memory, network, Optional.of(value), concurrency, time);
    }

    public Constraints withConcurrency(ConcurrencyConstraint value) {
        return new Constraints(name, description, cpu, memory, network, disk, Optional.of(value), time);
    }

    public Constraints withTime(TimeConstraint value) {
        return new Constraints(name, description, cpu, memory, network, disk, concurrency, Optional.of(value));
    }

    /**
     * This set with every field that {@code later} declares replaced by {@code later}'s value. The
     * result carries {@code later}'s name.
     */
    public Constraints overriddenBy(Constraints later) {
        return new Constraints(
                later.name,
                later.description.or(() -> description),
                merge(cpu, later.cpu, CpuConstraint::overriddenBy),
                merge(memory, later.memory, MemoryConstraint::overriddenBy),
                merge(network, later.network, NetworkConstraint::overriddenBy),
                merge(disk, later.disk, DiskConstraint::overriddenBy),
                merge(concurrency, later.concurrency, ConcurrencyConstraint::overriddenBy),
                merge(time, later.time, TimeConstraint::overriddenBy));
    }

    /** True when no axis is declared. */
    public boolean isEmpty() {
        return cpu.isEmpty() && memory.isEmpty() && network.isEmpty() && disk.isEmpty()
                && concurrency.isEmpty() && time.isEmpty();
    }

    private static <T> Optional<T> merge(Optional<T> earlier, Optional<T> later,
            java.util.function.BinaryOperator<T> combine) {
        if (earlier.isEmpty()) {
            return later;
        }
        if (later.isEmpty()) {
            return earlier;
        }
        return Optional.of(combine.apply(earlier.get(), later.get()));
    }
}
