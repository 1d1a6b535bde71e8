package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/**
 * Caches that hold their one lock while loading from a slow backend: every reader queues behind
 * every load, so eight readers go no faster than one. Each load takes 5 ms; eight readers each load
 * 30 keys, 150 ms of backend time per reader, so 240 loads serialised need at least 1.2 s.
 */
public class LockContentionPrograms {

    private static final int READERS = 8;
    private static final int KEYS_PER_READER = 30;
    private static final long BUDGET_MILLIS = 600;

    /** A backend call: 5 ms of waiting, as a remote lookup would. */
    static String slowLookup(String key) {
        try {
            TimeUnit.MILLISECONDS.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return key.toUpperCase(java.util.Locale.ROOT);
    }

    /** The defect: the load happens inside the cache's monitor. */
    static final class PriceCache {
        private final Map<String, String> prices = new HashMap<>();

        synchronized String price(String key) {
            return prices.computeIfAbsent(key, LockContentionPrograms::slowLookup);
        }
    }

    @Test
    @Seeded(BugClass.LOCK_CONTENTION)
    @Diagnose(stallWindow = "2s")
    void slowLoadInsideSynchronizedMethod() throws InterruptedException {
        PriceCache cache = new PriceCache();
        long elapsed = runReaders(reader -> {
            for (int key = 0; key < KEYS_PER_READER; key++) {
                cache.price("sku-" + reader + "-" + key);
            }
        });
        assertThat(elapsed).as("time for %d readers to warm the cache, ms", READERS).isLessThan(BUDGET_MILLIS);
    }

    @Test
    @Seeded(BugClass.LOCK_CONTENTION)
    @Diagnose(stallWindow = "2s")
    void synchronizedMapComputeIfAbsentWithSlowLoader() throws InterruptedException {
        // The defect: a synchronizedMap's computeIfAbsent runs the loader while holding the map's mutex.
        Map<String, String> sessions = Collections.synchronizedMap(new HashMap<>());
        long elapsed = runReaders(reader -> {
            for (int key = 0; key < KEYS_PER_READER; key++) {
                sessions.computeIfAbsent("user-" + reader + "-" + key, LockContentionPrograms::slowLookup);
            }
        });
        assertThat(elapsed).as("time for %d readers to load their sessions, ms", READERS).isLessThan(BUDGET_MILLIS);
    }

    /** Runs the readers together and returns the wall time until the last one finished, in ms. */
    static long runReaders(java.util.function.IntConsumer reader) throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            int number = i;
            Thread thread = new Thread(() -> reader.accept(number), "reader-" + i);
            readers.add(thread);
            thread.start();
        }
        for (Thread thread : readers) {
            thread.join();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
