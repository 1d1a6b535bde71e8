package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/** Shared state touched by two threads with nothing ordering their accesses. */
public class DataRacePrograms {

    /**
     * An event log read by a reporting thread while the ingest thread appends to it. The defect: a
     * plain {@link ArrayList} shared without a lock or a copy-on-write list.
     */
    @Test
    @Seeded(BugClass.DATA_RACE)
    @Diagnose(stallWindow = "2s")
    void reportIteratesWhileIngestAppends() throws InterruptedException, ExecutionException {
        List<Long> events = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            events.add(i);
        }
        AtomicBoolean reportDone = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        Thread ingest = new Thread(() -> {
            awaitGo(go);
            long next = events.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!reportDone.get() && System.nanoTime() < deadline) {
                events.add(next++);
                if (events.size() > 200_000) {
                    events.subList(0, 100_000).clear();
                }
            }
        }, "ingest");
        FutureTask<Long> report = new FutureTask<>(() -> {
            awaitGo(go);
            try {
                long total = 0;
                // Passes over the log for up to 1.5 s, as a report refreshed on a dashboard would.
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
                while (System.nanoTime() < deadline) {
                    for (long event : events) {
                        total += event;
                    }
                }
                return total;
            } finally {
                reportDone.set(true);
            }
        });
        Thread reporter = new Thread(report, "report");
        ingest.start();
        reporter.start();
        go.countDown();
        try {
            assertThat(report.get()).isPositive();
        } finally {
            reportDone.set(true);
            ingest.join();
            reporter.join();
        }
    }

    /** Page views per page; the defect: a plain {@link HashMap} updated by every request thread with get-then-put. */
    static final class PageViews {
        private final Map<String, Long> views = new HashMap<>();

        void view(String page) {
            views.put(page, views.getOrDefault(page, 0L) + 1);
        }

        long total() {
            return views.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    @Seeded(BugClass.DATA_RACE)
    @Diagnose(stallWindow = "2s")
    void hashMapTallyLosesUpdates() throws InterruptedException {
        PageViews pageViews = new PageViews();
        int threads = 4;
        long[] served = new long[threads];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread worker = new Thread(() -> {
                awaitGo(go);
                // Long enough (about 0.6 s) to be seen running side by side, as real request threads would be.
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
                long mine = 0;
                while (System.nanoTime() < deadline) {
                    for (int n = 0; n < 1_000; n++) {
                        pageViews.view("/page/" + (n % 64));
                    }
                    mine += 1_000;
                }
                served[index] = mine;
            }, "request-" + i);
            workers.add(worker);
            worker.start();
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long expected = java.util.Arrays.stream(served).sum();
        assertThat(pageViews.total()).as("views counted by %d request threads", threads).isEqualTo(expected);
    }

    private static void awaitGo(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
