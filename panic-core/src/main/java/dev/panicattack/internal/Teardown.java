package dev.panicattack.internal;

/**
 * The steps of one close, each run even when an earlier one threw. No failure is lost:
 * {@link #finish()} throws the first one, with every later one suppressed in it, as
 * try-with-resources does for a body and its resources. One close, one thread: not thread-safe.
 */
public final class Teardown {

    private Throwable first;

    /** Runs {@code step}; what it throws is kept and the next step runs all the same. */
    public void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            keep(e);
        }
    }

    private void keep(Throwable failure) {
        if (first == null) {
            first = failure;
        } else if (failure != first) {
            first.addSuppressed(failure);
        }
    }

    /** Throws the first failure kept (the later ones suppressed in it); returns when every step succeeded. */
    public void finish() {
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
