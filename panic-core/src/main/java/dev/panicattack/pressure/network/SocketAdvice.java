package dev.panicattack.pressure.network;

import dev.panicattack.internal.instrument.HookSlot;
import java.nio.ByteBuffer;
import java.util.function.Function;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's socket code ({@code sun.nio.ch.NioSocketImpl} under every
 * {@code java.net.Socket}, and {@code sun.nio.ch.SocketChannelImpl}). It refers only to
 * {@code java.base} types: the active {@link FaultHook} is found in {@link #SLOT} and called with an {@code Object[]} whose first element names the
 * operation. A {@link Throwable} returned by the enter advice skips the method and is thrown from it,
 * as the operating system's own error would be. Advice never lets its own failure escape
 * ({@code suppress}): a broken hook must not break the subject's or the build's traffic.
 */
final class SocketAdvice {

    /** Where the active hook is published. */
    static final HookSlot<Function<Object[], Object>> SLOT = HookSlot.named("network.faults");

    private SocketAdvice() {
    }

    /** Throws what the enter advice returned, when it is a {@link Throwable}. */
    static final class Rethrow {
        private Rethrow() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object entered, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (entered instanceof Throwable) {
                thrown = (Throwable) entered;
            }
        }
    }

    /** {@code NioSocketImpl.connect(SocketAddress, int)} and {@code SocketChannelImpl.connect(SocketAddress)}. */
    static final class Connect {
        private Connect() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Throwable.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object self, @Advice.Argument(0) Object remote, @HookSlot.Published Object hook) {
            if (hook instanceof Function) {
                return ((Function<Object[], Object>) hook).apply(new Object[] {"connect", self, remote});
            }
            return null;
        }
    }

    /** {@code NioSocketImpl.read(byte[], int, int)}: waits (latency, blackhole) or fails (reset) before reading. */
    static final class ClassicRead {
        private ClassicRead() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Throwable.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object self, @Advice.FieldValue("timeout") int timeout, @HookSlot.Published Object hook) {
            if (hook instanceof Function) {
                return ((Function<Object[], Object>) hook).apply(new Object[] {"read", self, Integer.valueOf(timeout), null});
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter Object entered, @Advice.Return int count,
                @Advice.Thrown(readOnly = false) Throwable thrown, @HookSlot.Published Object hook) {
            if (entered instanceof Throwable) {
                thrown = (Throwable) entered;
                return;
            }
            if (thrown == null && count > 0 && hook instanceof Function) {
                ((Function<Object[], Object>) hook).apply(new Object[] {"received", self, Integer.valueOf(count), null, entered});
            }
        }
    }

    /** {@code NioSocketImpl.write(byte[], int, int)}: {@code len} bytes. */
    static final class ClassicWrite {
        private ClassicWrite() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Throwable.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object self, @Advice.Argument(2) int length, @HookSlot.Published Object hook) {
            if (length > 0 && hook instanceof Function) {
                return ((Function<Object[], Object>) hook).apply(new Object[] {"write", self, Long.valueOf(length)});
            }
            return null;
        }
    }

    /** {@code SocketChannelImpl.read(ByteBuffer)}, blocking or not. */
    static final class ChannelRead {
        private ChannelRead() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Throwable.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object self, @Advice.Argument(0) ByteBuffer buffer, @HookSlot.Published Object hook) {
            if (hook instanceof Function) {
                return ((Function<Object[], Object>) hook).apply(new Object[] {"read", self, Integer.valueOf(0), buffer});
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter Object entered, @Advice.Argument(0) ByteBuffer buffer,
                @Advice.Return(readOnly = false) int count, @Advice.Thrown(readOnly = false) Throwable thrown,
                @HookSlot.Published Object hook) {
            if (entered instanceof Throwable) {
                thrown = (Throwable) entered;
                return;
            }
            if (thrown == null && count > 0 && hook instanceof Function) {
                Object replaced = ((Function<Object[], Object>) hook).apply(
                        new Object[] {"received", self, Integer.valueOf(count), buffer, entered});
                if (replaced instanceof Integer) {
                    count = ((Integer) replaced).intValue();
                }
            }
        }
    }

    /** {@code SocketChannelImpl.write(ByteBuffer)}: the buffer's remaining bytes. */
    static final class ChannelWrite {
        private ChannelWrite() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Throwable.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object self, @Advice.Argument(0) ByteBuffer buffer, @HookSlot.Published Object hook) {
            if (buffer != null && buffer.hasRemaining() && hook instanceof Function) {
                return ((Function<Object[], Object>) hook).apply(
                        new Object[] {"write", self, Long.valueOf(buffer.remaining())});
            }
            return null;
        }
    }

    /** {@code SocketChannelImpl.write(ByteBuffer[], int, int)}: the remaining bytes of the buffers written. */
    static final class ChannelGatheringWrite {
        private ChannelGatheringWrite() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(skipOn = Throwable.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object self, @Advice.Argument(0) ByteBuffer[] buffers,
                @Advice.Argument(1) int offset, @Advice.Argument(2) int length, @HookSlot.Published Object hook) {
            if (buffers == null || !(hook instanceof Function)) {
                return null;
            }
            long total = 0;
            for (int index = offset; index < offset + length && index < buffers.length; index++) {
                if (buffers[index] != null) {
                    total += buffers[index].remaining();
                }
            }
            if (total == 0) {
                return null;
            }
            return ((Function<Object[], Object>) hook).apply(new Object[] {"write", self, Long.valueOf(total)});
        }
    }
}
