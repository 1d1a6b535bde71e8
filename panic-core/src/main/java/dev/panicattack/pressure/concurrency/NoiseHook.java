package dev.panicattack.pressure.concurrency;

import dev.panicattack.internal.instrument.HookSlot;
import java.util.function.ObjIntConsumer;

/**
 * The calls scheduling-noise instrumentation inserts into the subject's code. Each forwards to the
 * active noise, published in {@link #SLOT} as a {@code java.base} type, so this class holds no state and a subject class still instrumented after
 * the test (it cannot be, the transformation is reset) would find no noise and run on untouched.
 * Public only because instrumented subject classes in other packages call it; not API.
 */
public final class NoiseHook {

    /** Where the active noise is published. One at a time per JVM. */
    static final HookSlot<Noise> SLOT = HookSlot.named("concurrency.noise");

    private NoiseHook() {
    }

    /** Noise point {@code id} was reached. Never throws. */
    public static void point(int id) {
        dispatch(null, id);
    }

    /** Noise point {@code id}, about to acquire {@code lock} (a monitor or a {@code Lock}), was reached. Never throws. */
    public static void lock(Object lock, int id) {
        dispatch(lock, id);
    }

    @SuppressWarnings("unchecked")
    private static void dispatch(Object lock, int id) {
        Object noise = SLOT.published();
        if (noise instanceof ObjIntConsumer) {
            ((ObjIntConsumer<Object>) noise).accept(lock, id);
        }
    }
}
