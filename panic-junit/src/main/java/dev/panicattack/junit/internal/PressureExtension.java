package dev.panicattack.junit.internal;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.pressure.PressureSession;

/**
 * Holds the declared pressure around each test method invocation: validates in
 * {@link #beforeEach}, applies pressure only while the test method runs, and stops it in the
 * interceptor's {@code finally}, again in {@link #afterEach}, and through the Store on any other
 * path. Holds no state of its own.
 *
 * <p>Public only because JUnit's extension auto-detection (used for the run-wide set) loads it with
 * {@link java.util.ServiceLoader}; registered by {@code @UnderPressure}, {@code @ConstraintSet} and
 * auto-detection, and JUnit keeps a single instance when several of them apply. Not API.
 */
public final class PressureExtension implements BeforeEachCallback, InvocationInterceptor, AfterEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(PressureExtension.class);
    private static final String DECLARATION = "declaration";
    private static final String SESSION = "session";

    @Override
    public void beforeEach(ExtensionContext context) {
        // Validate everything first: a bad declaration fails the test before any stressor starts.
        PressureDeclaration declaration = PressureDeclaration.of(context);
        if (enabled(context)) {
            context.getStore(NAMESPACE).put(DECLARATION, declaration);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        underPressure(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        underPressure(invocation, context);
    }

    private static void underPressure(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        PressureDeclaration declaration = context.getStore(NAMESPACE).get(DECLARATION, PressureDeclaration.class);
        if (declaration == null || declaration.plan().isEmpty()) {
            invocation.proceed();
            return;
        }
        // Stored before it starts pressure: the Store closes it even if this frame never unwinds normally.
        PressureSession session = PressureSession.start(declaration.plan());
        context.getStore(NAMESPACE).put(SESSION, session);
        try {
            invocation.proceed();
        } catch (OutOfMemoryError error) {
            // Drop the ballast first, so the JVM has room to report; then fail this test only, since
            // JUnit would treat a bare OutOfMemoryError as fatal to the whole run.
            long released = session.ballastBytes();
            session.releaseHeap();
            throw new AssertionFailedError("OutOfMemoryError under pressure (" + declaration.plan().describe()
                    + "); the library released its ballast of " + (released >> 20) + " MiB at once;"
                    + " the original error is the cause", error);
        } finally {
            session.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PressureSession session = context.getStore(NAMESPACE).remove(SESSION, PressureSession.class);
        if (session == null) {
            return;
        }
        session.close();
        PressureDeclaration declaration = context.getStore(NAMESPACE).get(DECLARATION, PressureDeclaration.class);
        context.publishReportEntry(PanicConfiguration.PRESSURE_REPORT_ENTRY,
                declaration.plan().describe() + " | " + session.achievedSummary());
    }

    private static boolean enabled(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.ENABLED_PROPERTY_NAME)
                .map(value -> !value.trim().equalsIgnoreCase("false"))
                .orElse(true);
    }
}
