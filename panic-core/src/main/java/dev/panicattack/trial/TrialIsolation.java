package dev.panicattack.trial;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.StampedLock;

/**
 * Who may run beside whom in one run. A trial runs {@link #alone()}: its pressure is JVM-wide and
 * its evidence counts every thread started while it runs, so no other test may run meanwhile. A
 * test that is no trial runs {@link #besideOthers()}: beside other such tests, never beside a trial.
 * Without parallel execution nothing ever waits here.
 *
 * <p>A hold may be released from any thread, once; releasing it again does nothing.
 */
public final class TrialIsolation {

    private final StampedLock lock = new StampedLock();

    /** Waits until no other test runs, then holds the run alone until the hold is closed. */
    public Hold alone() throws InterruptedException {
        long stamp = lock.writeLockInterruptibly();
        return new Hold(() -> lock.unlockWrite(stamp));
    }

    /** Waits until no trial runs, then holds off trials (not other tests) until the hold is closed. */
    public Hold besideOthers() throws InterruptedException {
        long stamp = lock.readLockInterruptibly();
        return new Hold(() -> lock.unlockRead(stamp));
    }

    /** A held place in the run; closing it lets the waiting tests in. */
    public static final class Hold implements AutoCloseable {

        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        private Hold(Runnable release) {
            this.release = release;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
