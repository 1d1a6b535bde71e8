package dev.panicattack.assail;

/** A pressure axis that would attack a finding: the axis to turn up when testing the flagged code. */
public enum Axis {
    CPU,
    MEMORY,
    NETWORK,
    DISK,
    CONCURRENCY,
    TIME
}
