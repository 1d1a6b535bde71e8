package dev.panicattack.chaosmesh;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Chaos Mesh reads them: Go's {@code time.ParseDuration} syntax, such as {@code 50ms}, {@code -1h} or {@code 1m30s}. */
final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    static boolean isValid(String text) {
        return WHOLE.matcher(text).matches();
    }

    /**
     * The duration {@code text} denotes, to the nanosecond (rounded down, as Go does).
     *
     * @throws ChaosMeshException naming {@code field} when {@code text} is not a Go duration
     */
    static Duration parse(String field, String text) {
        if (text == null || !isValid(text)) {
            throw new ChaosMeshException(field, "expected a duration such as 50ms, 2s or 1m30s, but was '" + text + "'");
        }
        boolean negative = text.startsWith("-");
        Matcher part = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1).startsWith(".") ? "0" + part.group(1) : part.group(1))
                    .multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }
}
