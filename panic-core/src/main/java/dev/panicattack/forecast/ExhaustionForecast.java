package dev.panicattack.forecast;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.panicattack.evidence.Fact;

/**
 * When a growing live heap will fill the heap, as {@link HeapExhaustion} predicts it from one run:
 * the time (on the trial's evidence clock, from its start) with a 95% interval, and the heap the
 * test can fill ({@code bytes}: the maximum heap less the library's ballast). Written as the fact
 * {@value #PREDICATE}{@code (at_ms, low_ms, high_ms, bytes)}; see {@code docs/oom-prediction.md}.
 */
public record ExhaustionForecast(Duration at, Duration low, Duration high, long bytes) {

    /** The fact's predicate. */
    public static final String PREDICATE = "heap_exhaustion_forecast";

    private static final double MIB = 1024.0 * 1024.0;

    public ExhaustionForecast {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(at) > 0 || at.compareTo(high) > 0) {
            throw new IllegalArgumentException("an exhaustion forecast needs low <= at <= high, but was " + low.toMillis()
                    + " ms, " + at.toMillis() + " ms, " + high.toMillis() + " ms");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("an exhaustion forecast needs a heap of at least 1 byte, but was " + bytes);
        }
    }

    /** {@code heap_exhaustion_forecast(at_ms, low_ms, high_ms, bytes)}. */
    public Fact toFact() {
        return Fact.of(PREDICATE, at.toMillis(), low.toMillis(), high.toMillis(), bytes);
    }

    /** The forecast among {@code facts}, if the trial made one. */
    public static Optional<ExhaustionForecast> in(List<Fact> facts) {
        for (Fact fact : facts) {
            if (fact.predicate().equals(PREDICATE) && fact.arity() == 4) {
                List<Object> v = fact.values();
                return Optional.of(new ExhaustionForecast(Duration.ofMillis(((Number) v.get(0)).longValue()),
                        Duration.ofMillis(((Number) v.get(1)).longValue()), Duration.ofMillis(((Number) v.get(2)).longValue()),
                        ((Number) v.get(3)).longValue()));
            }
        }
        return Optional.empty();
    }

    /** {@code heap exhausted at ~64 MiB after ~15 s (13-17 s, 95%)}. */
    public String describe() {
        return "heap exhausted at ~" + mebibytes(bytes) + " after ~" + seconds(at) + " (" + secondsRange(low, high)
                + ", 95%)";
    }

    static String mebibytes(long bytes) {
        double mib = bytes / MIB;
        return (mib >= 10 ? String.format(Locale.ROOT, "%.0f", mib) : String.format(Locale.ROOT, "%.1f", mib)) + " MiB";
    }

    private static String seconds(Duration time) {
        return number(time) + " s";
    }

    private static String secondsRange(Duration low, Duration high) {
        return number(low) + "-" + number(high) + " s";
    }

    /** Whole seconds from 10 s on, tenths below: the interval is never finer than that. */
    private static String number(Duration time) {
        double s = time.toMillis() / 1000.0;
        return s >= 10 ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.1f", s);
    }
}
