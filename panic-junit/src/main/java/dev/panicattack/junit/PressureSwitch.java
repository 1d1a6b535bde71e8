package dev.panicattack.junit;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;


/**
 * One reading of {@value PanicConfiguration#ENABLED_PROPERTY_NAME} for every entry point that
 * applies pressure: only {@code false} (any case, blanks around it ignored) switches pressure off.
 * Extensions read it as a JUnit configuration parameter; the static fuse assertions, which have no
 * extension context, read the system property. Public for {@code dev.panicattack.junit.fuse}. Not API.
 */
public final class PressureSwitch {

    /** What a disabled entry point names as the reason: {@code panic.enabled=false}. */
    public static final String DISABLED_BY = PanicConfiguration.ENABLED_PROPERTY_NAME + "=false";

    private PressureSwitch() {
    }

    /** Whether pressure is on for the test of {@code context} (its configuration parameters). */
    public static boolean on(ExtensionContext context) {
        return on(context.getConfigurationParameter(PanicConfiguration.ENABLED_PROPERTY_NAME));
    }

    /** Whether pressure is on by the system property; {@code junit-platform.properties} is not read. */
    public static boolean onBySystemProperty() {
        return on(Optional.ofNullable(System.getProperty(PanicConfiguration.ENABLED_PROPERTY_NAME)));
    }

    private static boolean on(Optional<String> value) {
        return value.map(text -> !text.trim().equalsIgnoreCase("false")).orElse(true);
    }
}
