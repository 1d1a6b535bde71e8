package dev.panicattack.evidence;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.panicattack.internal.ThreadExit;

/**
 * One daemon thread that runs every subscribed observation at its own period: the sensors and hang
 * checks of all trials of a run share it, so a diagnosed test costs no thread of its own. A beat
 * that overruns its period runs next a full period later instead of bursting to catch up. A beat
 * whose observation throws is cancelled and its failure handed to its own handler; the other beats
 * go on.
 *
 * <p>Thread-safe. {@link Beat#close()} returns once no run of that beat is in progress, so nothing
 * it observes is recorded after it.
 */
public final class Heartbeat implements AutoCloseable {

    /** After a round lost to a full heap, the next round comes this much later: enough for the memory to be freed. */
    private static final long RETRY_AFTER_NANOS = 10_000_000L;

    private final Thread thread;
    private final List<Beat> beats = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Heartbeat(String threadName) {
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts the heartbeat thread, named {@code threadName} (a {@code panic-} name keeps it out of the evidence). */
    public static Heartbeat start(String threadName) {
        Heartbeat heartbeat = new Heartbeat(Objects.requireNonNull(threadName, "threadName"));
        heartbeat.thread.start();
        return heartbeat;
    }

    /**
     * Runs {@code observation} every {@code period}, the first time {@code firstAfter} from now;
     * {@code onFailure} gets what it throws, after which the beat is cancelled.
     *
     * @throws IllegalStateException when the heartbeat was closed
     */
    public Beat every(Duration period, Duration firstAfter, Runnable observation, Consumer<Throwable> onFailure) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a beat's period must be positive, but was " + period);
        }
        if (closed) {
            throw new IllegalStateException("the heartbeat " + thread.getName() + " was closed");
        }
        Beat beat = new Beat(period.toNanos(), System.nanoTime() + Math.max(0, firstAfter.toNanos()),
                Objects.requireNonNull(observation, "observation"), Objects.requireNonNull(onFailure, "onFailure"));
        beats.add(beat);
        LockSupport.unpark(thread);
        return beat;
    }

    /** The thread that runs the beats. */
    public Thread thread() {
        return thread;
    }

    private void run() {
        while (!closed) {
            try {
                beatDue();
            } catch (OutOfMemoryError full) {
                // The heap is full for a moment (a test's OutOfMemoryError, before its ballast is released):
                // this round is lost, not the heartbeat, which every later trial of the run needs.
                LockSupport.parkNanos(this, RETRY_AFTER_NANOS);
            }
        }
    }

    /** Runs the beats that are due, then waits until the next one is. */
    private void beatDue() {
        long next = Long.MAX_VALUE;
        for (Beat beat : beats) {
            if (beat.due - System.nanoTime() <= 0) {
                beat.runOnce();
            }
            if (!beat.cancelled) {
                next = Math.min(next, beat.due);
            }
        }
        long wait = next == Long.MAX_VALUE ? Long.MAX_VALUE : next - System.nanoTime();
        if (wait > 0 && !closed) {
            LockSupport.parkNanos(this, wait);
        }
    }

    /** Cancels every beat and ends the thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        beats.forEach(Beat::close);
        LockSupport.unpark(thread);
        ThreadExit.awaitAll(List.of(thread));
    }

    /** One subscribed observation; closing it cancels it. */
    public final class Beat implements AutoCloseable {

        private final long periodNanos;
        private final Runnable observation;
        private final Consumer<Throwable> onFailure;
        private long due;
        private volatile boolean cancelled;

        private Beat(long periodNanos, long due, Runnable observation, Consumer<Throwable> onFailure) {
            this.periodNanos = periodNanos;
            this.due = due;
            this.observation = observation;
            this.onFailure = onFailure;
        }

        private synchronized void runOnce() {
            if (cancelled) {
                return;
            }
            try {
                observation.run();
            } catch (RuntimeException | Error failure) {
                cancelled = true;
                beats.remove(this);
                try {
                    onFailure.accept(failure);
                } catch (RuntimeException | Error unreported) {
                    // Recording the failure failed too (out of memory, say): the beat stays cancelled,
                    // and the heartbeat goes on for the other beats, which belong to other observers.
                    failure.addSuppressed(unreported);
                }
                return;
            }
            due += periodNanos;
            long now = System.nanoTime();
            if (due - now < 0) {
                due = now + periodNanos;
            }
        }

        /** The thread this beat runs on. */
        public Thread thread() {
            return thread;
        }

        /** Cancels the beat; returns once a run in progress (on another thread) has finished. Idempotent. */
        @Override
        public void close() {
            cancelled = true;
            beats.remove(this);
            synchronized (this) {
                // Entering the monitor waits out a run in progress.
                cancelled = true;
            }
        }
    }
}
