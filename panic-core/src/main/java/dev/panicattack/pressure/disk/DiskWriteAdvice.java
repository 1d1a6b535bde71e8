package dev.panicattack.pressure.disk;

import dev.panicattack.internal.instrument.HookSlot;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's file write methods. It refers only to {@code java.base} types, so
 * nothing has to be injected into the boot loader: the budget's ledger is found in {@link #SLOT}. The enter advice asks the ledger whether the write fits;
 * a refusal (an {@link java.io.IOException}) skips the write, and the exit advice throws it from the
 * write method, as the operating system's own error would be. Advice never lets its own failure
 * escape ({@code suppress}): a broken hook must not break the subject's or the build's writes.
 */
final class DiskWriteAdvice {

    /** Where the active budget's ledger is published. */
    static final HookSlot<BiFunction<Object, Object, Object>> SLOT = HookSlot.named("disk.writes");

    private DiskWriteAdvice() {
    }

    /** Throws the refusal the enter advice returned, if any. */
    static final class Exit {
        private Exit() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object refusal,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (refusal instanceof Throwable) {
                thrown = (Throwable) refusal;
            }
        }
    }

    /** {@code write(int)}: one byte. */
    static final class OneByte {
        private OneByte() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("path") String path, @HookSlot.Published Object ledger) {
            if (path == null) {
                return null;
            }
            if (ledger instanceof BiFunction) {
                return ((BiFunction<Object, Object, Object>) ledger).apply(path, Long.valueOf(1));
            }
            return null;
        }
    }

    /** {@code write(byte[])}: the whole array. */
    static final class WholeArray {
        private WholeArray() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) byte[] bytes, @HookSlot.Published Object ledger) {
            if (path == null || bytes == null || bytes.length == 0) {
                return null;
            }
            if (ledger instanceof BiFunction) {
                return ((BiFunction<Object, Object, Object>) ledger).apply(path, Long.valueOf(bytes.length));
            }
            return null;
        }
    }

    /** {@code write(byte[], int off, int len)}: {@code len} bytes. */
    static final class ArrayRange {
        private ArrayRange() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("path") String path, @Advice.Argument(2) int length, @HookSlot.Published Object ledger) {
            if (path == null || length <= 0) {
                return null;
            }
            if (ledger instanceof BiFunction) {
                return ((BiFunction<Object, Object, Object>) ledger).apply(path, Long.valueOf(length));
            }
            return null;
        }
    }

    /** {@code FileChannel.write(ByteBuffer)} and {@code write(ByteBuffer, long)}: the buffer's remaining bytes. */
    static final class OneBuffer {
        private OneBuffer() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) ByteBuffer buffer, @HookSlot.Published Object ledger) {
            if (path == null || buffer == null || !buffer.hasRemaining()) {
                return null;
            }
            if (ledger instanceof BiFunction) {
                return ((BiFunction<Object, Object, Object>) ledger).apply(path, Long.valueOf(buffer.remaining()));
            }
            return null;
        }
    }

    /** {@code FileChannel.write(ByteBuffer[], int offset, int length)}: the remaining bytes of the buffers written. */
    static final class BufferRange {
        private BufferRange() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) ByteBuffer[] buffers,
                @Advice.Argument(1) int offset, @Advice.Argument(2) int length, @HookSlot.Published Object ledger) {
            if (path == null || buffers == null) {
                return null;
            }
            long total = 0;
            for (int index = offset; index < offset + length && index < buffers.length; index++) {
                if (buffers[index] != null) {
                    total += buffers[index].remaining();
                }
            }
            if (total > 0 && ledger instanceof BiFunction) {
                return ((BiFunction<Object, Object, Object>) ledger).apply(path, Long.valueOf(total));
            }
            return null;
        }
    }

    /** {@code FileChannel.force(boolean)}: zero bytes, asks only for the added latency. */
    static final class Force {
        private Force() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("path") String path, @HookSlot.Published Object ledger) {
            if (path == null) {
                return null;
            }
            if (ledger instanceof BiFunction) {
                return ((BiFunction<Object, Object, Object>) ledger).apply(path, Long.valueOf(0));
            }
            return null;
        }
    }
}
