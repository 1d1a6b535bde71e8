package dev.panicattack.constraint;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Heap axis: occupancy {@code heap} percent of the maximum heap held by ballast, growing by
 * {@code leakRate} percent of the maximum heap per second up to {@code ceiling} percent.
 * Semantics: {@code docs/heap-pressure.md}.
 */
public record MemoryConstraint(OptionalInt heap, OptionalDouble leakRate, OptionalInt ceiling) {

    public MemoryConstraint {
        heap.ifPresent(value -> Percent.require("memory.heap", value));
        ceiling.ifPresent(value -> Percent.require("memory.ceiling", value));
        leakRate.ifPresent(value -> Percent.require("memory.leakRate", value, "percent of the maximum heap per second"));
    }

    public static MemoryConstraint none() {
        return new MemoryConstraint(OptionalInt.empty(), OptionalDouble.empty(), OptionalInt.empty());
    }

    public MemoryConstraint withHeap(int value) {
        return new MemoryConstraint(OptionalInt.of(value), leakRate, ceiling);
    }

    public MemoryConstraint withLeakRate(double value) {
        return new MemoryConstraint(heap, OptionalDouble.of(value), ceiling);
    }

    public MemoryConstraint withCeiling(int value) {
        return new MemoryConstraint(heap, leakRate, OptionalInt.of(value));
    }

    public MemoryConstraint overriddenBy(MemoryConstraint later) {
        return new MemoryConstraint(
                later.heap.isPresent() ? later.heap : heap,
                later.leakRate.isPresent() ? later.leakRate : leakRate,
                later.ceiling.isPresent() ? later.ceiling : ceiling);
    }
}
