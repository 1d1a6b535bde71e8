package dev.panicattack.constraint;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time axis: the subject's wall clock reads real time plus {@code skew + drift * t + the jumps so
 * far}, where {@code t} is the real time elapsed since the axis was established. {@code skew} is
 * signed; {@code drift} is the signed change of the offset per second of real time (between -1s
 * and +1s per second); {@code jumps} are steps at given times. Semantics: {@code docs/time-pressure.md}.
 */
public record TimeConstraint(Optional<Duration> skew, Optional<Duration> drift, List<ClockJump> jumps) {

    /** Most jumps one set may declare. */
    public static final int MAX_JUMPS = 16;

    private static final Duration MAX_DRIFT = Duration.ofSeconds(1);
    private static final Pattern DRIFT = Pattern.compile("(\\S+)/s");

    public TimeConstraint {
        Objects.requireNonNull(skew, "skew");
        Objects.requireNonNull(drift, "drift");
        jumps = List.copyOf(jumps);
        drift.ifPresent(rate -> {
            if (rate.abs().compareTo(MAX_DRIFT) > 0) {
                throw new ConstraintViolation("time.drift", formatDrift(rate), "must be between -1s/s and +1s/s",
                        "a drift such as +50ms/s makes the clock run 5% fast");
            }
        });
        if (jumps.size() > MAX_JUMPS) {
            throw new ConstraintViolation("time.jumps", jumps.size() + " jumps", "may hold at most " + MAX_JUMPS + " jumps",
                    "use 'every' for a repeating jump");
        }
    }

    /** A constraint with only a skew. */
    public TimeConstraint(Optional<Duration> skew) {
        this(skew, Optional.empty(), List.of());
    }

    /** Nothing declared. */
    public static TimeConstraint none() {
        return new TimeConstraint(Optional.empty(), Optional.empty(), List.of());
    }

    /** This constraint with {@code value} as skew. */
    public TimeConstraint withSkew(Duration value) {
        return new TimeConstraint(Optional.of(value), drift, jumps);
    }

    /** This constraint with {@code value} as drift per second. */
    public TimeConstraint withDrift(Duration value) {
        return new TimeConstraint(skew, Optional.of(value), jumps);
    }

    /** This constraint with {@code value} as its jumps. */
    public TimeConstraint withJumps(List<ClockJump> value) {
        return new TimeConstraint(skew, drift, value);
    }

    /** True when nothing is declared. */
    public boolean isEmpty() {
        return skew.isEmpty() && drift.isEmpty() && jumps.isEmpty();
    }

    /** Field by field: what {@code later} declares wins; its jumps, when it declares any, replace these. */
    public TimeConstraint overriddenBy(TimeConstraint later) {
        return new TimeConstraint(later.skew.or(() -> skew), later.drift.or(() -> drift),
                later.jumps.isEmpty() ? jumps : later.jumps);
    }

    /**
     * Parses a drift such as {@code +50ms/s} or {@code -2ms/s}: the signed change of the offset per
     * second of real time.
     *
     * @throws IllegalArgumentException naming what is wrong, without the location
     */
    public static Duration parseDrift(String text) {
        Matcher matcher = DRIFT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a drift such as +50ms/s or -2ms/s, but was '" + text + "'");
        }
        return DurationText.parse(matcher.group(1), true);
    }

    /** {@code +50ms/s}, {@code -2ms/s}. */
    public static String formatDrift(Duration rate) {
        return (rate.isNegative() ? "" : "+") + DurationText.format(rate) + "/s";
    }
}
