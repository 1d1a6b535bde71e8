package dev.panicattack.junit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import dev.panicattack.pressure.concurrency.ConcurrencyPlan;
import dev.panicattack.pressure.concurrency.ConcurrencyStressor;
import dev.panicattack.trial.Hang;
import dev.panicattack.trial.Trial;
import dev.panicattack.trial.Verdict;

/**
 * One test's trial as the extension drives it: begun before the body, the body run on JUnit's
 * thread (or, when the test asks, on a thread of its own), a hang judged the moment it is proven, and
 * one verdict however the body ends. Whichever comes first, the body's end or a proven hang, decides
 * how the test is judged; the other finds the verdict made.
 *
 * <p>A hang is concluded at once on a thread of its own: the verdict is printed and its report
 * written, then the body's threads are interrupted. A body that comes back fails with the verdict; a
 * body that cannot come back (stuck entering a monitor) stays where it is, and the printed verdict
 * says so and how to fail such a test at once.
 */
final class TrialRun implements AutoCloseable {

    /** How long a hung body gets to come back after its interrupt before the printout says it cannot. */
    private static final Duration FREEING = Duration.ofSeconds(2);
    /** A hang is concluded off the heartbeat, on a short-lived thread of its own (never the common pool, which a test may block). */
    private static final Executor HANG_JUDGE = task -> {
        Thread thread = new Thread(task, "panic-hang-verdict");
        thread.setDaemon(true);
        thread.start();
    };

    private enum State { RUNNING, BODY_ENDED, HANG_JUDGED }

    private final Trial trial;
    private final String methodName;
    private final Diagnose.ThreadMode mode;
    private final int copies;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final List<Thread> bodyThreads = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Verdict> hangVerdict = new CompletableFuture<>();
    private final CountDownLatch bodyReturned = new CountDownLatch(1);
    private volatile boolean interruptedByHang;
    private volatile boolean judged;

    private TrialRun(Trial trial, String methodName, Diagnose.ThreadMode mode) {
        this.trial = trial;
        this.methodName = methodName;
        this.mode = mode;
        this.copies = trial.spec().plan().axis(ConcurrencyPlan.class).map(ConcurrencyPlan::parallel).orElse(1);
    }

    /** Takes over a begun trial and starts listening for its hang. */
    static TrialRun of(Trial trial, String methodName, Diagnose.ThreadMode mode) {
        TrialRun run = new TrialRun(trial, methodName, mode);
        trial.hang().whenCompleteAsync((hang, watchFailure) -> {
            if (hang != null) {
                run.onHang(hang);
            } else if (watchFailure != null) {
                // The test goes on unwatched; it is judged when it ends, as any other.
                System.err.println("panic-attack stopped watching " + run.testName() + " for hangs: " + watchFailure);
            }
        }, HANG_JUDGE);
        return run;
    }

    /**
     * Runs the body where the test asked, and returns or throws as the body did. {@code context} is
     * null for a dynamic test, which has no method to copy.
     */
    void runBody(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context) throws Throwable {
        if (copies > 1 && context == null) {
            throw new org.junit.jupiter.api.extension.ExtensionConfigurationException("concurrency.parallel runs copies"
                    + " of a test method; a dynamic test (" + methodName + ") has no method to copy: declare it on a"
                    + " @Test method instead");
        }
        if (mode == Diagnose.ThreadMode.SEPARATE_THREAD) {
            runSeparately(invocation, context);
        } else {
            runHere(invocation, context);
        }
    }

    private void runHere(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context) throws Throwable {
        Thread junit = Thread.currentThread();
        bodyThreads.add(junit);
        trial.bodyRunsOn(junit);
        TestBody others = null;
        Throwable thrown = null;
        try {
            if (copies > 1) {
                others = TestBody.startOtherCopies(context, methodName, trial, copies);
                bodyThreads.addAll(others.threads());
            }
            invocation.proceed();
        } catch (Throwable failure) {
            thrown = failure;
            if (Trial.causedByOutOfMemory(failure)) {
                trial.outOfMemory();
            }
        } finally {
            bodyReturned.countDown();
        }
        if (others != null) {
            thrown = withOtherCopies(thrown, others);
        }
        endBody();
        if (thrown != null) {
            throw judgeable(thrown);
        }
    }

    /**
     * JUnit rethrows an {@link OutOfMemoryError} past every exception handler and ends the run; wrapped,
     * it reaches {@link #judge}, which unwraps it: the test fails, classified, and the run goes on.
     */
    private static Throwable judgeable(Throwable thrown) {
        return thrown instanceof OutOfMemoryError ? new BodyOutOfMemory(thrown) : thrown;
    }

    /** The body's own failure, with an {@link OutOfMemoryError} unwrapped again. */
    static Throwable original(Throwable thrown) {
        return thrown instanceof BodyOutOfMemory wrapped ? wrapped.getCause() : thrown;
    }

    /** Waits for the other copies (or a hang), then reports how many failed; the first failure leads. */
    private Throwable withOtherCopies(Throwable first, TestBody others) throws InterruptedException {
        try {
            CompletableFuture.anyOf(others.outcome(), hangVerdict).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("neither a body's outcome nor a hang verdict can fail", e.getCause());
        }
        if (!others.outcome().isDone()) {
            return first;
        }
        List<Throwable> failures = new ArrayList<>();
        if (first != null) {
            failures.add(first);
        }
        failures.addAll(others.failures());
        trial.stressor(ConcurrencyStressor.class).ifPresent(stressor -> stressor.recordParallel(copies, failures.size()));
        if (failures.isEmpty()) {
            return null;
        }
        Throwable leading = failures.get(0);
        failures.subList(1, failures.size()).stream().filter(later -> later != leading).forEach(leading::addSuppressed);
        return leading;
    }

    private void runSeparately(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context)
            throws Throwable {
        TestBody body = TestBody.start(invocation, context, methodName, trial, copies);
        bodyThreads.addAll(body.threads());
        Optional<Throwable> failure;
        try {
            CompletableFuture.anyOf(body.outcome(), hangVerdict).get();
            if (!body.outcome().isDone()) {
                // Judged hung: the test fails now, whether or not its threads ever come back.
                throw new HangJudged();
            }
            failure = body.outcome().get();
        } catch (InterruptedException e) {
            // Interrupted from outside (a @Timeout, a cancelled run): pass it on to the body and judge what it did.
            body.abandon();
            failure = body.awaitAfterInterrupt();
            Thread.currentThread().interrupt();
        } finally {
            bodyReturned.countDown();
        }
        if (copies > 1) {
            trial.stressor(ConcurrencyStressor.class).ifPresent(stressor -> stressor.recordParallel(copies, body.failedCopies()));
        }
        endBody();
        if (failure.isPresent()) {
            throw judgeable(failure.get());
        }
    }

    /** The body is over, whatever way: its threads are no longer watched for hangs. */
    void endBody() {
        if (state.compareAndSet(State.RUNNING, State.BODY_ENDED)) {
            trial.bodyEnded();
        }
    }

    private void onHang(Hang hang) {
        if (!state.compareAndSet(State.RUNNING, State.HANG_JUDGED)) {
            return;
        }
        Verdict verdict = trial.conclude(Optional.empty(), Optional.of(hang));
        Optional<Throwable> failed = Outcome.of(Optional.empty(), Optional.of(hang), verdict).failed();
        System.err.println("panic-attack judged " + testName() + " hung; it fails as soon as its thread is freed.");
        failed.map(Throwable::getMessage).ifPresent(System.err::println);
        interruptedByHang = true;
        hangVerdict.complete(verdict);
        bodyThreads.forEach(Thread::interrupt);
        if (mode != Diagnose.ThreadMode.SEPARATE_THREAD && !awaitBodyReturned()) {
            System.err.println("panic-attack: the body of " + testName() + " did not come back within "
                    + FREEING.toSeconds() + " s of its interrupt (a thread entering a monitor or taking a lock"
                    + " uninterruptibly cannot be freed), so JUnit waits for it. To fail such a test at once, run it"
                    + " on a thread of its own: @Diagnose(threadMode = SEPARATE_THREAD) or"
                    + " -Dpanic.diagnose.threadMode=separate_thread (docs/thread-model.md).");
        }
    }

    private boolean awaitBodyReturned() {
        try {
            return bodyReturned.await(FREEING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Judges the trial once: from the hang verdict if a hang was proven first (the body's own failure,
     * the way it came back, is kept as suppressed), else from {@code failure}, the body's.
     *
     * @return what the test fails with, or empty when it passes
     */
    Optional<Throwable> judge(Optional<Throwable> thrown) {
        judged = true;
        Optional<Throwable> failure = thrown.map(TrialRun::original);
        try {
            return judgeOnce(failure);
        } catch (VirtualMachineError | LinkageError judging) {
            // Memory (or a class) the judging needed was not there: JUnit would end the whole run on an
            // OutOfMemoryError from here, so the test fails with what is known, and the run goes on.
            JudgingFailed failed = new JudgingFailed(failure.orElse(null));
            failed.addSuppressed(judging);
            return Optional.of(failed);
        }
    }

    private Optional<Throwable> judgeOnce(Optional<Throwable> failure) {
        if (state.get() == State.HANG_JUDGED) {
            Verdict verdict = hangVerdict.join();
            Optional<Throwable> failed = Outcome.of(Optional.empty(), verdict.hang(), verdict).failed();
            failure.filter(body -> !(body instanceof HangJudged))
                    .ifPresent(body -> failed.ifPresent(error -> error.addSuppressed(body)));
            return failed;
        }
        Verdict verdict = trial.conclude(failure, Optional.empty());
        return Outcome.of(failure, Optional.empty(), verdict).failed();
    }

    private String testName() {
        String className = trial.spec().test().className();
        return className.substring(className.lastIndexOf('.') + 1) + "." + methodName + "()";
    }

    /** Whether {@link #judge} has run. */
    boolean judged() {
        return judged;
    }

    /** The verdict, once judged. */
    Optional<Verdict> verdict() {
        return trial.verdict();
    }

    /** Whether the hang path interrupted JUnit's thread: that interrupt is the library's, not the test's. */
    boolean interruptedJUnitThread() {
        return interruptedByHang && mode != Diagnose.ThreadMode.SEPARATE_THREAD;
    }

    @Override
    public void close() {
        trial.close();
    }

    /** Carries an {@link OutOfMemoryError} of the body past JUnit to the judge. */
    static final class BodyOutOfMemory extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BodyOutOfMemory(Throwable error) {
            super("the test body ran out of memory", error, false, false);
        }
    }

    /**
     * The test's failure when judging it failed for lack of memory: the test's own failure is the
     * cause, what failed while judging is suppressed. Its message is a constant: building one could
     * need the memory that ran out.
     */
    static final class JudgingFailed extends AssertionError {

        private static final long serialVersionUID = 1L;

        JudgingFailed(Throwable failure) {
            super("panic-attack could not judge this test: the JVM ran out of memory (or could not load a class)"
                    + " while the library judged it, so there is no verdict and the report may be missing; the test's"
                    + " own failure, if any, is the cause, and what failed while judging is suppressed"
                    + " (docs/exhaustion.md)", failure);
        }
    }

    /** Thrown by a body judged hung on a thread of its own, so that the test fails without waiting for it. */
    static final class HangJudged extends RuntimeException {

        private static final long serialVersionUID = 1L;

        HangJudged() {
            super("the test was judged hung", null, false, false);
        }
    }
}
