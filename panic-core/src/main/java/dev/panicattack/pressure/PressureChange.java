package dev.panicattack.pressure;

import dev.panicattack.internal.text.Figures;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One change of pressure made in code through {@link PressureControl}: when it began (since the
 * control was opened), on which axis, what kind of change ({@link Action}), its human description, for example
 * {@code heap ramp 70% to 90% over 10s}, and how long the call took: a change that starts a new
 * stressor waits for its pressure to be established (a heap ballast filling, for example), a
 * change that re-aims a running one returns at once.
 */
public record PressureChange(Duration at, String axis, Action action, String description, Duration took) {

    /** What kind of change it was; {@link #key()} names it in facts and reports. */
    public enum Action {
        /** A level held from now on: {@code set("cpu", 80)}. */
        SET,
        /** A level moved linearly over a duration: {@code ramp("memory", 90, 15s)}. */
        RAMP,
        /** A plan or a constraint set applied. */
        APPLY,
        /** Pressure released: {@code release(axis)} or {@code releaseAll()}. */
        RELEASE,
        /** Everything stopped because the control closed. */
        CLOSE;

        /** The action in lower case, as in facts and reports: {@code set}, {@code ramp}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PressureChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(took, "took");
        if (took.isNegative()) {
            throw new IllegalArgumentException("a pressure change cannot take negative time, but '" + description
                    + "' took " + took);
        }
    }

    /** A change that took no measurable time. */
    public PressureChange(Duration at, String axis, Action action, String description) {
        this(at, axis, action, description, Duration.ZERO);
    }

    /** The same change with {@code at} counted from {@code origin} instead (negative when it began before). */
    public PressureChange since(Duration origin) {
        return new PressureChange(at.minus(origin), axis, action, description, took);
    }

    /**
     * The changes as a small table, one line each: time since open, axis, description, for example
     * <pre>
     * at      axis  change
     * 0s      cpu   cpu 50%
     * 1.25s   heap  heap ramp 40% to 60% over 2s
     * </pre>
     */
    public static String table(List<PressureChange> changes) {
        int atWidth = "at".length();
        int axisWidth = "axis".length();
        for (PressureChange change : changes) {
            atWidth = Math.max(atWidth, seconds(change.at()).length());
            axisWidth = Math.max(axisWidth, change.axis().length());
        }
        StringBuilder text = new StringBuilder();
        text.append(pad("at", atWidth)).append("  ").append(pad("axis", axisWidth)).append("  change");
        for (PressureChange change : changes) {
            text.append('\n').append(pad(seconds(change.at()), atWidth)).append("  ")
                    .append(pad(change.axis(), axisWidth)).append("  ").append(change.description());
        }
        return text.toString();
    }

    /** Seconds with up to three decimals: 0s, 1.25s. */
    static String seconds(Duration at) {
        return Figures.number(at.toNanos() / 1e9, 3) + "s";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
