package dev.panicattack.internal;

import java.util.List;

/**
 * Waits for the library's own threads to end. Whoever stops pressure or a sensor promises that its
 * threads are gone when {@code close()} returns, so an interrupt does not cut the wait short: the
 * wait goes on and the interrupt is restored afterwards.
 */
public final class ThreadExit {

    private ThreadExit() {
    }

    /** Returns once every thread has ended; the caller's interrupt status is kept. */
    public static void awaitAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
