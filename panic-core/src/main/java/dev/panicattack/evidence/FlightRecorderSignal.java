package dev.panicattack.evidence;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The condition the sensor's callers wait on while the Flight Recorder stream catches up.
 *
 * <p>It waits with {@link Object#wait} on an instance of this class rather than with a
 * {@code CountDownLatch}: the latch would park the caller (often the test thread) for about a
 * second and show up as {@code thread_park} evidence, while waits on this class's monitor are
 * recognised by name and left out of the facts.
 */
final class FlightRecorderSignal {

    /** Wakes every waiter so it re-checks its condition. */
    synchronized void signalAll() {
        notifyAll();
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} has elapsed (real time).
     *
     * @return whether the condition held in time
     */
    boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            return true;
        }
    }
}
