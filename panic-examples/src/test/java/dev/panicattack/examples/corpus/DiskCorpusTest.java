package dev.panicattack.examples.corpus;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/** The disk corpus through the whole engine: every seeded program classified exactly, every healthy one clean. */
class DiskCorpusTest {

    private static final List<BugClass> OWNED = List.of(BugClass.DISK_FULL_UNHANDLED);

    @Test
    void everyProgramIsClassifiedExactly() {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of())
                .run(DiskCorpus.CLASSES);

        CorpusAssertions.everyResultCorrect(results);
        CorpusAssertions.enoughPrograms(results, OWNED, 2);
    }
}
