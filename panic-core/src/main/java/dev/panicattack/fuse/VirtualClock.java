package dev.panicattack.fuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that moves only when {@link #advance} moves it. Hand the same one to the component
 * under test (a Resilience4j breaker's {@code clock}, a simulated dependency's latency) and to the
 * fuse assertions ({@code withClock}): a breaker's wait in the open state then passes in no real
 * time, and every duration in a message is exact. Thread-safe: several callers may advance it.
 */
public final class VirtualClock extends Clock {

    /** Where a clock made with {@link #VirtualClock()} starts. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private Instant now;

    /** A clock at {@link #DEFAULT_START}. */
    public VirtualClock() {
        this(DEFAULT_START);
    }

    /** A clock at {@code start}. */
    public VirtualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves the clock forward by {@code by} (zero leaves it where it is).
     *
     * @throws IllegalArgumentException when {@code by} is negative: this clock never goes back
     */
    public synchronized void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a VirtualClock only moves forward, but advance(" + by
                    + ") would move it back; to model a clock jump, use the time axis (docs/time-pressure.md)");
        }
        now = now.plus(by);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: it has one zone, UTC, and moving a copy separately would split the time the tests share. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
