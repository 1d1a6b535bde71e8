package dev.panicattack.breakingpoint;

import java.util.Objects;

/**
 * One level the search tried: its trials and the decision.
 *
 * @param level    the level
 * @param passes   trials that passed
 * @param failures trials that failed
 * @param decision what the sequential test decided
 */
public record LevelRecord(Level level, int passes, int failures, LevelDecision decision) {

    public LevelRecord {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(decision, "decision");
        if (passes < 0 || failures < 0) {
            throw new IllegalArgumentException("passes and failures must not be negative, but were " + passes
                    + " and " + failures);
        }
    }

    public int trials() {
        return passes + failures;
    }

    /** The pass rate with its 95% Wilson interval. */
    public PassRate passRate() {
        return PassRate.of(passes, trials());
    }
}
