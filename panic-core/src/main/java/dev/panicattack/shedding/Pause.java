package dev.panicattack.shedding;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits between samples; injected so that a check can run on a test's clock. */
@FunctionalInterface
public interface Pause {

    /** Waits about {@code length}; throws when the thread is interrupted. */
    void pause(Duration length) throws InterruptedException;

    /** Parks the thread for real, honouring interrupts. */
    static Pause real() {
        return length -> {
            long deadline = System.nanoTime() + length.toNanos();
            for (long left = length.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the next shedding sample");
                }
            }
        };
    }
}
