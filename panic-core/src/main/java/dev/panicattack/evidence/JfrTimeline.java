package dev.panicattack.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Converts Flight Recorder time stamps (wall-clock {@link Instant}s) to the evidence store's
 * monotonic time line, through one reference pair (wall instant, monotonic nanos) read at start.
 *
 * <p>The pair is read several times and the reading with the narrowest monotonic bracket is kept,
 * so that a preemption between the two clock reads does not shift every converted time.
 * {@code uncertaintyNanos} is half that bracket.
 */
record JfrTimeline(Instant referenceInstant, long referenceNanos, long storeStartNanos, long uncertaintyNanos) {

    private static final int READINGS = 5;

    JfrTimeline {
        Objects.requireNonNull(referenceInstant, "referenceInstant");
        if (uncertaintyNanos < 0) {
            throw new IllegalArgumentException("uncertaintyNanos must be >= 0, but was " + uncertaintyNanos);
        }
    }

    /** Reads the reference pair now; {@code nanoClock} must be the store's clock. */
    static JfrTimeline capture(Clock wallClock, LongSupplier nanoClock, long storeStartNanos) {
        Instant bestInstant = null;
        long bestNanos = 0;
        long bestWidth = Long.MAX_VALUE;
        for (int i = 0; i < READINGS; i++) {
            long before = nanoClock.getAsLong();
            Instant instant = wallClock.instant();
            long after = nanoClock.getAsLong();
            long width = after - before;
            if (width < bestWidth) {
                bestWidth = width;
                bestInstant = instant;
                bestNanos = before + width / 2;
            }
        }
        return new JfrTimeline(bestInstant, bestNanos, storeStartNanos, Math.max(0, bestWidth) / 2);
    }

    /** Nanoseconds from the store's time zero to {@code instant}; negative if before it. */
    long nanosSinceStoreStart(Instant instant) {
        return Duration.between(referenceInstant, instant).toNanos() + (referenceNanos - storeStartNanos);
    }

    /** Milliseconds since the store's time zero, rounded down like {@link EvidenceStore#elapsedMillis()}. */
    long millisSinceStoreStart(Instant instant) {
        return Math.floorDiv(nanosSinceStoreStart(instant), 1_000_000L);
    }
}
