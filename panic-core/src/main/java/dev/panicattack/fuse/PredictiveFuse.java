package dev.panicattack.fuse;

import dev.panicattack.internal.text.Figures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fuse that trips on the trajectory, not on a threshold: fed {@link StateSample}s, it fits a
 * straight line (least squares) to each limit's value over the last {@link Builder#window}, and
 * projects it {@link Builder#horizon} ahead. The safe region is the intersection of half-spaces,
 * one per limit: {@code sum of w_i * d_i < L}, a convex polytope. {@link Builder#limit(String, double)}
 * declares the special case {@code d < L} (one dimension, weight 1), so limits of that kind alone make
 * a box; {@link Builder#limit(String, Map, double)} declares a weighted combination with a name of its
 * own, such as {@code heap + 0.2 * latency_ms < 120}, where the heap may run high while latency is low
 * and the other way round.
 *
 * <p>For each limit with bound {@code L}, the value of a sample is its weighted sum (the dimension
 * itself for a one-dimension limit): {@code v0} is the fitted value at the newest sample, {@code b}
 * the fitted slope per second, {@code H} the horizon in seconds. The time to leave is {@code 0} when
 * {@code v0 >= L} or the newest raw value is {@code >= L}, {@code (L - v0) / b} when {@code b > 0},
 * else never. The projection leaves the region when some limit's time to leave is at most
 * {@code H}. The shed fraction is then {@code max over limits of 1 - timeToLeave / H} (1 when
 * already outside): the share of the horizon spent outside, rising with how soon and how steeply
 * the trajectory leaves. The fit needs at least {@link Builder#minSamples} samples spanning at least
 * 3/4 of the window, and a slope counts only when it is at least 3 standard errors above zero (noise
 * on a steady level is not a trend); otherwise the slope is 0 and only the level and the raw value
 * count. A combination is fitted as one series (one line through the weighted sums).
 *
 * <p>States: CLOSED trips to OPEN when the projection leaves. OPEN moves to HALF_OPEN once the
 * projection is back inside with margin: for every limit {@code max(raw, v0, v0 + b'*H) <=
 * L - hysteresis * |L|} (that is {@code L * (1 - hysteresis)} for the positive bound of a
 * one-dimension limit), where {@code b'} is the fitted slope even when not significant; while it is
 * between, OPEN holds its last fraction. HALF_OPEN sheds nothing, returns to OPEN when the
 * projection leaves again, and closes after the projection stayed inside with margin for
 * {@link Builder#closeAfter}. {@link #admit()} applies the fraction
 * deterministically (error diffusion: of every 10 calls at 0.3, exactly 3 are shed). Thread-safe.
 * Semantics and defaults: {@code docs/predictive-fuse.md}.
 */
public final class PredictiveFuse implements Fuse {

    /** Default window of the fit. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(4);
    /** Default horizon of the projection. */
    public static final Duration DEFAULT_HORIZON = Duration.ofSeconds(10);
    /** Default fewest samples in the window for a fit. */
    public static final int DEFAULT_MIN_SAMPLES = 5;
    /** Default hysteresis: the projection must come back below this fraction under each limit. */
    public static final double DEFAULT_HYSTERESIS = 0.1;
    /** Default time the projection stays inside before HALF_OPEN closes. */
    public static final Duration DEFAULT_CLOSE_AFTER = Duration.ofSeconds(1);

    /** The fit waits until its samples span this share of the window, so a few early samples do not project wildly. */
    private static final double MIN_WINDOW_COVERAGE = 0.75;
    /** A slope is projected only when it is this many standard errors above zero. */
    private static final double SIGNIFICANT_SLOPE = 3;

    private final String name;
    private final List<RegionLimit> limits;
    private final Duration window;
    private final Duration horizon;
    private final int minSamples;
    private final double hysteresis;
    private final Duration closeAfter;
    private final Clock clock;

    private final Deque<StateSample> recent = new ArrayDeque<>();
    private FuseState state = FuseState.CLOSED;
    private double fraction;
    private double owed;
    private long shed;
    private int trips;
    private Instant trippedAt;
    private Duration trippedAtSample;
    private Duration halfOpenSince;
    private List<Projection> projections = List.of();

    private PredictiveFuse(Builder builder) {
        this.name = builder.name;
        this.limits = List.copyOf(builder.limits.values());
        this.window = builder.window;
        this.horizon = builder.horizon;
        this.minSamples = builder.minSamples;
        this.hysteresis = builder.hysteresis;
        this.closeAfter = builder.closeAfter;
        this.clock = builder.clock;
    }

    /** A builder for a fuse called {@code name}; declare at least one {@link Builder#limit}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Takes in one sample (in time order) and updates the state and shed fraction.
     *
     * @throws IllegalArgumentException when the sample lacks a limited or weighted dimension or goes back in time
     */
    public synchronized void observe(StateSample sample) {
        Objects.requireNonNull(sample, "sample");
        for (RegionLimit limit : limits) {
            Optional<String> missing = limit.missingIn(sample);
            if (missing.isPresent()) {
                String which = limit.box() ? "a limit on '" + missing.get() + "'"
                        : "a limit '" + limit.name() + "' (" + limit.describe() + ") on '" + missing.get() + "'";
                throw new IllegalArgumentException("PredictiveFuse '" + name + "' has " + which + " but the sample "
                        + sample.describe() + " does not have it; sample it or remove the limit");
            }
        }
        if (!recent.isEmpty() && sample.at().compareTo(recent.peekLast().at()) < 0) {
            throw new IllegalArgumentException("PredictiveFuse '" + name + "' needs samples in time order, but "
                    + sample.describe() + " came after a sample at " + StateSample.seconds(recent.peekLast().at()));
        }
        recent.addLast(sample);
        while (sample.at().minus(recent.peekFirst().at()).compareTo(window) > 0) {
            recent.removeFirst();
        }
        List<Projection> now = new ArrayList<>();
        boolean inside = true;
        for (RegionLimit limit : limits) {
            Projection projection = project(limit, sample);
            now.add(projection);
            inside &= projection.highest() <= limit.insideWithMargin(hysteresis);
        }
        projections = List.copyOf(now);
        boolean leaves = now.stream().anyMatch(Projection::leaves);
        double wanted = now.stream().mapToDouble(Projection::severity).max().orElse(0);
        switch (state) {
            case CLOSED -> {
                if (leaves) {
                    state = FuseState.OPEN;
                    trips++;
                    trippedAt = clock.instant();
                    trippedAtSample = sample.at();
                    fraction = wanted;
                }
            }
            case OPEN -> {
                if (leaves) {
                    fraction = wanted;
                } else if (inside) {
                    state = FuseState.HALF_OPEN;
                    halfOpenSince = sample.at();
                    fraction = 0;
                }
            }
            case HALF_OPEN -> {
                if (leaves) {
                    state = FuseState.OPEN;
                    fraction = wanted;
                } else if (!inside) {
                    halfOpenSince = sample.at();
                } else if (sample.at().minus(halfOpenSince).compareTo(closeAfter) >= 0) {
                    state = FuseState.CLOSED;
                }
            }
        }
    }

    private Projection project(RegionLimit region, StateSample newest) {
        double limit = region.max();
        double raw = region.valueOf(newest);
        double h = seconds(horizon);
        double level = raw;
        double slope = 0;
        double fittedSlope = 0;
        double span = seconds(newest.at().minus(recent.peekFirst().at()));
        if (recent.size() >= minSamples && span >= MIN_WINDOW_COVERAGE * seconds(window)) {
            // Time relative to the newest sample, for numeric stability.
            double[] times = new double[recent.size()];
            double[] values = new double[recent.size()];
            int i = 0;
            for (StateSample sample : recent) {
                times[i] = seconds(sample.at().minus(newest.at()));
                values[i] = region.valueOf(sample);
                i++;
            }
            Optional<TrendLine> fit = TrendLine.fit(times, values);
            if (fit.isPresent()) {
                TrendLine line = fit.get();
                level = line.level();
                fittedSlope = line.slope();
                // Noise on a steady level makes small slopes of either sign: only a clear trend is projected.
                slope = line.slope() >= SIGNIFICANT_SLOPE * line.standardError() ? line.slope() : 0;
            }
        }
        double timeToLeave;
        if (level >= limit || raw >= limit) {
            timeToLeave = 0;
        } else if (slope > 0) {
            timeToLeave = (limit - level) / slope;
        } else {
            timeToLeave = Double.POSITIVE_INFINITY;
        }
        double severity = timeToLeave <= h ? Math.max(0, Math.min(1, 1 - timeToLeave / h)) : 0;
        return new Projection(region.name(), limit, raw, level, slope, level + slope * h, timeToLeave, timeToLeave <= h,
                severity, Math.max(raw, Math.max(level, level + fittedSlope * h)));
    }

    private static double seconds(Duration value) {
        return value.toNanos() / 1e9;
    }

    /**
     * Asks to let one call through: false means shed it (and counts it). CLOSED and HALF_OPEN let
     * everything through; OPEN sheds the current fraction of calls, deterministically.
     */
    public synchronized boolean admit() {
        if (state != FuseState.OPEN) {
            return true;
        }
        owed += fraction;
        if (owed >= 1 - 1e-9) {
            owed -= 1;
            shed++;
            return false;
        }
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized FuseState state() {
        return state;
    }

    @Override
    public synchronized long shedCount() {
        return shed;
    }

    /** The share of calls to shed now, 0 to 1: 0 unless OPEN. */
    public synchronized double shedFraction() {
        return state == FuseState.OPEN ? fraction : 0;
    }

    /** How many times it tripped from CLOSED to OPEN. */
    public synchronized int trips() {
        return trips;
    }

    @Override
    public synchronized Optional<Instant> trippedAt() {
        return Optional.ofNullable(trippedAt);
    }

    /** The sample time ({@link StateSample#at()}) of the last trip from CLOSED to OPEN. */
    public synchronized Optional<Duration> trippedAtSample() {
        return Optional.ofNullable(trippedAtSample);
    }

    /**
     * The projection of each limit at the newest sample, in the order the limits were declared;
     * empty before the first.
     */
    public synchronized List<Projection> projections() {
        return projections;
    }

    /**
     * One limit's projection. {@code dimension} is the limited dimension, or the name of a combined
     * limit, whose values below are its weighted sums; {@code limit} is the bound. Then: the newest
     * raw value, the fitted level and the projected slope
     * (per second; 0 unless significant), the projected value at the horizon, the seconds until it
     * leaves (infinite when it never does), whether that is within the horizon, the shed fraction
     * it asks for, and the highest of the raw value, the level and the level plus the fitted slope
     * (significant or not) over the horizon: what the hysteresis compares, so a fuse reopens only
     * on a trajectory that is clearly back inside.
     */
    public record Projection(String dimension, double limit, double raw, double level, double slopePerSecond,
            double atHorizon, double secondsToLeave, boolean leaves, double severity, double highest) {

        /** {@code heap 72.1 +2.03/s -> 92.4 at horizon, leaves in 8.8s}; a combined limit shows its name. */
        public String describe() {
            return dimension + " " + Figures.number(level, 1) + (slopePerSecond >= 0 ? " +" : " ")
                    + Figures.number(slopePerSecond, 2) + "/s -> " + Figures.number(atHorizon, 1) + " at horizon"
                    + (Double.isInfinite(secondsToLeave) ? ", stays below " + Figures.number(limit, 2)
                            : ", leaves in " + Figures.number(secondsToLeave, 1) + "s");
        }
    }

    /** Validating builder; {@link #build()} checks the whole configuration. Not thread-safe. */
    public static final class Builder {

        private final String name;
        private final Map<String, RegionLimit> limits = new LinkedHashMap<>();
        private Duration window = DEFAULT_WINDOW;
        private Duration horizon = DEFAULT_HORIZON;
        private int minSamples = DEFAULT_MIN_SAMPLES;
        private double hysteresis = DEFAULT_HYSTERESIS;
        private Duration closeAfter = DEFAULT_CLOSE_AFTER;
        private Clock clock = Clock.systemUTC();

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("A PredictiveFuse needs a name for messages, but it was blank");
            }
            this.name = name;
        }

        /**
         * The safe region includes {@code dimension < max} (in the dimension's unit, for example percent
         * or ms); {@code max > 0}, each dimension once. The limit is named after its dimension.
         */
        public Builder limit(String dimension, double max) {
            RegionLimit limit = RegionLimit.box(name, dimension, max);
            RegionLimit earlier = limits.get(dimension);
            if (earlier != null && earlier.box()) {
                throw new IllegalArgumentException("PredictiveFuse '" + name + "' already has a limit on '" + dimension
                        + "' (" + Figures.number(earlier.max(), 2) + "); declare each dimension once");
            }
            return add(limit);
        }

        /**
         * The safe region includes {@code sum over weights of weight * dimension < max}, a half-space
         * named {@code name} (its name in {@link PredictiveFuse#projections()}); for example
         * {@code limit("pressure", Map.of("heap", 1.0, "latency_ms", 0.2), 120)}. Weights are finite and
         * non-zero, negative ones included (a dimension that widens the region as it grows); at least
         * one. {@code max} is finite and non-zero, of either sign: the way back inside is a margin of
         * {@code hysteresis * |max|} below it, so a bound at 0 would have none. Names are unique among
         * all limits, one-dimension limits being named after their dimension.
         */
        public Builder limit(String name, Map<String, Double> weights, double max) {
            return add(RegionLimit.combined(this.name, name, weights, max));
        }

        private Builder add(RegionLimit limit) {
            RegionLimit earlier = limits.get(limit.name());
            if (earlier != null) {
                throw new IllegalArgumentException("PredictiveFuse '" + name + "' already has a limit named '"
                        + limit.name() + "' (" + earlier.describe() + "); give each limit its own name");
            }
            limits.put(limit.name(), limit);
            return this;
        }

        /** How far back the fit looks; positive. Default 4 s. */
        public Builder window(Duration value) {
            this.window = positive("window", value);
            return this;
        }

        /** How far ahead the projection looks; positive. Default 10 s. */
        public Builder horizon(Duration value) {
            this.horizon = positive("horizon", value);
            return this;
        }

        /** The fewest samples in the window for a fit (below it only raw values count); at least 2. Default 5. */
        public Builder minSamples(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("PredictiveFuse '" + name + "': minSamples must be at least 2 to fit a"
                        + " line, but was " + value);
            }
            this.minSamples = value;
            return this;
        }

        /**
         * How far inside each limit the projection must return, as a fraction of the bound's magnitude:
         * below {@code max - hysteresis * |max|}; from 0 (none) to less than 1. Default 0.1.
         */
        public Builder hysteresis(double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException("PredictiveFuse '" + name + "': hysteresis must be at least 0 and below 1,"
                        + " but was " + value);
            }
            this.hysteresis = value;
            return this;
        }

        /** How long the projection must stay inside before HALF_OPEN closes; positive. Default 1 s. */
        public Builder closeAfter(Duration value) {
            this.closeAfter = positive("closeAfter", value);
            return this;
        }

        /** The clock {@link PredictiveFuse#trippedAt()} reads. Default the system clock (UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The fuse.
         *
         * @throws IllegalArgumentException when no limit is declared
         */
        public PredictiveFuse build() {
            if (limits.isEmpty()) {
                throw new IllegalArgumentException("PredictiveFuse '" + name + "' has no limit, so its safe region is"
                        + " everything; declare at least one, like limit(\"heap\", 90)");
            }
            return new PredictiveFuse(this);
        }

        private Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("PredictiveFuse '" + name + "': " + field + " must be positive, but was "
                        + value);
            }
            return value;
        }
    }
}
