package dev.panicattack.examples.corpus;

import java.util.List;

import dev.panicattack.examples.corpus.races.HealthyRacePrograms;
import dev.panicattack.examples.corpus.races.RacyPrograms;

/** The corpus classes for data races exposed by scheduling noise (DATA_RACE), healthy programs first. */
final class RacesCorpus {

    static final List<Class<?>> CLASSES = List.of(HealthyRacePrograms.class, RacyPrograms.class);

    private RacesCorpus() {
    }
}
