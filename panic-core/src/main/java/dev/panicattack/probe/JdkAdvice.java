package dev.panicattack.probe;

import dev.panicattack.internal.instrument.HookSlot;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.BiConsumer;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into JDK classes (streams, sockets, channels, {@code ThreadPoolExecutor}). It
 * refers only to {@code java.base} types so nothing is injected into the boot loader: the ledger is
 * a {@link BiConsumer} found in the bound {@link HookSlot}, and is told
 * the bound {@link Kind} of event with the object concerned. Advice never lets its own failure
 * escape ({@code suppress}): the JDK's and the build's own I/O must not notice it.
 */
final class JdkAdvice {

    private JdkAdvice() {
    }

    /** Binds the kind of event ({@code open}, {@code close}, {@code created}, ...). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Kind {
    }

    /** On entry, about {@code this}: {@code close()}, {@code reject(Runnable)}. */
    static final class ThisOnEnter {
        private ThisOnEnter() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@HookSlot.Published Object ledger, @Kind String kind, @Advice.This Object self) {
            if (ledger instanceof BiConsumer) {
                ((BiConsumer<Object, Object>) ledger).accept(kind, self);
            }
        }
    }

    /** After a constructor returned normally, about the new object. */
    static final class ThisOnReturn {
        private ThisOnReturn() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@HookSlot.Published Object ledger, @Kind String kind, @Advice.This Object self) {
            if (ledger instanceof BiConsumer) {
                ((BiConsumer<Object, Object>) ledger).accept(kind, self);
            }
        }
    }

    /** After a method returned or threw, about {@code this}: {@code execute(Runnable)}. */
    static final class ThisOnExit {
        private ThisOnExit() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@HookSlot.Published Object ledger, @Kind String kind, @Advice.This Object self) {
            if (ledger instanceof BiConsumer) {
                ((BiConsumer<Object, Object>) ledger).accept(kind, self);
            }
        }
    }

    /** After a static factory returned normally, about what it returned: {@code FileChannel.open}. */
    static final class ReturnedOnReturn {
        private ReturnedOnReturn() {
        }

        @SuppressWarnings("unchecked")
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@HookSlot.Published Object ledger, @Kind String kind, @Advice.Return Object returned) {
            if (returned != null && ledger instanceof BiConsumer) {
                ((BiConsumer<Object, Object>) ledger).accept(kind, returned);
            }
        }
    }
}
