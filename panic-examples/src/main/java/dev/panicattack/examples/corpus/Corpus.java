package dev.panicattack.examples.corpus;

import java.util.List;
import java.util.stream.Stream;

/** Every class of the corpus, for the corpus tests and the diagnosis-accuracy benchmark. */
public final class Corpus {

    private Corpus() {
    }

    public static List<Class<?>> classes() {
        return Stream.of(ConcurrencyCorpus.CLASSES, MemoryCorpus.CLASSES, InputCorpus.CLASSES, DiskCorpus.CLASSES,
                        TimeCorpus.CLASSES, RacesCorpus.CLASSES, NetworkCorpus.CLASSES)
                .flatMap(List::stream).toList();
    }
}
