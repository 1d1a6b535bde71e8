package dev.panicattack.probe;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into every method of the subject. It refers only to {@code java.base} types and to
 * the bootstrap class of {@link MethodHook}, so it works in any class loader: the session's
 * {@link MethodLedger} is the {@link IntFunction} in that class's static field, read with one
 * {@code getstatic} ({@link Ledger}). Enter asks the ledger for the calling thread's record (counting
 * one more level of depth); the record is a {@link Number} whose {@code intValue()} says whether
 * this call is timed. The record is type-checked against one interface only: on JDK 17 an object
 * checked against two interfaces in turn thrashes the JVM's type-check cache (JDK-8180450). Exit
 * hands the record the exception thrown, if any, and the method id and elapsed nanoseconds (0 when
 * untimed) packed into one {@code long} (id in the high 24 bits). Advice never lets its own failure
 * escape ({@code suppress}).
 */
final class MethodAdvice {

    /** Bits of the packed exit value that hold the elapsed nanoseconds (about 18 minutes). */
    static final int NANOS_BITS = 40;
    static final long NANOS_MASK = (1L << NANOS_BITS) - 1;

    private MethodAdvice() {
    }

    /** Binds the method's id, a constant chosen when the method is transformed. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface MethodId {
    }

    /** Binds the published ledger (or null): a read of {@link MethodHook}'s static field, typed {@link IntFunction}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Ledger {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@MethodId int id, @Ledger IntFunction<Object> published, @Advice.Local("start") long start) {
        // One read of the volatile field: a session closing in between must not be read twice.
        IntFunction<Object> ledger = published;
        if (ledger != null) {
            Object thread = ledger.apply(id);
            // Only a call chosen for timing reads the clock: System.nanoTime costs more than all the rest.
            // The record is a Number (a class: a constant-time type check) whose intValue says so.
            if (thread instanceof Number && ((Number) thread).intValue() != 0) {
                start = System.nanoTime();
            }
            return thread;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@MethodId int id, @Advice.Enter Object thread, @Advice.Local("start") long start,
            @Advice.Thrown Throwable thrown) {
        if (thread instanceof ObjLongConsumer) {
            // 0 means "not timed": a timed call reports at least 1 ns.
            long elapsed = start == 0 ? 0 : Math.max(1, System.nanoTime() - start);
            ((ObjLongConsumer<Object>) thread).accept(thrown, ((long) id << NANOS_BITS) | Math.min(elapsed, NANOS_MASK));
        }
    }
}
