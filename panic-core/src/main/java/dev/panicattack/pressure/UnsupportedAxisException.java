package dev.panicattack.pressure;

/** A constraint set asks for an axis that has no stressor yet; raised before anything starts. */
public final class UnsupportedAxisException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedAxisException(String setName, String axis) {
        super("Constraint set '" + setName + "' declares the " + axis + " axis, which is not supported yet"
                + " in this version of panic-attack; remove the '" + axis + ":' section to run under the other axes");
    }
}
