package dev.panicattack.constraint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a constraint set, checked once where it is made: lower-case letters, digits and
 * {@code -}, starting with a letter or digit ({@code production-spike}). Files, {@code extends:}, the
 * library API and every front door that names a set go through this one rule.
 */
public record ConstraintSetName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** @throws IllegalArgumentException naming the value and the rule when {@code value} breaks it */
    public ConstraintSetName {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException(invalid(value));
        }
    }

    /** The name {@code value}, checked. */
    public static ConstraintSetName of(String value) {
        return new ConstraintSetName(value);
    }

    @Override
    public String toString() {
        return value;
    }

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    static String invalid(String name) {
        return "'" + name + "' is not a valid constraint-set name; use lower-case letters, digits and '-', "
                + "starting with a letter or digit (for example cpu-spikes)";
    }
}
