package dev.panicattack.pressure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The resolved disk axis: a budget of {@code budgetBytes} for the subject's writes to files under
 * {@code scope}, of which {@code fillPercent} counts as used when the test starts; each accepted
 * write and each {@code FileChannel.force} under the scope waits {@code writeLatency} first.
 * Semantics: {@code docs/disk-pressure.md}.
 */
public record DiskPlan(long budgetBytes, int fillPercent, List<Path> scope, Duration writeLatency) implements AxisPlan {

    /** Longest write latency accepted: a test's writes must still end. */
    public static final Duration MAX_WRITE_LATENCY = Duration.ofSeconds(10);

    /** Budget when none is declared: 64 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 64L * 1024 * 1024;

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
        scope = scope.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(writeLatency, "writeLatency");
        if (writeLatency.isNegative() || writeLatency.compareTo(MAX_WRITE_LATENCY) > 0) {
            throw new IllegalArgumentException("disk.latency must be between 0 and 10s, but was " + writeLatency
                    + "; declare a latency such as 5ms");
        }
    }

    /** A plan without added latency. */
    public DiskPlan(long budgetBytes, int fillPercent, List<Path> scope) {
        this(budgetBytes, fillPercent, scope, Duration.ZERO);
    }

    /** This plan with {@code latency} added to each write and force. */
    public DiskPlan withWriteLatency(Duration latency) {
        return new DiskPlan(budgetBytes, fillPercent, scope, latency);
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

    @Override
    public String axis() {
        return "disk";
    }

    @Override
    public Stressor newStressor() {
        return new DiskBudget(this);
    }

    /** Human summary, for example {@code disk 90% of 64 MiB} or {@code disk 90% of 64 MiB, writes +5ms}. */
    @Override
    public String describe() {
        String text = "disk " + Figures.percent(fillPercent) + " of " + Figures.mebibytes(budgetBytes);
        return writeLatency.isZero() ? text : text + ", writes +" + Figures.duration(writeLatency);
    }
}
