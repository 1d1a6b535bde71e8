package dev.panicattack.pressure.disk;

import dev.panicattack.constraint.Axis;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.Stressor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import dev.panicattack.constraint.ByteSizeText;
import dev.panicattack.constraint.DiskConstraint;

/**
 * The resolved disk axis: a budget of {@code budgetBytes} for the subject's writes to files under
 * {@code scope}, of which {@code fillPercent} counts as used when the test starts; each accepted
 * write and each {@code FileChannel.force} under the scope waits {@code writeLatency} first, and each read under the scope {@code readLatency};
 * {@code errorRatePercent} of the subject's reads, writes and forces under the scope fail with
 * {@code IOException("Input/output error")}, drawn from {@code errorSeed}; and a background writer
 * adds {@code contentionBytesPerSecond} of fsynced writes to a self-deleting file in the first scope
 * directory (0: none). Semantics: {@code docs/disk-pressure.md}.
 */
public record DiskPlan(long budgetBytes, int fillPercent, List<Path> scope, Duration writeLatency,
        double errorRatePercent, long errorSeed, long contentionBytesPerSecond, Duration readLatency) implements AxisPlan {

    /** Longest write latency accepted: a test's writes must still end. */
    public static final Duration MAX_WRITE_LATENCY = Duration.ofSeconds(10);

    /** Budget when none is declared: 64 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 64L * 1024 * 1024;

    /** Most bytes the contention file holds on disk at any time: 64 MiB; it starts over from offset 0 when full. */
    public static final long CONTENTION_MAX_BYTES_ON_DISK = 64L * 1024 * 1024;

    public DiskPlan {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("disk budget must be a positive number of bytes, but was "
                    + budgetBytes + "; declare a budget such as 64MiB");
        }
        if (fillPercent < 0 || fillPercent > 100) {
            throw new IllegalArgumentException("disk.fill must be between 0 and 100 percent, but was " + fillPercent);
        }
        Objects.requireNonNull(scope, "scope");
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("disk scope must name at least one directory; use defaultScope()");
        }
        // Relative directories resolve against the working directory, as the subject's own relative paths do.
        scope = scope.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(writeLatency, "writeLatency");
        if (writeLatency.isNegative() || writeLatency.compareTo(MAX_WRITE_LATENCY) > 0) {
            throw new IllegalArgumentException("disk.latency must be between 0 and 10s, but was " + writeLatency
                    + "; declare a latency such as 5ms");
        }
        Objects.requireNonNull(readLatency, "readLatency");
        if (readLatency.isNegative() || readLatency.compareTo(MAX_WRITE_LATENCY) > 0) {
            throw new IllegalArgumentException("disk.readLatency must be between 0 and 10s, but was " + readLatency
                    + "; declare a latency such as 5ms");
        }
        if (!(errorRatePercent >= 0 && errorRatePercent <= 100)) {
            throw new IllegalArgumentException("disk.errorRate must be between 0 and 100 percent, but was "
                    + errorRatePercent);
        }
        if (contentionBytesPerSecond < 0 || contentionBytesPerSecond > DiskConstraint.MAX_CONTENTION_BYTES_PER_SECOND) {
            throw new IllegalArgumentException("disk.contention must be between 0 and 1GiB/s, but was "
                    + contentionBytesPerSecond + " bytes per second");
        }
    }

    /** A plan without added read latency. */
    public DiskPlan(long budgetBytes, int fillPercent, List<Path> scope, Duration writeLatency,
            double errorRatePercent, long errorSeed, long contentionBytesPerSecond) {
        this(budgetBytes, fillPercent, scope, writeLatency, errorRatePercent, errorSeed, contentionBytesPerSecond,
                Duration.ZERO);
    }

    /** A plan with added latency only. */
    public DiskPlan(long budgetBytes, int fillPercent, List<Path> scope, Duration writeLatency) {
        this(budgetBytes, fillPercent, scope, writeLatency, 0, 0, 0);
    }

    /** A plan without added latency. */
    public DiskPlan(long budgetBytes, int fillPercent, List<Path> scope) {
        this(budgetBytes, fillPercent, scope, Duration.ZERO);
    }

    /**
     * Applies the defaults to a declared disk section: budget {@link #DEFAULT_BUDGET_BYTES}, scope
     * {@link #defaultScope()}, fill 0, no latency, no errors, no contention, a random seed when an error
     * rate is declared without one. Refuses a section that declares nothing to apply, and a budget the
     * scope's free space cannot hold beside the safety margin (checked now, before any test starts).
     *
     * @throws IllegalArgumentException naming the set, the value and the fix
     */
    public static DiskPlan resolve(String setName, DiskConstraint constraint) {
        // scope and seed only say where and how the others act; every other key applies something.
        DiskConstraint whereAndHow = constraint.seed().isPresent()
                ? DiskConstraint.none().withScope(constraint.scope()).withSeed(constraint.seed().getAsLong())
                : DiskConstraint.none().withScope(constraint.scope());
        if (constraint.equals(whereAndHow)) {
            List<String> applying = DiskConstraint.SECTION.keyNames().stream()
                    .filter(key -> !key.equals("scope") && !key.equals("seed")).toList();
            throw new IllegalArgumentException("Constraint set '" + setName + "' declares a disk section with none of "
                    + String.join(", ", applying.subList(0, applying.size() - 1)) + " or "
                    + applying.get(applying.size() - 1)
                    + "; add for example 'fill: <0-100>' or 'latency: <duration>', or remove the 'disk:' section");
        }
        double errorRate = constraint.errorRate().orElse(0);
        // The seed is drawn here, once, so the plan (and the report) holds the seed that a replay needs.
        long seed = errorRate == 0 ? 0 : constraint.seed().orElseGet(() -> new SplittableRandom().nextLong() & Long.MAX_VALUE);
        DiskPlan plan = new DiskPlan(constraint.budget().orElse(DEFAULT_BUDGET_BYTES), constraint.fill().orElse(0),
                constraint.scope().isEmpty() ? defaultScope() : constraint.scope(),
                constraint.latency().orElse(Duration.ZERO), errorRate, seed, constraint.contention().orElse(0),
                constraint.readLatency().orElse(Duration.ZERO));
        DiskBudget.requireRoom(plan);
        return plan;
    }

    /** This plan with {@code latency} added to each write and force. */
    public DiskPlan withWriteLatency(Duration latency) {
        return new DiskPlan(budgetBytes, fillPercent, scope, latency, errorRatePercent, errorSeed, contentionBytesPerSecond, readLatency);
    }

    /** This plan with {@code latency} added to each read. */
    public DiskPlan withReadLatency(Duration latency) {
        return new DiskPlan(budgetBytes, fillPercent, scope, writeLatency, errorRatePercent, errorSeed,
                contentionBytesPerSecond, latency);
    }

    /** This plan failing {@code percent} of the reads, writes and forces in scope, drawn from {@code seed}. */
    public DiskPlan withErrorRate(double percent, long seed) {
        return new DiskPlan(budgetBytes, fillPercent, scope, writeLatency, percent, seed, contentionBytesPerSecond, readLatency);
    }

    /** This plan with background contention of {@code bytesPerSecond} (0: none). */
    public DiskPlan withContention(long bytesPerSecond) {
        return new DiskPlan(budgetBytes, fillPercent, scope, writeLatency, errorRatePercent, errorSeed, bytesPerSecond, readLatency);
    }

    /** The default scope: the JVM's temporary directory ({@code java.io.tmpdir}). */
    public static List<Path> defaultScope() {
        return List.of(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A plan with the default budget and scope. */
    public static DiskPlan ofFill(int fillPercent) {
        return new DiskPlan(DEFAULT_BUDGET_BYTES, fillPercent, defaultScope());
    }

    /** Bytes counted as used at start: {@code fillPercent} of the budget, rounded down. */
    public long filledBytes() {
        return budgetBytes / 100 * fillPercent + budgetBytes % 100 * fillPercent / 100;
    }

    /** Real bytes this plan may put on each scope directory's file store: the budget, plus the contention file's cap. */
    public long realBytesAtMost() {
        return budgetBytes + (contentionBytesPerSecond > 0 ? CONTENTION_MAX_BYTES_ON_DISK : 0);
    }

    @Override
    public Axis axis() {
        return Axis.DISK;
    }

    @Override
    public Stressor newStressor() {
        return new DiskBudget(this);
    }

    /**
     * Human summary, for example {@code disk 90% of 64 MiB} or
     * {@code disk 90% of 64 MiB, writes +5ms, reads +2ms, I/O errors 1% (seed 7), contention 20MiB/s}.
     */
    @Override
    public String describe() {
        String text = "disk " + Figures.percent(fillPercent) + " of " + Figures.mebibytes(budgetBytes);
        if (!writeLatency.isZero()) {
            text += ", writes +" + Figures.duration(writeLatency);
        }
        if (!readLatency.isZero()) {
            text += ", reads +" + Figures.duration(readLatency);
        }
        if (errorRatePercent > 0) {
            text += ", I/O errors " + Figures.percent(errorRatePercent) + " (seed " + errorSeed + ")";
        }
        if (contentionBytesPerSecond > 0) {
            text += ", contention " + ByteSizeText.format(contentionBytesPerSecond) + "/s";
        }
        return text;
    }
}
