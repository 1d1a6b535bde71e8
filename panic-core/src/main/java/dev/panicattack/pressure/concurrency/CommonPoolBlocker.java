package dev.panicattack.pressure.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Occupies workers of {@link ForkJoinPool#commonPool()}: submits {@code workers} tasks that each wait
 * on one latch, released by {@link #close()}. {@link #blocked()} counts the tasks that are running,
 * that is, the workers actually held (the pool may have fewer workers than asked for).
 */
final class CommonPoolBlocker implements AutoCloseable {

    private final int requested;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final List<Future<?>> tasks = new ArrayList<>();

    CommonPoolBlocker(int requested) {
        this.requested = requested;
    }

    void start() {
        for (int index = 0; index < requested; index++) {
            tasks.add(ForkJoinPool.commonPool().submit(this::hold));
        }
    }

    private void hold() {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
    }

    /** Waits until all requested workers are held or {@code nanos} pass; returns whether all were. */
    boolean awaitHeld(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        // The most held at once, which is updated after the running count: checking it avoids reading the count too early.
        while (maxRunning.get() < requested && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return maxRunning.get() >= requested;
    }

    int requested() {
        return requested;
    }

    /** The most workers held at once. */
    int blocked() {
        return maxRunning.get();
    }

    @Override
    public void close() {
        release.countDown();
        tasks.forEach(task -> task.cancel(false));
    }
}
