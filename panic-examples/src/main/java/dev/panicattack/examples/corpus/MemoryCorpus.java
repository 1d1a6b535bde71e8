package dev.panicattack.examples.corpus;

import java.util.List;

/** The corpus classes for heap, collection, recursion and failures. */
final class MemoryCorpus {

    static final List<Class<?>> CLASSES = List.of();

    private MemoryCorpus() {
    }
}
