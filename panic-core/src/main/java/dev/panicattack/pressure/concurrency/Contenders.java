package dev.panicattack.pressure.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * {@code n} daemon threads ({@code panic-contender-<i>}) that compete with the subject: each loops
 * taking one of the locks the subject was seen to acquire, holding it for {@link #HOLD_NANOS} of busy
 * work, then burning {@link #BURN_NANOS} of CPU with no lock held. A contender never waits for a
 * lock while holding another, so it cannot take part in a lock cycle; a {@link Lock} is only
 * tried, with a {@link #TRY_MILLIS} limit. Stopped by {@link #close()}.
 */
final class Contenders implements AutoCloseable {

    /** Busy time inside an acquired lock. */
    static final long HOLD_NANOS = 20_000;
    /** Busy time between acquisitions. */
    static final long BURN_NANOS = 200_000;
    /** Longest a contender tries a {@code Lock}. */
    static final long TRY_MILLIS = 10;
    /** How long {@link #close()} waits for each contender to end. */
    static final long JOIN_MILLIS = 1_000;

    private final List<Thread> threads = new ArrayList<>();
    private final Supplier<List<Object>> locks;
    private final AtomicLong acquisitions = new AtomicLong();
    private volatile boolean running = true;
    private volatile long sink;

    Contenders(int count, long seed, Supplier<List<Object>> locks) {
        this.locks = locks;
        for (int index = 0; index < count; index++) {
            SplittableRandom random = new SplittableRandom(seed ^ (0x632BE59BD9B4E019L * (index + 1)));
            Thread thread = new Thread(() -> contend(random), "panic-contender-" + index);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    int count() {
        return threads.size();
    }

    /** Locks taken by contenders so far. */
    long acquisitions() {
        return acquisitions.get();
    }

    private void contend(SplittableRandom random) {
        while (running && !Thread.currentThread().isInterrupted()) {
            List<Object> known = locks.get();
            if (!known.isEmpty()) {
                take(known.get(random.nextInt(known.size())));
            }
            busy(BURN_NANOS);
        }
    }

    private void take(Object lock) {
        if (lock instanceof Lock explicit) {
            boolean held;
            try {
                held = explicit.tryLock(TRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (held) {
                try {
                    acquisitions.incrementAndGet();
                    busy(HOLD_NANOS);
                } finally {
                    explicit.unlock();
                }
            }
            return;
        }
        synchronized (lock) {
            acquisitions.incrementAndGet();
            busy(HOLD_NANOS);
        }
    }

    private void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = sink;
        while (System.nanoTime() < end) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }

    /** Stops every contender and waits up to {@link #JOIN_MILLIS} each; returns how many are still alive. */
    int stop() throws InterruptedException {
        running = false;
        threads.forEach(Thread::interrupt);
        int alive = 0;
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
