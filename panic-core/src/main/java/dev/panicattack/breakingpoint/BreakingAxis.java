package dev.panicattack.breakingpoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An axis a breaking-point search can vary, named by its constraint key. Each knows its unit, its valid
 * range, its step (the finest level it applies: a whole percent, a whole millisecond, a hundredth of a
 * percent for loss and leak rate), the resolution a search stops at by default, whether each trial
 * needs a JVM of its own, and how a level is written as a constraint-set value.
 */
public enum BreakingAxis {
    /** CPU load held busy, percent of this JVM's share of the machine. */
    CPU_LOAD("cpu.load", "cpu", "%", 1, 0, 100, 2, false),
    /** Heap occupancy held by ballast, percent of the maximum heap. */
    MEMORY_HEAP("memory.heap", "heap", "%", 1, 0, 100, 2, false),
    /** Growth of the ballast, percent of the maximum heap per second; in a fresh JVM per trial. */
    MEMORY_LEAK_RATE("memory.leakRate", "leak rate", "%/s", 0.01, 0, 100, 0.5, true),
    /** The maximum heap itself, MiB: each trial is a JVM started with {@code -Xmx<level>m}. */
    JVM_MAX_HEAP("jvm.maxHeap", "max heap", "MiB", 1, 8, 1_048_576, 16, true),
    /** Latency of each answer on loopback connections, ms. */
    NETWORK_LATENCY("network.latency", "network latency", "ms", 1, 0, 10_000, 5, false),
    /** Writes lost on loopback connections, percent. */
    NETWORK_LOSS("network.loss", "network loss", "%", 0.01, 0, 100, 1, false),
    /** Disk space taken, percent of the test's disk budget. */
    DISK_FILL("disk.fill", "disk fill", "%", 1, 0, 100, 2, false),
    /** Latency added per write and fsync, ms. */
    DISK_LATENCY("disk.latency", "disk latency", "ms", 1, 0, 10_000, 5, false),
    /** Contender threads competing for the subject's locks and the CPU. */
    CONCURRENCY_CONTENDERS("concurrency.contenders", "contenders", "", 1, 0, 1024, 1, false),
    /**
     * Constant offset of the subject's wall clock, ms, signed. Constraint sets accept any skew; a search
     * needs ends, so this axis spans one day each way.
     */
    TIME_SKEW("time.skew", "clock skew", "ms", 1, -86_400_000, 86_400_000, 100, false);

    private final String key;
    private final String label;
    private final String unit;
    private final double step;
    private final double minimum;
    private final double maximum;
    private final double defaultResolution;
    private final boolean forked;

    BreakingAxis(String key, String label, String unit, double step, double minimum, double maximum,
            double defaultResolution, boolean forked) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.step = step;
        this.minimum = minimum;
        this.maximum = maximum;
        this.defaultResolution = defaultResolution;
        this.forked = forked;
    }

    /** The constraint key: {@code cpu.load}, {@code network.latency}, ...; {@code jvm.maxHeap} has no constraint. */
    public String key() {
        return key;
    }

    /** The unit of a level: {@code %}, {@code ms}, {@code MiB}, {@code %/s}, or empty for a count. */
    public String unit() {
        return unit;
    }

    /** The short name used in summaries: {@code cpu}, {@code network latency}, {@code max heap}. */
    public String label() {
        return label;
    }

    /** The finest level this axis applies (1 for whole numbers, 0.01 for loss and leak rate); levels are multiples of it. */
    public double step() {
        return step;
    }

    /** The width at which a search stops bisecting unless told otherwise, in {@link #unit()}. */
    public double defaultResolution() {
        return defaultResolution;
    }

    /**
     * Whether a test breaks as the level falls rather than rises: true for {@link #JVM_MAX_HEAP} (a test
     * that needs memory fails below some heap size). A search of such an axis checks {@code to} first,
     * bisects toward {@code from}, and takes its bound as {@code requireBelow}. {@link #TIME_SKEW} counts
     * as rising: a search finds the smallest forward skew that breaks the test.
     */
    public boolean breaksBelow() {
        return this == JVM_MAX_HEAP;
    }

    /** Whether each trial runs in a JVM of its own (a different max heap, or leaked state that must not carry over). */
    public boolean forked() {
        return forked;
    }

    /** The lowest level this axis accepts. */
    public double minimum() {
        return minimum;
    }

    /** The highest level this axis accepts. */
    public double maximum() {
        return maximum;
    }

    /**
     * {@code level} as a constraint-set YAML scalar: {@code 62} for a percent or a count, {@code 2.5} for a
     * leak rate or a loss, {@code 180ms} or {@code -2500ms} for a duration; empty for {@link #JVM_MAX_HEAP},
     * which is a JVM option ({@code -Xmx<level>m}), not a constraint.
     */
    public Optional<String> constraintValue(double level) {
        if (this == JVM_MAX_HEAP) {
            return Optional.empty();
        }
        return Optional.of(number(level) + ("ms".equals(unit) ? "ms" : ""));
    }

    /** {@code level} with its unit: {@code 62%}, {@code 180 ms}, {@code 512 MiB}, {@code 2.5%/s}, {@code 8}. */
    public String format(double level) {
        String number = number(level);
        if (unit.isEmpty()) {
            return number;
        }
        return unit.startsWith("%") ? number + unit : number + " " + unit;
    }

    /** The axis and the level: {@code cpu 62%}, {@code network latency 180 ms}, {@code max heap 512 MiB}. */
    public String describe(double level) {
        return label + " " + format(level);
    }

    /** {@code level} as a plain number in this axis's step: {@code 62}, {@code 2.5}, {@code -2500}. */
    public String number(double level) {
        int decimals = step >= 1 ? 0 : (int) Math.round(-Math.log10(step));
        BigDecimal value = BigDecimal.valueOf(level).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (value.signum() == 0) {
            return "0";
        }
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    /** {@code level} in whole steps of this axis. */
    long steps(double level) {
        return Math.round(level / step);
    }

    /** The level {@code steps} whole steps from zero, as near to the decimal value as a double gets. */
    double level(long steps) {
        return step >= 1 ? steps * step : steps / (double) Math.round(1 / step);
    }

    /** Whether {@code level} is a multiple of {@link #step()}. */
    boolean onStep(double level) {
        double steps = level / step;
        return Math.abs(steps - Math.rint(steps)) < 1e-6;
    }

    /**
     * The axis with this key; also the section shorthands of constraint sets, {@code cpu} for
     * {@code cpu.load} and {@code memory} for {@code memory.heap}.
     *
     * @throws IllegalArgumentException naming the value and listing the valid keys
     */
    public static BreakingAxis parse(String key) {
        if (key != null) {
            String trimmed = key.trim();
            for (BreakingAxis axis : values()) {
                if (axis.key.equals(trimmed)) {
                    return axis;
                }
            }
            if (trimmed.equals("cpu")) {
                return CPU_LOAD;
            }
            if (trimmed.equals("memory")) {
                return MEMORY_HEAP;
            }
        }
        throw new IllegalArgumentException("unknown breaking-point axis '" + key + "'; use one of "
                + Arrays.stream(values()).map(BreakingAxis::key).collect(Collectors.joining(", ")));
    }

    /** The constraint key, as {@link #key()}. */
    @Override
    public String toString() {
        return key;
    }
}
