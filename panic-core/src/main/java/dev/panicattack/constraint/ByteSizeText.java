package dev.panicattack.constraint;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and byte rates as users write them, in YAML and in annotation attributes: a whole or decimal
 * number with a binary unit {@code B}, {@code KiB}, {@code MiB}, {@code GiB} or {@code TiB}, for
 * example {@code 64MiB}, {@code 1.5GiB}, {@code 4096B}; a rate is a size per second, {@code 20MiB/s}.
 * Decimal units ({@code MB}, {@code GB}) are refused with a hint, since 1 MB and 1 MiB differ by 5%
 * and a disk budget must mean one thing.
 */
public final class ByteSizeText {

    /** The largest size accepted: 1024 TiB, far beyond any disk budget, still far from overflow. */
    public static final long MAX_BYTES = 1L << 50;

    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.of(
            "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);
    private static final Map<String, String> DECIMAL_UNITS = Map.of(
            "kB", "KiB", "KB", "KiB", "K", "KiB", "MB", "MiB", "M", "MiB", "GB", "GiB", "G", "GiB",
            "TB", "TiB", "T", "TiB");

    private ByteSizeText() {
    }

    /**
     * Parses a size such as {@code 64MiB}; the {@link IllegalArgumentException} says what is wrong
     * and the fix, without the location (the caller adds file and key, or annotation and attribute).
     */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a size such as 64MiB, 512KiB or 1GiB, but was '" + text + "'");
        }
        String unit = matcher.group(2);
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("expected a size such as 64MiB, but was '" + text
                    + "'; add a unit: B, KiB, MiB, GiB or TiB");
        }
        Long multiplier = UNITS.get(unit);
        if (multiplier == null) {
            String binary = DECIMAL_UNITS.get(unit);
            throw new IllegalArgumentException("unknown size unit '" + unit + "' in '" + text + "'"
                    + (binary != null ? "; write " + matcher.group(1) + binary + " (binary units only)" : "")
                    + "; units are B, KiB, MiB, GiB, TiB");
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be a whole number of bytes, but was " + text);
        }
        if (bytes.compareTo(BigDecimal.valueOf(MAX_BYTES)) > 0) {
            throw new IllegalArgumentException("must be at most 1024TiB, but was " + text);
        }
        return bytes.longValueExact();
    }

    /** Parses a rate such as {@code 20MiB/s} into bytes per second. */
    public static long parseRate(String text) {
        String stripped = text.strip();
        if (!stripped.endsWith("/s")) {
            throw new IllegalArgumentException("expected a rate such as 20MiB/s, but was '" + text + "'; add '/s'");
        }
        try {
            return parse(stripped.substring(0, stripped.length() - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("a size such as 64MiB", "a rate such as 20MiB/s"), e);
        }
    }

    /** The shortest exact spelling: {@code 64MiB}, {@code 1.5GiB}, {@code 1000B}. */
    public static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (String unit : units) {
            long size = UNITS.get(unit);
            if (bytes >= size) {
                BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(size));
                if (value.scale() <= 3) {
                    return value.stripTrailingZeros().toPlainString() + unit;
                }
            }
        }
        return bytes + "B";
    }
}
