package dev.panicattack.examples.corpus.races;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.junit.UnderPressure.Concurrency;
import dev.panicattack.signature.BugClass;

/** Programs with a data race, run under seeded scheduling noise that exposes it. */
public class RacyPrograms {

    // tag::lost-update[]
    @Test
    @Seeded(BugClass.DATA_RACE)
    @UnderPressure(concurrency = @Concurrency(noise = 50, seed = 11))
    void hitCounterLosesUpdates() throws InterruptedException {
        int hits = Races.countHits(2, 2000);

        assertThat(hits).isEqualTo(4000);
    }
    // end::lost-update[]

    @Test
    @Seeded(BugClass.DATA_RACE)
    @UnderPressure(concurrency = @Concurrency(noise = 50, seed = 12))
    void configCacheLoadsTwice() throws InterruptedException {
        int mostLoads = Races.mostLoads(20, 4);

        assertThat(mostLoads).isEqualTo(1);
    }
}
