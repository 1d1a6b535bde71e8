package dev.panicattack.constraint;

/** Range checks shared by the constraint records; the YAML and annotation layers report first, with location. */
final class Percent {

    private Percent() {
    }

    static int require(String field, int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(field + " must be between 0 and 100, but was " + value);
        }
        return value;
    }

    static double require(String field, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(field + " must be between 0 and 100, but was " + value);
        }
        return value;
    }
}
