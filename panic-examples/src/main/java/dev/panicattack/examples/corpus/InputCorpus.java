package dev.panicattack.examples.corpus;

import java.util.List;

import dev.panicattack.examples.corpus.inputs.HealthyInputPrograms;
import dev.panicattack.examples.corpus.inputs.OrderParserPrograms;
import dev.panicattack.examples.corpus.inputs.RecordDecoderPrograms;

/** The corpus classes for corrupted input data; the healthy programs run first, as in the other registries. */
final class InputCorpus {

    static final List<Class<?>> CLASSES = List.of(HealthyInputPrograms.class, RecordDecoderPrograms.class,
            OrderParserPrograms.class);

    private InputCorpus() {
    }
}
