package dev.panicattack.pressure.axis;

/**
 * One resolved axis of a {@link dev.panicattack.pressure.PressurePlan}: what it will do, in words, and the stressor that
 * does it. Implementations are immutable values; each axis's exact semantics is on its page in
 * {@code docs/}.
 */
public interface AxisPlan {

    /** The axis this plan presses; its {@link dev.panicattack.constraint.Axis#key()} names it in summaries and evidence. */
    dev.panicattack.constraint.Axis axis();

    /** Human summary used in failure messages, for example {@code cpu 80%}. */
    String describe();

    /** A new, not yet started stressor for this axis. Validation that needs the machine happens here. */
    Stressor newStressor();
}
