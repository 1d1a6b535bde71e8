package dev.panicattack.constraint;

import java.util.Locale;

/**
 * A pressure axis: what a constraint set can declare, a stressor applies and a finding of
 * {@code @Assail} would turn up. {@link #key()} names it in constraint-set YAML, facts and summaries.
 */
public enum Axis {
    CPU,
    MEMORY,
    DISK,
    NETWORK,
    CONCURRENCY,
    TIME;

    /** The axis's name in lower case, as in YAML, facts and summaries: {@code cpu}, {@code memory}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
