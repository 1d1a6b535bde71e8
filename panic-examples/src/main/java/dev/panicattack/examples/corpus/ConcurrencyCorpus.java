package dev.panicattack.examples.corpus;

import java.util.List;

import dev.panicattack.examples.corpus.threads.CpuStarvationPrograms;
import dev.panicattack.examples.corpus.threads.DataRacePrograms;
import dev.panicattack.examples.corpus.threads.DeadlockPrograms;
import dev.panicattack.examples.corpus.threads.HealthyConcurrencyPrograms;
import dev.panicattack.examples.corpus.threads.LockContentionPrograms;
import dev.panicattack.examples.corpus.threads.MissingTimeoutPrograms;
import dev.panicattack.examples.corpus.threads.PoolSaturationPrograms;
import dev.panicattack.examples.corpus.threads.StallPrograms;
import dev.panicattack.examples.corpus.threads.ThreadLeakPrograms;

/** The corpus classes for threads, locks, hangs and pools. */
final class ConcurrencyCorpus {

    static final List<Class<?>> CLASSES = List.of(DeadlockPrograms.class, StallPrograms.class,
            MissingTimeoutPrograms.class, PoolSaturationPrograms.class, LockContentionPrograms.class,
            DataRacePrograms.class, ThreadLeakPrograms.class, CpuStarvationPrograms.class,
            HealthyConcurrencyPrograms.class);

    private ConcurrencyCorpus() {
    }
}
