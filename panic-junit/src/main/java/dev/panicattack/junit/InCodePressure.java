package dev.panicattack.junit;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.pressure.PressureControl;
import dev.panicattack.pressure.PressureSwitch;
import dev.panicattack.subject.Subject;

/**
 * Where a test's {@link PressureControl} lives: one per test method, in the method's Store, which
 * closes it (an {@link AutoCloseable}) on any path. The parameter resolver opens it; the trial
 * takes it over when the test method runs. With {@code panic.enabled=false} the control is
 * {@link PressureControl#disabled disabled}: it accepts every call and applies nothing.
 */
final class InCodePressure {

    private static final String CONTROL = "in-code.control";

    private InCodePressure() {
    }

    /** The test's control, opened on the first call (whichever of {@code @BeforeEach} and the test asks first). */
    static PressureControl openFor(ExtensionContext context) {
        // get-then-put rather than computeIfAbsent: its typed form is JUnit 6 only, and resolution for
        // one test is single-threaded.
        ExtensionContext.Store store = PanicStore.of(context);
        PressureControl control = store.get(CONTROL, PressureControl.class);
        if (control == null) {
            Subject subject = Subject.packageOf(context.getRequiredTestClass());
            control = PressureSwitch.on(context.getConfigurationParameter(PanicConfiguration.ENABLED_PROPERTY_NAME)) ? PressureControl.open(subject)
                    : PressureControl.disabled(subject, PressureSwitch.DISABLED_BY);
            store.put(CONTROL, control);
        }
        return control;
    }

    /** The test's control, when one was opened. */
    static Optional<PressureControl> of(ExtensionContext context) {
        return Optional.ofNullable(PanicStore.of(context).get(CONTROL, PressureControl.class));
    }

    /** Takes the test's control out of the Store, when one was opened; the caller closes it. */
    static Optional<PressureControl> remove(ExtensionContext context) {
        return Optional.ofNullable(PanicStore.of(context).remove(CONTROL, PressureControl.class));
    }
}
