package dev.panicattack.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import dev.panicattack.trial.Trial;

/**
 * Copies of the test method running in threads of their own: the whole body in
 * {@code test-body-<method>} when a test asks for a thread of its own (so that a hang fails it at
 * once), and under {@code concurrency.parallel = N} the further copies
 * {@code test-body-<method>-copy-<i>}, each a test thread. The outcome completes with the first
 * failure (later ones suppressed by it), or empty when every copy passed. An
 * {@link OutOfMemoryError} releases the heap ballast in the failing thread, at once.
 */
final class TestBody {

    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(1);

    private final List<Thread> threads = new ArrayList<>();
    private final CompletableFuture<Optional<Throwable>> outcome = new CompletableFuture<>();
    // Parallel copies: failures in the order they happened, and copies still running.
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final CountDownLatch go = new CountDownLatch(1);
    /** Copies 1 to N-1 beside the body on JUnit's thread: the caller combines failures with that body's own. */
    private final boolean besideTheBody;

    private TestBody(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, String methodName,
            Trial trial, int firstCopy, int copies) {
        this.besideTheBody = firstCopy > 0;
        for (int copy = firstCopy; copy < firstCopy + copies; copy++) {
            // Copy 0 proceeds through JUnit; the others call the same method on the same instance.
            Body body = copy == 0 ? () -> invocation.proceed() : () -> invokeCopy(context);
            String name = copy == 0 ? "test-body-" + methodName : "test-body-" + methodName + "-copy-" + copy;
            Thread thread = new Thread(() -> run(body, trial), name);
            // A body stuck on a monitor can never be freed; it must not keep the JVM alive.
            thread.setDaemon(true);
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            threads.add(thread);
        }
        running.set(copies);
    }

    /** Starts {@code copies} copies of the body at once, each a test thread; the outcome completes when all ended. */
    static TestBody start(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, String methodName,
            Trial trial, int copies) {
        return started(new TestBody(invocation, context, methodName, trial, 0, copies), trial);
    }

    /**
     * Starts copies 1 to {@code copies - 1} of the body, each a test thread, while the caller runs copy
     * 0 itself (on JUnit's thread).
     */
    static TestBody startOtherCopies(ReflectiveInvocationContext<Method> context, String methodName, Trial trial,
            int copies) {
        return started(new TestBody(null, context, methodName, trial, 1, copies - 1), trial);
    }

    private static TestBody started(TestBody body, Trial trial) {
        for (Thread thread : body.threads) {
            trial.bodyRunsOn(thread);
            thread.start();
        }
        // Copies wait for each other so that they begin at the same moment, as a burst of requests does.
        body.go.countDown();
        return body;
    }

    /** The threads the copies run on. */
    List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** The failures of the copies that failed, in the order they happened; complete once the outcome is. */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** A body that may throw anything. */
    @FunctionalInterface
    private interface Body {
        void run() throws Throwable;
    }

    private static void invokeCopy(ReflectiveInvocationContext<Method> context) throws Throwable {
        Method method = context.getExecutable();
        method.setAccessible(true);
        try {
            method.invoke(context.getTarget().orElse(null), context.getArguments().toArray());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void run(Body body, Trial trial) {
        try {
            go.await();
            body.run();
        } catch (Throwable thrown) {
            if (Trial.causedByOutOfMemory(thrown)) {
                trial.outOfMemory();
            }
            // Not swallowed: handed to the JUnit thread, which judges it and rethrows it or its classification.
            failures.add(thrown);
        } finally {
            if (running.decrementAndGet() == 0) {
                complete();
            }
        }
    }

    /** The first failure, the later ones suppressed by it; empty when every copy passed. */
    private void complete() {
        if (failures.isEmpty()) {
            outcome.complete(Optional.empty());
            return;
        }
        Throwable first = failures.get(0);
        if (besideTheBody) {
            // Copies beside the body on JUnit's thread: the caller combines them with that body's own failure.
            outcome.complete(Optional.of(first));
            return;
        }
        for (Throwable later : failures.subList(1, failures.size())) {
            if (later != first) {
                first.addSuppressed(later);
            }
        }
        outcome.complete(Optional.of(first));
    }

    /** How many copies of the body ran. */
    int copies() {
        return threads.size();
    }

    /** How many copies failed; complete once the outcome is. */
    int failedCopies() {
        return failures.size();
    }

    CompletableFuture<Optional<Throwable>> outcome() {
        return outcome;
    }

    /** Interrupts the body; a body blocked on a monitor stays where it is, the test is judged without it. */
    void abandon() {
        threads.forEach(Thread::interrupt);
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
            interrupted.setStackTrace(threads.get(0).getStackTrace());
            return Optional.of(interrupted);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test body's outcome cannot fail", e.getCause());
        }
    }
}
