package dev.panicattack.examples.corpus;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/** The network corpus through the whole engine: every seeded program classified exactly, every healthy one clean. */
class NetworkCorpusTest {

    private static final List<BugClass> OWNED = List.of(BugClass.MISSING_TIMEOUT);

    @Test
    void everyProgramIsClassifiedExactly() {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of())
                .run(NetworkCorpus.CLASSES);

        CorpusAssertions.everyResultCorrect(results);
        CorpusAssertions.enoughPrograms(results, OWNED, 2);
    }
}
