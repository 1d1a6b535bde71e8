package dev.panicattack.examples.corpus.races;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Count-bounded drivers: threads released together by one latch, then joined. Shared by the corpus and the benchmark. */
public final class Races {

    private Races() {
    }

    /** {@code threads} threads each run {@code work} {@code times} times, all starting at once; returns when all ended. */
    public static void together(int threads, int times, Runnable work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int index = 0; index < threads; index++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < times; i++) {
                    work.run();
                }
            }, "racer-" + index);
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
    }

    /** Hits a fresh counter {@code times} times from each of {@code threads} threads; returns the count it ends with. */
    public static int countHits(int threads, int times) throws InterruptedException {
        HitCounter counter = new HitCounter();
        together(threads, times, counter::hit);
        return counter.hits();
    }

    /**
     * {@code rounds} rounds, each with a fresh cache read once by each of {@code threads} threads;
     * returns the most loads any round made (1 when the cache is correct).
     */
    public static int mostLoads(int rounds, int threads) throws InterruptedException {
        int most = 0;
        for (int round = 0; round < rounds; round++) {
            AtomicInteger loads = new AtomicInteger();
            ConfigCache cache = new ConfigCache(loads);
            together(threads, 1, cache::get);
            most = Math.max(most, loads.get());
        }
        return most;
    }
}
