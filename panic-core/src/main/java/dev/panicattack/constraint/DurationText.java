package dev.panicattack.constraint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them, in YAML and in annotation attributes: a whole or decimal number
 * with a unit {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h}, for example
 * {@code 50ms}, {@code 1.5s}, {@code 2m}; a leading {@code -} where negative durations are allowed.
 */
public final class DurationText {

    private static final Pattern DURATION = Pattern.compile("([-+]?)([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private DurationText() {
    }

    /**
     * Parses {@code text}; the {@link IllegalArgumentException} says what is wrong with it, without
     * the location (the caller adds file and key, or annotation and attribute).
     */
    public static Duration parse(String text, boolean negativeAllowed) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a duration such as 50ms, 2s or 1m, but was '" + text + "'");
        }
        boolean negative = matcher.group(1).equals("-");
        if (negative && !negativeAllowed) {
            throw new IllegalArgumentException("must not be negative, but was " + text);
        }
        BigDecimal nanos = new BigDecimal(matcher.group(2)).multiply(BigDecimal.valueOf(nanosPer(matcher.group(3))));
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be a whole number of nanoseconds, but was " + text);
        }
        BigInteger[] secondsAndNanos = nanos.toBigIntegerExact().divideAndRemainder(NANOS_PER_SECOND.toBigInteger());
        if (secondsAndNanos[0].bitLength() > 40) {
            // 2^40 s is about 35,000 years: far beyond any test, and far from Duration's overflow.
            throw new IllegalArgumentException("is too long, but was " + text + "; a test runs for seconds or minutes");
        }
        Duration duration = Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
        return negative ? duration.negated() : duration;
    }

    /** The shortest exact text for {@code duration} in this syntax: {@code 2s}, {@code 1500ms}, {@code -30s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.toSeconds() + "s";
        }
        if (nanos == 0) {
            return "0s";
        }
        long[] perUnit = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < units.length; i++) {
            if (nanos % perUnit[i] == 0) {
                return nanos / perUnit[i] + units[i];
            }
        }
        return nanos + "ns";
    }

    private static long nanosPer(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            default:
                return 3_600_000_000_000L;
        }
    }
}
