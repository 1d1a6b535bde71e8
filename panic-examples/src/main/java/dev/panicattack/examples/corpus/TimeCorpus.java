package dev.panicattack.examples.corpus;

import dev.panicattack.examples.corpus.time.HealthyClockPrograms;
import dev.panicattack.examples.corpus.time.WallClockWaitPrograms;
import java.util.List;

/** The corpus classes for clock faults (STALL on wall-clock waits), healthy programs first. */
final class TimeCorpus {

    static final List<Class<?>> CLASSES = List.of(HealthyClockPrograms.class, WallClockWaitPrograms.class);

    private TimeCorpus() {
    }
}
