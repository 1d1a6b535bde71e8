package dev.panicattack.examples.corpus;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/** The threads corpus through the whole engine: every seeded program classified exactly, every healthy one clean. */
class ThreadsCorpusTest {

    private static final List<BugClass> OWNED = List.of(BugClass.DEADLOCK, BugClass.STALL, BugClass.MISSING_TIMEOUT,
            BugClass.THREAD_POOL_SATURATION, BugClass.LOCK_CONTENTION, BugClass.DATA_RACE, BugClass.THREAD_LEAK,
            BugClass.CPU_STARVATION);

    @Test
    void everyProgramIsClassifiedExactly() {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of("panic.diagnose.flightRecorder", "true"))
                .run(ConcurrencyCorpus.CLASSES);

        CorpusAssertions.everyResultCorrect(results);
        CorpusAssertions.enoughPrograms(results, OWNED, 10);
    }
}
