package dev.panicattack.constraint;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step of the subject's wall clock by {@code by} (signed) at real elapsed time {@code at}, and,
 * when {@code every} is present, again at {@code at + every}, {@code at + 2 every}, ... An NTP step
 * backwards by an hour two seconds into the test is {@code ClockJump.once(2s, -1h)}. Elapsed time
 * counts from when the time axis is established; exact semantics in {@code docs/time-pressure.md}.
 */
public record ClockJump(Duration at, Duration by, Optional<Duration> every) {

    /** Shortest repeat period: a jump train faster than this is noise, not a clock step. */
    public static final Duration MIN_EVERY = Duration.ofMillis(100);

    private static final Pattern TEXT = Pattern.compile(
            "\\s*(\\S+)\\s+(?:at\\s+(\\S+)|every\\s+(\\S+)(?:\\s+from\\s+(\\S+))?)\\s*");

    public ClockJump {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(every, "every");
        if (at.isNegative()) {
            throw new ConstraintViolation("time.jumps.at", DurationText.format(at), "must not be negative",
                    "give the real elapsed time of the jump, such as 2s");
        }
        if (by.isZero()) {
            throw new ConstraintViolation("time.jumps.by", "", "must not be zero", "give a signed step such as -1h or +30s");
        }
        every.ifPresent(period -> {
            if (period.compareTo(MIN_EVERY) < 0) {
                throw new ConstraintViolation("time.jumps.every", DurationText.format(period),
                        "must be at least " + DurationText.format(MIN_EVERY), "repeat the jump less often");
            }
        });
    }

    /** One jump by {@code by} at {@code at}. */
    public static ClockJump once(Duration at, Duration by) {
        return new ClockJump(at, by, Optional.empty());
    }

    /** A jump by {@code by} at {@code every}, {@code 2 every}, ... */
    public static ClockJump repeating(Duration every, Duration by) {
        return new ClockJump(every, by, Optional.of(every));
    }

    /**
     * Parses the annotation form: {@code "-1h at 2s"}, {@code "-1s every 500ms"} (first at 500ms) or
     * {@code "-1s every 500ms from 2s"} (first at 2s).
     *
     * @throws IllegalArgumentException naming what is wrong, without the location
     */
    public static ClockJump parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a jump such as '-1h at 2s', '-1s every 500ms' or"
                    + " '-1s every 500ms from 2s', but was '" + text + "'");
        }
        Duration by = DurationText.parse(matcher.group(1), true);
        if (matcher.group(2) != null) {
            return once(DurationText.parse(matcher.group(2), false), by);
        }
        Duration every = DurationText.parse(matcher.group(3), false);
        Duration at = matcher.group(4) == null ? every : DurationText.parse(matcher.group(4), false);
        return new ClockJump(at, by, Optional.of(every));
    }

    /** How many times this jump has happened by real elapsed time {@code elapsed}: a jump at exactly {@code elapsed} counts. */
    public long countBy(Duration elapsed) {
        if (elapsed.compareTo(at) < 0) {
            return 0;
        }
        if (every.isEmpty()) {
            return 1;
        }
        return elapsed.minus(at).toNanos() / every.get().toNanos() + 1;
    }

    /** The elapsed time of the {@code n}th occurrence (0-based). */
    public Duration occurrence(long n) {
        return every.map(period -> at.plus(period.multipliedBy(n))).orElse(at);
    }

    /** The annotation form, for example {@code -1h at 2s}. */
    public String describe() {
        String step = by.isNegative() ? DurationText.format(by) : "+" + DurationText.format(by);
        if (every.isEmpty()) {
            return step + " at " + DurationText.format(at);
        }
        String text = step + " every " + DurationText.format(every.get());
        return at.equals(every.get()) ? text : text + " from " + DurationText.format(at);
    }
}
