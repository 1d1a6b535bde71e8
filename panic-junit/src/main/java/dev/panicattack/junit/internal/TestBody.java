package dev.panicattack.junit.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import dev.panicattack.trial.Trial;

/**
 * The test method running in a thread of its own ({@code test-body-<method>}), so that the JUnit
 * thread stays free to judge a hang. The outcome completes with the body's failure, or empty when it
 * passed. An {@link OutOfMemoryError} releases the heap ballast in the body's own thread, at once.
 */
final class TestBody {

    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(1);

    private final Thread thread;
    private final CompletableFuture<Optional<Throwable>> outcome = new CompletableFuture<>();

    private TestBody(Invocation<Void> invocation, String methodName, Trial trial) {
        this.thread = new Thread(() -> run(invocation, trial), "test-body-" + methodName);
        // A body stuck on a monitor can never be freed; it must not keep the JVM alive.
        this.thread.setDaemon(true);
        this.thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    }

    static TestBody start(Invocation<Void> invocation, String methodName, Trial trial) {
        TestBody body = new TestBody(invocation, methodName, trial);
        trial.bodyRunsOn(body.thread);
        body.thread.start();
        return body;
    }

    private void run(Invocation<Void> invocation, Trial trial) {
        try {
            invocation.proceed();
            outcome.complete(Optional.empty());
        } catch (Throwable thrown) {
            if (causedByOutOfMemory(thrown)) {
                trial.releaseHeap();
            }
            // Not swallowed: handed to the JUnit thread, which judges it and rethrows it or its classification.
            outcome.complete(Optional.of(thrown));
        }
    }

    CompletableFuture<Optional<Throwable>> outcome() {
        return outcome;
    }

    /** Interrupts the body; a body blocked on a monitor stays where it is, the test is judged without it. */
    void abandon() {
        thread.interrupt();
    }

    /** The body's outcome shortly after an interrupt, or the interrupt itself if the body did not react in time. */
    Optional<Throwable> awaitAfterInterrupt() {
        try {
            return outcome.get(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(e);
        } catch (TimeoutException e) {
            InterruptedException interrupted = new InterruptedException(
                    "the test was interrupted and its body did not stop within " + AFTER_INTERRUPT.toMillis() + " ms");
            interrupted.setStackTrace(thread.getStackTrace());
            return Optional.of(interrupted);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test body's outcome cannot fail", e.getCause());
        }
    }

    static boolean causedByOutOfMemory(Throwable thrown) {
        for (Throwable current = thrown; current != null; current = current.getCause()) {
            if (current instanceof OutOfMemoryError) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }
}
