package dev.panicattack.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.panicattack.pressure.PressureControl;

/**
 * Resolves {@link PressureControl} parameters for {@link PressureInCode} tests: one control per
 * test method ({@link InCodePressure}; a disabled one under {@code panic.enabled=false}), closed
 * explicitly in {@link #afterEach}, where its timeline (or, disabled, its summary) is published.
 * The trial that runs the test method owns it in between. Holds no state of its own.
 */
final class PressureControlExtension implements ParameterResolver, AfterEachCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // Only where a test method's Store owns it: a class-level control would outlive the test.
        return parameterContext.getParameter().getType() == PressureControl.class
                && parameterContext.getDeclaringExecutable() instanceof java.lang.reflect.Method
                && extensionContext.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return InCodePressure.openFor(extensionContext);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        InCodePressure.remove(context).ifPresent(control -> {
            try {
                // A PressureReleaseException fails the test, after every axis was asked to stop.
                control.close();
            } finally {
                if (!control.timeline().isEmpty()) {
                    context.publishReportEntry(PressureInCode.REPORT_ENTRY,
                            control.achievedSummary() + "\n" + control.timelineTable());
                } else if (control.disabledBy().isPresent()) {
                    context.publishReportEntry(PressureInCode.REPORT_ENTRY, control.achievedSummary());
                }
            }
        });
    }
}
