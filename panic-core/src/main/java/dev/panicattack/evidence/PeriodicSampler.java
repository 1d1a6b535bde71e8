package dev.panicattack.evidence;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one observation at a fixed rate in a named daemon thread until closed, the first one after
 * an initial delay. When an observation overruns its period the next one starts a full
 * period later instead of bursting to catch up, so a slow sample never piles up work. An
 * observation that throws is recorded as {@code sensor_failed(t, sensor, type)} and ends the
 * thread, whose uncaught-exception handler reports it.
 */
final class PeriodicSampler implements AutoCloseable {

    /** How long {@link #close()} waits for a sample in progress to finish. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final Thread thread;
    private final long initialDelayNanos;
    private final long periodNanos;
    private final Runnable observation;
    private final EvidenceStore store;
    private final String sensorName;
    private volatile boolean running = true;

    PeriodicSampler(String threadName, Duration initialDelay, Duration period, String sensorName,
            EvidenceStore store, Runnable observation) {
        this.initialDelayNanos = initialDelay.toNanos();
        this.periodNanos = period.toNanos();
        this.observation = Objects.requireNonNull(observation, "observation");
        this.store = Objects.requireNonNull(store, "store");
        this.sensorName = sensorName;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long next = System.nanoTime() + initialDelayNanos;
        awaitUntil(next);
        while (running) {
            try {
                observation.run();
            } catch (RuntimeException | Error failure) {
                store.add("sensor_failed", store.elapsedMillis(), sensorName, failure.getClass().getName());
                throw failure;
            }
            next += periodNanos;
            long now = System.nanoTime();
            if (next - now < 0) {
                next = now + periodNanos;
            }
            awaitUntil(next);
        }
    }

    private void awaitUntil(long deadline) {
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** The sampler thread, for tests that check it ends. */
    Thread thread() {
        return thread;
    }

    /** Stops sampling and waits (bounded) for the thread to end. Idempotent, never throws. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        while (thread.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                // Keep waiting so the sampler is really gone; the interrupt is restored below.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
