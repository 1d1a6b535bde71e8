package dev.panicattack.pressure;

import java.util.Optional;

/**
 * The one switch for every entry point that applies pressure, {@value #ENABLED_PROPERTY_NAME}: only
 * {@code false} (any case, blanks around it ignored) switches pressure off. The JUnit extensions read
 * it as a configuration parameter; static entry points without one (the fuse assertions) read the
 * system property.
 */
public final class PressureSwitch {

    /** The switch's name, as a system property or a JUnit configuration parameter. */
    public static final String ENABLED_PROPERTY_NAME = "panic.enabled";

    /** What a disabled entry point names as the reason: {@code panic.enabled=false}. */
    public static final String DISABLED_BY = ENABLED_PROPERTY_NAME + "=false";

    private PressureSwitch() {
    }

    /** Whether pressure is on when the switch reads {@code value} (absent: on). */
    public static boolean on(Optional<String> value) {
        return value.map(text -> !text.trim().equalsIgnoreCase("false")).orElse(true);
    }

    /** Whether pressure is on by the system property. */
    public static boolean onBySystemProperty() {
        return on(Optional.ofNullable(System.getProperty(ENABLED_PROPERTY_NAME)));
    }
}
