package dev.panicattack.breakingpoint;

/**
 * Runs one trial of the selected test at one level. The search calls it from one thread, one trial at a
 * time; an implementation leaves nothing running when it returns or throws.
 */
@FunctionalInterface
public interface LevelTrials {

    /**
     * Runs the test once under {@code level}.
     *
     * @throws InterruptedException when the thread is interrupted: the search then stops, undecided
     */
    TrialOutcome run(Level level) throws InterruptedException;
}
