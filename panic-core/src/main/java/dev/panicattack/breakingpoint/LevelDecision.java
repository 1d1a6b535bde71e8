package dev.panicattack.breakingpoint;

/** What the sequential test decided about one level. */
public enum LevelDecision {
    /** The failure rate is decided to be at most the passing rate: the test holds at this level. */
    PASSES,
    /** Decided breaking, and every trial at the level failed. */
    FAILS,
    /**
     * Decided breaking (or not decided passing within the repeats allowed) while some trials passed: the
     * test breaks here intermittently. The search counts it as failing.
     */
    FLAKY,
    /** A budget or an interrupt stopped the trials before a decision. */
    UNDECIDED;

    /** Whether the search treats the level as one where the test breaks. */
    public boolean failing() {
        return this == FAILS || this == FLAKY;
    }
}
