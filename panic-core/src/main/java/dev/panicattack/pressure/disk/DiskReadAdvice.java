package dev.panicattack.pressure.disk;

import dev.panicattack.internal.instrument.HookSlot;
import java.util.function.Function;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's file read methods when the disk axis has an error rate or a read latency. Like
 * {@link DiskWriteAdvice} it refers only to {@code java.base} types: the budget's read gate is found
 * in {@link #SLOT}. The gate returns {@code null} to let
 * a read through, or the {@link java.io.IOException} it must fail with; the read is then skipped and
 * {@link DiskWriteAdvice.Exit} throws it. Advice never lets its own failure escape.
 */
final class DiskReadAdvice {

    /** Where the active budget's read gate is published. */
    static final HookSlot<Function<Object, Object>> SLOT = HookSlot.named("disk.reads");

    private DiskReadAdvice() {
    }

    /** Any read method of a class with a {@code path} field: one operation. */
    static final class AnyRead {
        private AnyRead() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("path") String path, @HookSlot.Published Object gate) {
            if (path == null) {
                return null;
            }
            if (gate instanceof Function) {
                return ((Function<Object, Object>) gate).apply(path);
            }
            return null;
        }
    }
}
