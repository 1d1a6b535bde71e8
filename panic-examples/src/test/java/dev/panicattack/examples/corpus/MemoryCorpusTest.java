package dev.panicattack.examples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/** Runs the memory corpus through the engine: every seeded defect classified exactly, every healthy program clean. */
class MemoryCorpusTest {

    private static List<CorpusRun.Result> results;

    @BeforeAll
    static void runTheCorpus() {
        results = CorpusRun.withConfiguration(Map.of()).run(MemoryCorpus.CLASSES);
    }

    @Test
    void everyProgramIsClassifiedAsSeeded() {
        CorpusAssertions.everyResultCorrect(results);
    }

    @Test
    void everyOwnedClassHasAtLeastTwoPrograms() {
        Map<BugClass, Long> seeded = new EnumMap<>(BugClass.class);
        results.forEach(result -> result.expected().ifPresent(bugClass -> seeded.merge(bugClass, 1L, Long::sum)));
        assertThat(seeded).containsOnlyKeys(BugClass.MEMORY_LEAK, BugClass.HEAP_EXHAUSTION, BugClass.GC_THRASHING,
                BugClass.UNBOUNDED_RECURSION, BugClass.RESOURCE_LEAK);
        assertThat(seeded.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(2));
    }

    @Test
    void tenHealthyProgramsRan() {
        assertThat(results.stream().filter(result -> result.expected().isEmpty())).hasSizeGreaterThanOrEqualTo(10);
    }
}
