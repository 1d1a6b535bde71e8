package dev.panicattack.pressure;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The resolved disk axis: a budget of {@code budgetBytes} for the subject's writes to files under
 * {@code scope}, of which {@code fillPercent} counts as used when the test starts. Semantics:
 * {@code docs/disk-pressure.md}.
 */
public record DiskPlan(long budgetBytes, int fillPercent, List<Path> scope) {

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

    /** Human summary, for example {@code disk 90% of 64 MiB}. */
    public String describe() {
        return "disk " + Figures.percent(fillPercent) + " of " + Figures.mebibytes(budgetBytes);
    }
}
