package dev.panicattack.report;

import java.util.Locale;

/**
 * What a chart series measures. Every series declares one, and a chart holds the series of exactly
 * one unit, so no series is drawn against another's scale (ballast bytes beside CPU percent would
 * flatten the percentages to zero). Values are kept in the unit's base ({@link #BYTES} in bytes);
 * {@link #scale(double, String)} picks how the axis shows them.
 */
enum Unit {
    PERCENT("Percent", "share", "%", false),
    BYTES("Memory", "memory", "bytes", false),
    MEBIBYTES_PER_SECOND("Write rate", "write rate", "MiB/s", false),
    THREADS("Threads", "threads", "", false),
    MILLISECONDS("Durations", "duration", "ms", false),
    CLOCK_OFFSET("Clock offset", "offset", "ms", true),
    COLLECTIONS("Garbage collections (cumulative)", "collections", "", false),
    /** A pressure trace whose unit this report does not know: drawn on its own, labelled with the trace's unit. */
    OTHER("Level", "level", "", true);

    private static final String[] BINARY_PREFIXES = {"bytes", "KiB", "MiB", "GiB", "TiB"};

    private final String title;
    private final String quantity;
    private final String symbol;
    private final boolean signed;

    Unit(String title, String quantity, String symbol, boolean signed) {
        this.title = title;
        this.quantity = quantity;
        this.symbol = symbol;
        this.signed = signed;
    }

    /**
     * Whether a value can be below zero: a clock shifted back can; a share, a size, a count or a
     * duration cannot, so their axes start at zero and a negative reading is not drawn below it.
     */
    boolean signed() {
        return signed;
    }

    /** The chart's heading: {@code Percent (%)}, {@code Memory (MiB)}, {@code Threads}. */
    String heading(Scale scale) {
        return scale.symbol().isEmpty() ? title : title + " (" + scale.symbol() + ")";
    }

    /** The y axis title: {@code share (%)}, {@code memory (MiB)}, {@code threads}. */
    String axisTitle(Scale scale) {
        return scale.symbol().isEmpty() ? quantity : quantity + " (" + scale.symbol() + ")";
    }

    /** The chart's id and {@code data-unit}: {@code percent}, {@code bytes}, {@code clock-offset}, ... */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The unit a pressure trace declares, by its exact unit text (the stressors write {@code %cpu},
     * {@code %heap}, {@code %disk}, {@code bytes}, {@code MiB/s}, {@code threads}, {@code ms} and
     * {@code ms offset}); {@link #OTHER} for any other.
     */
    static Unit ofTrace(String traceUnit) {
        return switch (traceUnit) {
            case "%cpu", "%heap", "%memory", "%disk" -> PERCENT;
            case "bytes" -> BYTES;
            case "MiB/s" -> MEBIBYTES_PER_SECOND;
            case "threads" -> THREADS;
            case "ms" -> MILLISECONDS;
            case "ms offset" -> CLOCK_OFFSET;
            default -> OTHER;
        };
    }

    /**
     * How values up to {@code max} (in the base unit) are shown on the axis: bytes as KiB, MiB, ...;
     * {@code otherSymbol} is the trace's own unit text, used only for {@link #OTHER}.
     */
    Scale scale(double max, String otherSymbol) {
        if (this == OTHER) {
            return new Scale(1, otherSymbol);
        }
        if (this != BYTES) {
            return new Scale(1, symbol);
        }
        int prefix = 0;
        double divisor = 1;
        while (prefix < BINARY_PREFIXES.length - 1 && max >= divisor * 1024) {
            divisor *= 1024;
            prefix++;
        }
        return new Scale(divisor, BINARY_PREFIXES[prefix]);
    }

    /** Values are divided by {@code divisor} and shown in {@code symbol}. */
    record Scale(double divisor, String symbol) {
    }
}
