package dev.panicattack.pressure.time;

import dev.panicattack.internal.instrument.HookSlot;
import java.time.Instant;
import java.util.function.LongSupplier;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's system clock ({@code java.time.Clock.currentInstant()} and the
 * {@code millis()} of {@code Clock$SystemClock} and {@code Clock$SystemInstantSource}). It refers
 * only to {@code java.base} types: the active {@link WallClock} is found in {@link #SLOT} as a {@link LongSupplier} of the offset in nanoseconds for
 * the current caller (0 when the caller is not the subject). Advice never lets its own failure escape.
 */
final class ClockAdvice {

    /**
     * Where the active {@link WallClock} is published, for this advice (which reads it as a
     * {@link LongSupplier} of the offset) and for rewritten call sites (which read it as a
     * {@link java.util.function.LongUnaryOperator} that shifts a reading).
     */
    static final HookSlot<WallClock> SLOT = HookSlot.named("time.clock");

    private ClockAdvice() {
    }

    /** {@code millis()}: adds the offset, rounded down to whole milliseconds. */
    static final class Millis {
        private Millis() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) long millis, @HookSlot.Published Object hook) {
            if (hook instanceof LongSupplier) {
                long offset = ((LongSupplier) hook).getAsLong();
                if (offset != 0) {
                    millis = millis + Math.floorDiv(offset, 1_000_000L);
                }
            }
        }
    }

    /** {@code instant()} and {@code currentInstant()}: adds the offset in nanoseconds. */
    static final class Now {
        private Now() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) Instant instant, @HookSlot.Published Object hook) {
            if (instant != null && hook instanceof LongSupplier) {
                long offset = ((LongSupplier) hook).getAsLong();
                if (offset != 0) {
                    instant = instant.plusNanos(offset);
                }
            }
        }
    }
}
