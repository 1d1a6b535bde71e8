package dev.panicattack.constraint;

import java.math.BigDecimal;

/** The range check of every share: a percent from 0 to 100. */
final class Percent {

    private Percent() {
    }

    static int require(String key, int value) {
        if (value < 0 || value > 100) {
            throw new ConstraintViolation(key, Integer.toString(value), "must be between 0 and 100 (percent)", "");
        }
        return value;
    }

    static double require(String key, double value) {
        return require(key, value, "percent");
    }

    /** {@code unit} says what the percent is of, such as {@code percent of writes}. */
    static double require(String key, double value, String unit) {
        if (!(value >= 0 && value <= 100)) {
            throw new ConstraintViolation(key, number(value), "must be between 0 and 100 (" + unit + ")", "");
        }
        return value;
    }

    /** 2, 2.5, NaN: as users write numbers, with no trailing {@code .0}. */
    static String number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }
}
