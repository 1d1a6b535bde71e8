package dev.panicattack.constraint;

import java.util.Objects;
import java.util.Optional;

/**
 * A named combination of pressure on up to six axes, as declared (not yet defaulted).
 *
 * <p>Immutable. {@link #overriddenBy(ConstraintSet)} merges two sets field by field, the argument
 * winning where both declare a field; this is how {@code extends:} and multi-name
 * {@code @ConstraintSet} compose.
 */
public record ConstraintSet(
        String name,
        Optional<String> description,
        Optional<CpuConstraint> cpu,
        Optional<MemoryConstraint> memory,
        Optional<NetworkConstraint> network,
        Optional<DiskConstraint> disk,
        Optional<ConcurrencyConstraint> concurrency,
        Optional<TimeConstraint> time) {

    public ConstraintSet {
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
    public static ConstraintSet named(String name) {
        return new ConstraintSet(name, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ConstraintSet withDescription(String value) {
        return new ConstraintSet(name, Optional.of(value), cpu, memory, network, disk, concurrency, time);
    }

    public ConstraintSet withCpu(CpuConstraint value) {
        return new ConstraintSet(name, description, Optional.of(value), memory, network, disk, concurrency, time);
    }

    public ConstraintSet withMemory(MemoryConstraint value) {
        return new ConstraintSet(name, description, cpu, Optional.of(value), network, disk, concurrency, time);
    }

    public ConstraintSet withNetwork(NetworkConstraint value) {
        return new ConstraintSet(name, description, cpu, memory, Optional.of(value), disk, concurrency, time);
    }

    public ConstraintSet withDisk(DiskConstraint value) {
        return new ConstraintSet(name, description, cpu, memory, network, Optional.of(value), concurrency, time);
    }

    public ConstraintSet withConcurrency(ConcurrencyConstraint value) {
        return new ConstraintSet(name, description, cpu, memory, network, disk, Optional.of(value), time);
    }

    public ConstraintSet withTime(TimeConstraint value) {
        return new ConstraintSet(name, description, cpu, memory, network, disk, concurrency, Optional.of(value));
    }

    /**
     * This set with every field that {@code later} declares replaced by {@code later}'s value. The
     * result carries {@code later}'s name.
     */
    public ConstraintSet overriddenBy(ConstraintSet later) {
        return new ConstraintSet(
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
