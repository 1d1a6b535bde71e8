package dev.panicattack.junit;

import java.lang.reflect.Method;

import dev.panicattack.trial.Trial;

import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Loads, once per run and while memory is plentiful, what runs between a test method's
 * {@link OutOfMemoryError} and the moment the trial drops its memory reserve: JUnit's handling of a
 * test method that threw (it loads and initialises classes the first time a test fails) and the
 * trial run's own catch. After a metaspace {@code OutOfMemoryError} nothing can be loaded until the
 * reserve is dropped; from then on the reserve's room serves the verdict and JUnit's report of the
 * failure ({@code docs/exhaustion.md}).
 */
final class FailurePathWarmUp {

    private FailurePathWarmUp() {
    }

    static void perform() {
        OutOfMemoryError error = new OutOfMemoryError("warm-up: not a real OutOfMemoryError");
        try {
            // As JUnit calls a test method: reflectively, unwrapping the InvocationTargetException.
            ReflectionSupport.invokeMethod(thrower(), null, error);
        } catch (OutOfMemoryError expected) {
            Trial.causedByOutOfMemory(TrialRun.original(new TrialRun.BodyOutOfMemory(expected)));
            new TrialRun.JudgingFailed(expected).addSuppressed(expected);
        }
    }

    private static Method thrower() {
        try {
            return FailurePathWarmUp.class.getDeclaredMethod("rethrow", OutOfMemoryError.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("FailurePathWarmUp.rethrow is gone", e);
        }
    }

    @SuppressWarnings("unused") // called reflectively, as JUnit calls a test method
    private static void rethrow(OutOfMemoryError error) {
        throw error;
    }
}
