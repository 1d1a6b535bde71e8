package dev.panicattack.examples.corpus.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Healthy;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.junit.UnderPressure.Concurrency;

/** The same programs made correct, under the same noise: they pass with no signature. */
public class HealthyRacePrograms {

    /** The hit counter on an {@link AtomicInteger}. */
    static final class AtomicHitCounter {
        private final AtomicInteger hits = new AtomicInteger();

        void hit() {
            hits.incrementAndGet();
        }
    }

    /** The lazy cache with double-checked locking on a volatile field. */
    static final class CheckedConfigCache {
        private final AtomicInteger loads;
        private volatile Object config;

        CheckedConfigCache(AtomicInteger loads) {
            this.loads = loads;
        }

        Object get() {
            Object current = config;
            if (current == null) {
                synchronized (this) {
                    current = config;
                    if (current == null) {
                        loads.incrementAndGet();
                        current = new Object();
                        config = current;
                    }
                }
            }
            return current;
        }
    }

    /** The hit counter with a synchronized increment. */
    static final class SynchronizedHitCounter {
        private int hits;

        synchronized void hit() {
            hits++;
        }

        synchronized int hits() {
            return hits;
        }
    }

    @Test
    @Healthy
    @UnderPressure(concurrency = @Concurrency(noise = 50, seed = 11))
    void atomicCounterKeepsEveryUpdate() throws InterruptedException {
        AtomicHitCounter counter = new AtomicHitCounter();
        Races.together(2, 2000, counter::hit);

        assertThat(counter.hits.get()).isEqualTo(4000);
    }

    @Test
    @Healthy
    @UnderPressure(concurrency = @Concurrency(noise = 50, seed = 11, contenders = 2))
    void synchronizedCounterKeepsEveryUpdate() throws InterruptedException {
        SynchronizedHitCounter counter = new SynchronizedHitCounter();
        Races.together(2, 2000, counter::hit);

        assertThat(counter.hits()).isEqualTo(4000);
    }

    @Test
    @Healthy
    @UnderPressure(concurrency = @Concurrency(noise = 50, seed = 12))
    void doubleCheckedCacheLoadsOnce() throws InterruptedException {
        int most = 0;
        for (int round = 0; round < 20; round++) {
            AtomicInteger loads = new AtomicInteger();
            CheckedConfigCache cache = new CheckedConfigCache(loads);
            Races.together(4, 1, cache::get);
            most = Math.max(most, loads.get());
        }

        assertThat(most).isEqualTo(1);
    }
}
