package dev.panicattack.constraint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Disk axis: {@code fill} percent of the test's disk {@code budget} (bytes), added write
 * {@code latency}, I/O errors at {@code errorRate} percent of the subject's reads, writes and
 * fsyncs drawn from {@code seed}, background {@code contention} in bytes per second, all on files
 * under the {@code scope} directories (empty: the default scope). Semantics:
 * {@code docs/disk-pressure.md}.
 */
public record DiskConstraint(OptionalInt fill, Optional<Duration> latency, OptionalLong budget, List<Path> scope,
        OptionalDouble errorRate, OptionalLong seed, OptionalLong contention) {

    /** The fastest background contention accepted: 1 GiB/s, beyond what a test needs to slow a disk. */
    public static final long MAX_CONTENTION_BYTES_PER_SECOND = 1L << 30;

    public DiskConstraint {
        fill.ifPresent(value -> Percent.require("disk.fill", value));
        budget.ifPresent(value -> {
            if (value <= 0) {
                throw new IllegalArgumentException("disk.budget must be a positive size, but was " + value
                        + " bytes; declare a budget such as 64MiB");
            }
        });
        scope = List.copyOf(scope);
        errorRate.ifPresent(value -> Percent.require("disk.errorRate", value));
        seed.ifPresent(value -> {
            if (value < 0) {
                throw new IllegalArgumentException("disk.seed must be a whole number of at least 0, but was " + value);
            }
        });
        contention.ifPresent(value -> {
            if (value <= 0 || value > MAX_CONTENTION_BYTES_PER_SECOND) {
                throw new IllegalArgumentException("disk.contention must be more than 0 and at most 1GiB/s, but was "
                        + value + " bytes per second; declare a rate such as 20MiB/s");
            }
        });
    }

    /** Fill and latency only, the rest not declared. */
    public DiskConstraint(OptionalInt fill, Optional<Duration> latency) {
        this(fill, latency, OptionalLong.empty(), List.of(), OptionalDouble.empty(), OptionalLong.empty(),
                OptionalLong.empty());
    }

    public static DiskConstraint none() {
        return new DiskConstraint(OptionalInt.empty(), Optional.empty());
    }

    /** This constraint with {@code bytes} as the budget. */
    public DiskConstraint withBudget(long bytes) {
        return new DiskConstraint(fill, latency, OptionalLong.of(bytes), scope, errorRate, seed, contention);
    }

    /** This constraint scoped to {@code directories}. */
    public DiskConstraint withScope(List<Path> directories) {
        return new DiskConstraint(fill, latency, budget, directories, errorRate, seed, contention);
    }

    /** This constraint failing {@code percent} of the I/O operations in scope. */
    public DiskConstraint withErrorRate(double percent) {
        return new DiskConstraint(fill, latency, budget, scope, OptionalDouble.of(percent), seed, contention);
    }

    /** This constraint drawing its I/O errors from {@code value}. */
    public DiskConstraint withSeed(long value) {
        return new DiskConstraint(fill, latency, budget, scope, errorRate, OptionalLong.of(value), contention);
    }

    /** This constraint with background contention of {@code bytesPerSecond}. */
    public DiskConstraint withContention(long bytesPerSecond) {
        return new DiskConstraint(fill, latency, budget, scope, errorRate, seed, OptionalLong.of(bytesPerSecond));
    }

    /** Field by field: each field {@code later} declares wins; the scope is one field (a declared list replaces). */
    public DiskConstraint overriddenBy(DiskConstraint later) {
        return new DiskConstraint(
                later.fill.isPresent() ? later.fill : fill,
                later.latency.or(() -> latency),
                later.budget.isPresent() ? later.budget : budget,
                later.scope.isEmpty() ? scope : later.scope,
                later.errorRate.isPresent() ? later.errorRate : errorRate,
                later.seed.isPresent() ? later.seed : seed,
                later.contention.isPresent() ? later.contention : contention);
    }
}
