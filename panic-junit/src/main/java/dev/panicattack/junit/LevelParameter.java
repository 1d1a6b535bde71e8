package dev.panicattack.junit;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.Level;
import dev.panicattack.constraint.ConstraintSetException;
import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.pressure.PressureSource;

/**
 * The level a breaking-point search put this run under, {@value PanicConfiguration#BREAKING_POINT_LEVEL_PROPERTY_NAME}
 * {@code = <axis key>=<value>}, read once and validated as the axis's constraint-set key would be:
 * the value is written as that key's YAML and read by the constraint-set reader.
 */
record LevelParameter(Level level, Optional<Constraints> constraints) {

    private static final String SET_NAME = "breaking-point-level";

    /** The parameter's text for {@code level}, as {@link #parse} reads it. */
    static String text(Level level) {
        return level.axis().key() + "=" + level.axis().number(level.value());
    }

    /**
     * @throws ExtensionConfigurationException text that is not {@code <axis key>=<number>} of a known
     *                                         axis within its range, naming the parameter, the value and the fix
     */
    static LevelParameter parse(String text) {
        String trimmed = text.trim();
        int equals = trimmed.indexOf('=');
        if (equals < 0) {
            throw invalid(text, "it is not <axis key>=<value>; write it like network.latency=180");
        }
        BreakingAxis axis;
        try {
            axis = BreakingAxis.parse(trimmed.substring(0, equals).trim());
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        double value;
        try {
            value = Double.parseDouble(trimmed.substring(equals + 1).trim());
        } catch (NumberFormatException e) {
            throw invalid(text, "the value is not a number; write it in " + unit(axis) + ", like " + axis.key() + "="
                    + axis.number(axis.minimum() + axis.defaultResolution()));
        }
        if (!(value >= axis.minimum() && value <= axis.maximum())) {
            throw invalid(text, axis.key() + " must be between " + axis.number(axis.minimum()) + " and "
                    + axis.number(axis.maximum()) + " (" + unit(axis) + ")");
        }
        Level level = new Level(axis, value);
        return new LevelParameter(level, constraints(level));
    }

    /** The level as a source of the trial's pressure. */
    PressureSource source() {
        return new PressureSource.BreakingPointLevel(level.axis().key(), level.value());
    }

    /**
     * The one-key set {@code level} declares, empty for an axis that is no constraint (the maximum heap
     * is the forked JVM's {@code -Xmx}).
     */
    private static Optional<Constraints> constraints(Level level) {
        Optional<String> value = level.axis().constraintValue(level.value());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String[] key = level.axis().key().split("\\.", 2);
        String yaml = "name: " + SET_NAME + "\n" + key[0] + ":\n  " + key[1] + ": " + value.get() + "\n";
        try {
            return Optional.of(ConstraintSetLibrary.parse(PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME,
                    SET_NAME, yaml));
        } catch (ConstraintSetException e) {
            throw invalid(text(level), e.getMessage());
        }
    }

    private static ExtensionConfigurationException invalid(String text, String problem) {
        return new ExtensionConfigurationException(PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME + " was '"
                + text + "': " + problem);
    }

    private static String unit(BreakingAxis axis) {
        return axis.unit().isEmpty() ? "a count" : axis.unit();
    }
}
