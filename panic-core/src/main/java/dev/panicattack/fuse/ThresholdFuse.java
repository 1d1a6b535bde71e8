package dev.panicattack.fuse;

import dev.panicattack.internal.text.Figures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The plain fuse a {@link PredictiveFuse} is compared with: fed {@link StateSample}s, it opens when
 * one dimension's newest value is at least its limit and closes when the value is back below
 * {@code limit * (1 - hysteresis)} (hysteresis 0.05). While OPEN it sheds every call. Thread-safe.
 */
public final class ThresholdFuse implements Fuse {

    private final String name;
    private final String dimension;
    private final double limit;
    private final Clock clock;
    private FuseState state = FuseState.CLOSED;
    private long shed;
    private int trips;
    private Instant trippedAt;
    private Duration trippedAtSample;

    /** Opens at {@code dimension >= limit}; {@link #trippedAt()} reads the system clock. */
    public ThresholdFuse(String name, String dimension, double limit) {
        this(name, dimension, limit, Clock.systemUTC());
    }

    /** Opens at {@code dimension >= limit}; {@link #trippedAt()} reads {@code clock}. */
    public ThresholdFuse(String name, String dimension, double limit, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.dimension = Objects.requireNonNull(dimension, "dimension");
        if (!Double.isFinite(limit) || limit <= 0) {
            throw new IllegalArgumentException("ThresholdFuse '" + name + "': the limit on '" + dimension
                    + "' must be a positive number, but was " + limit);
        }
        this.limit = limit;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes in one sample and opens or closes. */
    public synchronized void observe(StateSample sample) {
        double value = sample.value(dimension);
        if (state == FuseState.CLOSED && value >= limit) {
            state = FuseState.OPEN;
            trips++;
            trippedAt = clock.instant();
            trippedAtSample = sample.at();
        } else if (state == FuseState.OPEN && value < limit * 0.95) {
            state = FuseState.CLOSED;
        }
    }

    /** False (and counted) while OPEN. */
    public synchronized boolean admit() {
        if (state == FuseState.OPEN) {
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

    /** How many times it opened. */
    public synchronized int trips() {
        return trips;
    }

    @Override
    public synchronized Optional<Instant> trippedAt() {
        return Optional.ofNullable(trippedAt);
    }

    /** The sample time of the last opening. */
    public synchronized Optional<Duration> trippedAtSample() {
        return Optional.ofNullable(trippedAtSample);
    }

    @Override
    public String toString() {
        return "ThresholdFuse '" + name + "' (" + dimension + " >= " + Figures.number(limit, 2) + ")";
    }
}
