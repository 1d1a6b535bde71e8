package dev.panicattack.fuse;

/** Where a {@link Fuse} stands. */
public enum FuseState {
    /** Letting work through: not tripped. */
    CLOSED,
    /** Tripped: refusing (shedding) work. */
    OPEN,
    /** Letting trial work through to decide whether to close again. */
    HALF_OPEN
}
