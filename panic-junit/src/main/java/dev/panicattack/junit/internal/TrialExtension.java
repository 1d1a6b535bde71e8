package dev.panicattack.junit.internal;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.pressure.concurrency.ConcurrencyPlan;
import dev.panicattack.pressure.concurrency.ConcurrencyStressor;
import dev.panicattack.trial.Hang;
import dev.panicattack.trial.Trial;
import dev.panicattack.trial.TrialSpec;
import dev.panicattack.trial.Verdict;

/**
 * Runs each declared test method as a {@link Trial}: validates the declaration in
 * {@link #beforeEach}, then around the test method starts evidence and pressure, runs the body in a
 * thread of its own so that a hang can be judged instead of waited out, and turns the verdict into
 * the test's outcome. Everything started is stopped in the interceptor, again in
 * {@link #afterEach}, and by the Store on any other path. Holds no state of its own.
 *
 * <p>Public only because JUnit's extension auto-detection (run-wide sets and diagnosis) loads it with
 * {@link java.util.ServiceLoader}; registered by {@code @UnderPressure}, {@code @ConstraintSet},
 * {@code @Diagnose} and auto-detection, and JUnit keeps a single instance when several apply. Not API.
 */
public final class TrialExtension implements BeforeEachCallback, InvocationInterceptor, AfterEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(TrialExtension.class);
    private static final String DECLARATION = "declaration";
    private static final String TRIAL = "trial";

    @Override
    public void beforeEach(ExtensionContext context) {
        // Validate everything first: a bad declaration fails the test before anything starts.
        TrialDeclaration declaration = TrialDeclaration.of(context);
        AssailDeclaration.publish(context);
        if (declaration.active()) {
            context.getStore(NAMESPACE).put(DECLARATION, declaration);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        judge(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        judge(invocation, invocationContext, context);
    }

    private static void judge(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        TrialDeclaration declaration = context.getStore(NAMESPACE).get(DECLARATION, TrialDeclaration.class);
        if (declaration == null) {
            invocation.proceed();
            return;
        }
        TrialSpec spec = declaration.spec(context);
        // A control opened for this test (by its parameters) is the trial's from here: its pressure is evidence too.
        Trial trial = Trial.begin(spec, TrialEnvironmentResource.of(context).environment(), InCodePressure.of(context));
        // In the Store before the body runs: it is closed even if this frame never unwinds normally.
        context.getStore(NAMESPACE).put(TRIAL, trial);
        int copies = spec.plan().axis(ConcurrencyPlan.class).map(ConcurrencyPlan::parallel).orElse(1);
        TestBody body = TestBody.start(invocation, invocationContext, context.getRequiredTestMethod().getName(), trial,
                copies);
        Optional<Hang> hang = Optional.empty();
        Optional<Throwable> failure;
        try {
            Object first = CompletableFuture.anyOf(body.outcome(), trial.hang()).get();
            if (first instanceof Hang detected) {
                hang = Optional.of(detected);
                body.abandon();
                failure = Optional.empty();
            } else {
                failure = body.outcome().get();
            }
        } catch (InterruptedException e) {
            // Interrupted from outside (a @Timeout, a cancelled run): pass it on to the body and judge what it did.
            body.abandon();
            failure = body.awaitAfterInterrupt();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Only the hang detector can fail this way: judge without it rather than wait forever.
            body.abandon();
            trial.close();
            throw new org.opentest4j.AssertionFailedError("panic-attack could not watch this test for hangs,"
                    + " so it was stopped: " + e.getCause(), e.getCause());
        }
        if (copies > 1 && hang.isEmpty()) {
            trial.stressor(ConcurrencyStressor.class).ifPresent(stressor -> stressor.recordParallel(copies, body.failedCopies()));
        }
        Verdict verdict = trial.conclude(failure, hang);
        publish(context, declaration, verdict);
        Outcome.of(failure, hang, verdict).throwIfFailed();
    }

    private static void publish(ExtensionContext context, TrialDeclaration declaration, Verdict verdict) {
        if (declaration.pressure().declared() || declaration.inCode()) {
            context.publishReportEntry(PanicConfiguration.PRESSURE_REPORT_ENTRY,
                    verdict.pressure() + " | " + verdict.achieved());
        }
        verdict.report().ifPresent(files -> {
            context.publishReportEntry(PanicConfiguration.REPORT_ENTRY, files.html().toString());
            ReportAttachment.attach(context, files.html());
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Trial trial = context.getStore(NAMESPACE).remove(TRIAL, Trial.class);
        if (trial != null) {
            trial.close();
        }
    }
}
