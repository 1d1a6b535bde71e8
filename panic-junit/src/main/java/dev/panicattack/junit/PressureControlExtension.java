package dev.panicattack.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.panicattack.pressure.PressureControl;
import dev.panicattack.subject.Subject;

/**
 * Resolves {@link PressureControl} parameters for {@link PressureInCode} tests: one control per
 * test method, kept in the method's Store (which closes it on any path, as an
 * {@link AutoCloseable}) and closed explicitly in {@link #afterEach}, where its timeline is
 * published. Holds no state of its own.
 */
final class PressureControlExtension implements ParameterResolver, AfterEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(PressureControlExtension.class);
    private static final String CONTROL = "control";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // Only where a test method's Store owns it: a class-level control would outlive the test.
        return parameterContext.getParameter().getType() == PressureControl.class
                && parameterContext.getDeclaringExecutable() instanceof java.lang.reflect.Method
                && extensionContext.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // One control per test method, whichever of @BeforeEach and the test method asks first.
        // get-then-put rather than computeIfAbsent: the latter's typed form is JUnit 6 only, and
        // resolution for one test is single-threaded.
        ExtensionContext.Store store = extensionContext.getStore(NAMESPACE);
        PressureControl control = store.get(CONTROL, PressureControl.class);
        if (control == null) {
            control = PressureControl.open(Subject.packageOf(extensionContext.getRequiredTestClass()));
            store.put(CONTROL, control);
        }
        return control;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PressureControl control = context.getStore(NAMESPACE).remove(CONTROL, PressureControl.class);
        if (control == null) {
            return;
        }
        control.close();
        if (!control.timeline().isEmpty()) {
            context.publishReportEntry(PressureInCode.REPORT_ENTRY,
                    control.achievedSummary() + "\n" + control.timelineTable());
        }
    }
}
