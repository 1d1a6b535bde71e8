package dev.panicattack.pressure.time;

import java.time.Instant;
import java.util.function.LongSupplier;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's system clock ({@code java.time.Clock.currentInstant()} and the
 * {@code millis()} of {@code Clock$SystemClock} and {@code Clock$SystemInstantSource}). It refers
 * only to {@code java.base} types: the active {@link WallClock} is found through the system
 * properties under {@link #HOOK_PROPERTY} as a {@link LongSupplier} of the offset in nanoseconds for
 * the current caller (0 when the caller is not the subject). Advice never lets its own failure escape.
 */
final class ClockAdvice {

    /** Where the active hook is published; a plain string so the advice and rewritten call sites can inline it. */
    static final String HOOK_PROPERTY = "dev.panicattack.time.clock";

    private ClockAdvice() {
    }

    /** {@code millis()}: adds the offset, rounded down to whole milliseconds. */
    static final class Millis {
        private Millis() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) long millis) {
            Object hook = System.getProperties().get(HOOK_PROPERTY);
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
        static void exit(@Advice.Return(readOnly = false) Instant instant) {
            Object hook = System.getProperties().get(HOOK_PROPERTY);
            if (instant != null && hook instanceof LongSupplier) {
                long offset = ((LongSupplier) hook).getAsLong();
                if (offset != 0) {
                    instant = instant.plusNanos(offset);
                }
            }
        }
    }
}
