package dev.panicattack.examples.corpus;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/** The races corpus through the whole engine: every seeded program classified exactly, every healthy one clean. */
class RacesCorpusTest {

    private static final List<BugClass> OWNED = List.of(BugClass.DATA_RACE);

    @Test
    void everyProgramIsClassifiedExactly() {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of())
                .run(RacesCorpus.CLASSES);

        CorpusAssertions.everyResultCorrect(results);
        CorpusAssertions.enoughPrograms(results, OWNED, 2);
    }
}
