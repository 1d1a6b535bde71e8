package dev.panicattack.examples.corpus;

import java.util.List;

/** The corpus classes for threads, locks, hangs and pools. */
final class ConcurrencyCorpus {

    static final List<Class<?>> CLASSES = List.of();

    private ConcurrencyCorpus() {
    }
}
