package dev.panicattack.internal.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Deterministic, locale-free number and duration formatting for summaries and failure messages. */
public final class Figures {

    private Figures() {
    }

    /** At most {@code decimals} decimals, no trailing zeros: 80, 79.6, 0.25. NaN prints as n/a. */
    public static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    /** A percentage with up to two decimals: 80%, 2.5%; {@code n/a} when not measured (NaN). */
    public static String percent(double value) {
        return Double.isFinite(value) ? number(value, 2) + "%" : "n/a";
    }

    /** 10s, 1.5s, 250ms, 2m, 1.5m: the shortest unit that shows the value exactly enough. */
    public static String duration(Duration value) {
        long nanos = value.toNanos();
        if (nanos % 60_000_000_000L == 0 && nanos >= 60_000_000_000L) {
            return (nanos / 60_000_000_000L) + "m";
        }
        if (nanos >= 1_000_000_000L) {
            return number(nanos / 1e9, 3) + "s";
        }
        if (nanos >= 1_000_000L) {
            return number(nanos / 1e6, 3) + "ms";
        }
        return nanos + "ns";
    }

    /** Bytes in MiB, rounded to whole MiB below 100 GiB: 512 MiB. */
    public static String mebibytes(long bytes) {
        return number(bytes / (1024.0 * 1024.0), 0) + " MiB";
    }

    /** {@code value} rounded to one decimal, for summaries; NaN stays NaN (shown as {@code n/a}), never 0. */
    public static double round1(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
    }
}
