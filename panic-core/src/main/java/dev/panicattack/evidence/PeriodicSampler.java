package dev.panicattack.evidence;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs one observation at a fixed rate, the first one after an initial delay, on a
 * {@link Heartbeat}: the run's shared one when given, else one of its own named after the sensor.
 * An observation that throws is recorded as {@code sensor_failed(t, sensor, type)} and stops this
 * sampler (the others on a shared heartbeat go on). One that runs out of memory is skipped instead:
 * the heap is full for a moment (the test is about to fail, or the ballast yields), and the samples
 * after it matter; the skipped ones are counted in {@code samples_missed(sensor, n)} when the sampler closes.
 */
final class PeriodicSampler implements AutoCloseable {

    private final Duration initialDelay;
    private final Duration period;
    private final Runnable observation;
    private final EvidenceStore store;
    private final String sensorName;
    private final String threadName;
    private final Optional<Heartbeat> shared;
    private Heartbeat own;
    private Heartbeat.Beat beat;
    private volatile int missed;

    PeriodicSampler(String threadName, Optional<Heartbeat> shared, Duration initialDelay, Duration period,
            String sensorName, EvidenceStore store, Runnable observation) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.initialDelay = initialDelay;
        this.period = period;
        this.observation = Objects.requireNonNull(observation, "observation");
        this.store = Objects.requireNonNull(store, "store");
        this.sensorName = sensorName;
    }

    synchronized void start() {
        Heartbeat heartbeat = shared.orElseGet(() -> own = Heartbeat.start(threadName));
        beat = heartbeat.every(period, initialDelay, this::observe,
                failure -> store.add("sensor_failed", store.elapsedMillis(), sensorName, failure.getClass().getName()));
    }

    private void observe() {
        try {
            observation.run();
        } catch (OutOfMemoryError full) {
            missed++;
        }
    }

    /** The thread the observations run on, for tests that check it ends. */
    synchronized Thread thread() {
        return beat == null ? null : beat.thread();
    }

    /** Stops sampling; returns once no observation is in progress (and its own thread, if any, ended). Idempotent. */
    @Override
    public void close() {
        Heartbeat.Beat running;
        Heartbeat owned;
        synchronized (this) {
            running = beat;
            owned = own;
        }
        if (running != null) {
            running.close();
        }
        if (owned != null) {
            owned.close();
        }
        if (running != null && missed > 0) {
            store.add("samples_missed", sensorName, (long) missed);
            missed = 0;
        }
    }
}
