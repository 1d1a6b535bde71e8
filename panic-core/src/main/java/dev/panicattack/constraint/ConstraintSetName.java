package dev.panicattack.constraint;

import java.util.regex.Pattern;

/** The one rule for constraint-set names, shared by files, {@code extends:} and the library API. */
final class ConstraintSetName {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private ConstraintSetName() {
    }

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    static String invalid(String name) {
        return "'" + name + "' is not a valid constraint-set name; use lower-case letters, digits and '-', "
                + "starting with a letter or digit (for example cpu-spikes)";
    }
}
