package dev.panicattack.breakingpoint;

import java.util.List;
import java.util.Objects;

/**
 * Why the test failed at the first failing level: the cause most of its failed trials had (the first
 * one seen on a tie), and the proof of one trial with that cause.
 *
 * @param level  the first failing level
 * @param cause  the classified headline, such as {@code LOCK_CONTENTION (confidence 0.91)}, or
 *               {@code cause not recorded} when no failed trial reported one
 * @param proof  the first proof lines
 * @param count  failed trials at the level with this cause
 */
public record BreakCause(Level level, String cause, List<String> proof, int count) {

    public BreakCause {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(cause, "cause");
        proof = List.copyOf(proof);
    }
}
