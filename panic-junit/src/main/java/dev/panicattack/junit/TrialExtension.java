package dev.panicattack.junit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.panicattack.pressure.PressureControl;
import dev.panicattack.trial.Trial;
import dev.panicattack.trial.TrialIsolation;
import dev.panicattack.trial.TrialSpec;
import dev.panicattack.trial.Verdict;

/**
 * Runs each declared test method as a {@link Trial}, in the Jupiter lifecycle:
 * <ol>
 * <li>{@link #beforeEach}: validates the declaration, then takes the test's place in the run (a trial
 * runs alone; other tests beside each other, never beside a trial);</li>
 * <li>{@link #beforeTestExecution}: starts evidence and pressure, after {@code @BeforeEach} methods
 * and outside the test's own {@code @Timeout}, so establishing pressure never counts against it;</li>
 * <li>around the test method: runs the body, on JUnit's own thread by default, so the thread-bound
 * context other extensions set up reaches it ({@link TrialRun});</li>
 * <li>{@link #handleTestExecutionException} or {@link #afterTestExecution}: judges the evidence once
 * and fails the test with the verdict (or lets the original failure through);</li>
 * <li>{@link #afterEach}: stops whatever still runs and gives the test's place back; the Store does the
 * same on any other path.</li>
 * </ol>
 * A {@code @TestFactory} is no trial itself: each of its dynamic tests is one, around its invocation.
 * Holds no state of its own.
 *
 * <p>Public only because JUnit's extension auto-detection (run-wide sets and diagnosis) loads it with
 * {@link java.util.ServiceLoader}; registered by {@code @UnderPressure}, {@code @ConstraintSet},
 * {@code @Diagnose} and auto-detection, and JUnit keeps a single instance when several apply. Not API.
 */
public final class TrialExtension implements BeforeEachCallback, BeforeTestExecutionCallback, InvocationInterceptor,
        TestExecutionExceptionHandler, AfterTestExecutionCallback, AfterEachCallback {

    private static final String DECLARATION = "trial.declaration";
    private static final String PLACE = "trial.place";
    private static final String RUN = "trial.run";

    /** For the {@link java.util.ServiceLoader} and JUnit, which create the one instance. */
    public TrialExtension() {
        // No state to set up.
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        // Validate everything first: a bad declaration fails the test before anything starts.
        TrialDeclaration declaration = TrialDeclaration.of(context);
        if (BreakingPointExtension.searches(context)) {
            // A @BreakingPoint search is no trial: each of its trials is one, in a run of its own.
            return;
        }
        AssailDeclaration.publish(context);
        ExtensionContext.Store store = PanicStore.of(context);
        if (declaration.active()) {
            store.put(DECLARATION, declaration);
        }
        if (isFactory(context)) {
            rejectControlShared(context, declaration);
            // Its dynamic tests take their places one by one; holding one here would outlast them all.
            return;
        }
        TrialIsolation isolation = isolation(context);
        store.put(PLACE, declaration.active() ? isolation.alone() : isolation.besideOthers());
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        TrialDeclaration declaration = PanicStore.of(context).get(DECLARATION, TrialDeclaration.class);
        // Pressure changed in code is opened with the test method's parameters: such a trial begins around the body.
        if (declaration != null && !declaration.inCode() && !isFactory(context)) {
            begin(context, declaration);
        }
    }

    private static TrialRun begin(ExtensionContext context, TrialDeclaration declaration) {
        Trial trial = Trial.begin(declaration.spec(context), TrialEnvironmentResource.of(context).environment(),
                InCodePressure.of(context));
        TrialRun run = TrialRun.of(trial, context.getRequiredTestMethod().getName(), declaration.threadMode());
        // In the Store at once: it is closed even if no callback of ours runs again.
        PanicStore.of(context).put(RUN, run);
        return run;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        runBody(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runBody(invocation, invocationContext, context);
    }

    private static void runBody(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        ExtensionContext.Store store = PanicStore.of(context);
        TrialRun run = store.get(RUN, TrialRun.class);
        TrialDeclaration declaration = store.get(DECLARATION, TrialDeclaration.class);
        if (run == null && declaration != null && declaration.inCode()) {
            // A control opened for this test (by its parameters) is the trial's from here: its pressure is evidence too.
            run = begin(context, declaration);
        }
        if (run == null) {
            invocation.proceed();
            return;
        }
        run.runBody(invocation, invocationContext);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext context) throws Throwable {
        TrialDeclaration declaration = PanicStore.of(context).get(DECLARATION, TrialDeclaration.class);
        TrialIsolation.Hold place = declaration == null ? isolation(context).besideOthers() : isolation(context).alone();
        try {
            if (declaration == null) {
                invocation.proceed();
            } else {
                runDynamicTrial(invocation, context, declaration);
            }
        } finally {
            place.close();
        }
    }

    /** One dynamic test as a trial of its own, begun and judged around its invocation (it has no other callbacks). */
    private static void runDynamicTrial(Invocation<Void> invocation, ExtensionContext context,
            TrialDeclaration declaration) throws Throwable {
        ExtensionContext factory = factoryOf(context);
        Trial trial = Trial.begin(dynamicSpec(context, factory, declaration),
                TrialEnvironmentResource.of(factory).environment(), Optional.empty());
        try (TrialRun run = TrialRun.of(trial, context.getDisplayName(), declaration.threadMode())) {
            Optional<Throwable> failure = Optional.empty();
            try {
                run.runBody(invocation, null);
            } catch (Throwable thrown) {
                failure = Optional.of(thrown);
            }
            run.endBody();
            Optional<Throwable> failed = published(context, run, run.judge(failure));
            forgetOurInterrupt(run);
            if (failed.isPresent()) {
                throw failed.get();
            }
        }
    }

    /** The factory's context: a dynamic test's own has no test class or method, and may sit in dynamic containers. */
    private static ExtensionContext factoryOf(ExtensionContext dynamic) {
        ExtensionContext current = dynamic;
        while (current.getTestMethod().isEmpty()) {
            current = current.getParent().orElseThrow(() -> new IllegalStateException(
                    "dynamic test " + dynamic.getUniqueId() + " has no @TestFactory among its parents"));
        }
        return current;
    }

    /** The factory's declaration, for the dynamic test: evidence and reports name the dynamic test, not its factory. */
    private static TrialSpec dynamicSpec(ExtensionContext dynamic, ExtensionContext factory,
            TrialDeclaration declaration) {
        TrialSpec spec = declaration.spec(factory);
        return spec.withTest(new TrialSpec.TestIdentity(dynamic.getUniqueId(), dynamic.getDisplayName(),
                spec.test().className(), spec.test().methodName()));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        TrialRun run = PanicStore.of(context).get(RUN, TrialRun.class);
        if (run == null || run.judged()) {
            throw thrown;
        }
        run.endBody();
        Optional<Throwable> failed = published(context, run, run.judge(Optional.of(thrown)));
        throw failed.orElse(thrown);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        TrialRun run = PanicStore.of(context).get(RUN, TrialRun.class);
        if (run == null || run.judged()) {
            forgetOurInterrupt(run);
            return;
        }
        run.endBody();
        Optional<Throwable> failed = published(context, run, run.judge(Optional.empty()));
        forgetOurInterrupt(run);
        if (failed.isPresent()) {
            throw asThrowable(failed.get());
        }
    }

    /** What a callback that may throw only exceptions throws: the failure itself, whether an error or an exception. */
    private static Exception asThrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof Exception exception ? exception : new IllegalStateException(failure);
    }

    /** The interrupt that freed a hung body was the library's: the next test must not inherit it. */
    private static void forgetOurInterrupt(TrialRun run) {
        if (run != null && run.interruptedJUnitThread()) {
            Thread.interrupted();
        }
    }

    /**
     * Publishes the verdict, and returns what the test fails with: {@code failed}, or, when the
     * memory publishing needed ran out, that error suppressed in it (JUnit would end the whole run on
     * an {@link OutOfMemoryError} thrown from here).
     */
    private static Optional<Throwable> published(ExtensionContext context, TrialRun run, Optional<Throwable> failed) {
        try {
            publish(context, run);
            return failed;
        } catch (VirtualMachineError | LinkageError publishing) {
            Throwable failure = failed.isPresent() ? failed.get() : new TrialRun.JudgingFailed(null);
            failure.addSuppressed(publishing);
            return Optional.of(failure);
        }
    }

    private static void publish(ExtensionContext context, TrialRun run) {
        TrialDeclaration declaration = PanicStore.of(context).get(DECLARATION, TrialDeclaration.class);
        run.verdict().ifPresent(verdict -> publish(context, declaration, verdict));
    }

    private static void publish(ExtensionContext context, TrialDeclaration declaration, Verdict verdict) {
        String heap = heapForecasts(verdict);
        if (declaration.pressured()) {
            context.publishReportEntry(PanicConfiguration.PRESSURE_REPORT_ENTRY,
                    verdict.pressure().describe() + " | " + verdict.achieved() + (heap.isEmpty() ? "" : " | " + heap));
        }
        if (!heap.isEmpty()) {
            context.publishReportEntry(PanicConfiguration.HEAP_REPORT_ENTRY, heap);
        }
        verdict.report().ifPresent(files -> {
            context.publishReportEntry(PanicConfiguration.REPORT_ENTRY, files.html().toString());
            ReportAttachment.attach(context, files.html());
        });
        verdict.reportProblem().ifPresent(problem -> context.publishReportEntry(PanicConfiguration.REPORT_ENTRY,
                "not written: " + problem));
    }

    /** The heap forecasts of the verdict, joined by {@code "; "}; empty when there are none. */
    private static String heapForecasts(Verdict verdict) {
        return java.util.stream.Stream.concat(verdict.exhaustion().map(forecast -> forecast.describe()).stream(),
                verdict.heapNeed().map(need -> need.describe()).stream()).collect(java.util.stream.Collectors.joining("; "));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = PanicStore.of(context);
        try {
            TrialRun run = store.remove(RUN, TrialRun.class);
            if (run != null) {
                run.close();
            }
        } finally {
            TrialIsolation.Hold place = store.remove(PLACE, TrialIsolation.Hold.class);
            if (place != null) {
                place.close();
            }
        }
    }

    /** One control per trial: a factory's dynamic tests are trials of their own and cannot share the factory's. */
    private static void rejectControlShared(ExtensionContext context, TrialDeclaration declaration) {
        Method factory = context.getRequiredTestMethod();
        boolean takesControl = Arrays.stream(factory.getParameterTypes()).anyMatch(PressureControl.class::equals);
        if (declaration.inCode() && takesControl) {
            throw new ExtensionConfigurationException("@PressureInCode gives a PressureControl to one test, but the"
                    + " dynamic tests of the @TestFactory " + factory.getDeclaringClass().getSimpleName() + "."
                    + factory.getName() + "() are each a test of their own: take the PressureControl in a @Test,"
                    + " @ParameterizedTest or @RepeatedTest method instead");
        }
    }

    private static boolean isFactory(ExtensionContext context) {
        return context.getTestMethod().map(method -> AnnotationSupport.isAnnotated(method, TestFactory.class)).orElse(false);
    }

    /** The run's one isolation, in the root Store. */
    private static TrialIsolation isolation(ExtensionContext context) {
        ExtensionContext.Store root = PanicStore.ofRun(context);
        synchronized (TrialIsolation.class) {
            TrialIsolation isolation = root.get(TrialIsolation.class, TrialIsolation.class);
            if (isolation == null) {
                isolation = new TrialIsolation();
                root.put(TrialIsolation.class, isolation);
            }
            return isolation;
        }
    }
}
