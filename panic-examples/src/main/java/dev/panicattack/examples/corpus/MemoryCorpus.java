package dev.panicattack.examples.corpus;

import java.util.List;

import dev.panicattack.examples.corpus.memory.GcThrashingPrograms;
import dev.panicattack.examples.corpus.memory.HealthyMemoryPrograms;
import dev.panicattack.examples.corpus.memory.HeapExhaustionPrograms;
import dev.panicattack.examples.corpus.memory.LeakPrograms;
import dev.panicattack.examples.corpus.memory.RecursionPrograms;
import dev.panicattack.examples.corpus.memory.ResourceLeakPrograms;

/**
 * The corpus classes for heap, collection, recursion and failures. The healthy programs run first:
 * the first trial of a JVM starts the Flight Recorder's threads, which would otherwise count as
 * threads of a seeded program.
 */
final class MemoryCorpus {

    static final List<Class<?>> CLASSES = List.of(HealthyMemoryPrograms.class, ResourceLeakPrograms.class,
            RecursionPrograms.class, HeapExhaustionPrograms.class, LeakPrograms.class, GcThrashingPrograms.class);

    private MemoryCorpus() {
    }
}
