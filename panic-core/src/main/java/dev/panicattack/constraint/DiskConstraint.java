package dev.panicattack.constraint;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
    /** Longest added latency per write or fsync: a test's writes must still end. */
    public static final Duration MAX_LATENCY = Duration.ofSeconds(10);

    public DiskConstraint {
        fill.ifPresent(value -> Percent.require("disk.fill", value));
        Objects.requireNonNull(latency, "latency");
        latency.ifPresent(value -> {
            if (value.isNegative() || value.compareTo(MAX_LATENCY) > 0) {
                throw new ConstraintViolation("disk.latency", DurationText.format(value), "must be between 0 and 10s",
                        "declare a latency such as 5ms");
            }
        });
        budget.ifPresent(value -> {
            if (value <= 0) {
                throw new ConstraintViolation("disk.budget", ByteSizeText.format(value), "must be more than zero",
                        "declare a budget such as 64MiB");
            }
        });
        scope = List.copyOf(scope);
        errorRate.ifPresent(value -> Percent.require("disk.errorRate", value, "percent of I/O operations"));
        seed.ifPresent(value -> {
            if (value < 0) {
                throw new ConstraintViolation("disk.seed", Long.toString(value), "must be 0 or more", "");
            }
        });
        contention.ifPresent(value -> {
            if (value <= 0 || value > MAX_CONTENTION_BYTES_PER_SECOND) {
                throw new ConstraintViolation("disk.contention", ByteSizeText.format(value) + "/s",
                        "must be more than zero and at most 1GiB/s", "declare a rate such as 20MiB/s");
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
    public DiskConstraint withFill(int percent) {
        return new DiskConstraint(OptionalInt.of(percent), latency, budget, scope, errorRate, seed, contention);
    }

    public DiskConstraint withLatency(Duration value) {
        return new DiskConstraint(fill, Optional.of(value), budget, scope, errorRate, seed, contention);
    }

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

    /**
     * A scope directory as users write it, absolute or relative (resolved when the set is applied).
     * The exception says what is wrong, without location.
     */
    public static Path directory(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must name a directory, but was blank");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid path: '" + text + "' (" + e.getReason() + ")", e);
        }
    }
}
