package dev.panicattack.probe;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * The static field through which the method advice finds the active session's {@link MethodLedger}:
 * {@code public static volatile IntFunction methods} of a class generated here and defined by the
 * bootstrap class loader, so that every class loader sees it and the advice reads it with one
 * {@code getstatic} (a system property lookup cost 24 to 39 ns per call; see docs/benchmarks.md).
 * The class is injected once per JVM, by appending a one-class jar to the bootstrap search path;
 * the JVM prints one class-data-sharing warning then (docs/probes.md). A JVM-wide class is the only
 * state: later sessions, from any class loader, find it by name.
 */
final class MethodHook {

    /** The generated holder's name; a bootstrap class cannot be unloaded or replaced, so its shape never changes. */
    static final String HOLDER = "dev.panicattack.probe.boot.MethodHookHolder";
    static final String FIELD = "methods";
    /** Two copies of panic-core in one JVM (two class loaders) still inject once: the JVM checks under its own lock, we under this one. */
    private static final Object INJECTION = new Object();

    private final Field field;
    private final VarHandle handle;

    private MethodHook(Field field, VarHandle handle) {
        this.field = field;
        this.handle = handle;
    }

    /** The hook, injecting its holder into the bootstrap class loader on first use in this JVM. */
    static MethodHook inject(Instrumentation instrumentation) {
        Class<?> holder;
        synchronized (INJECTION) {
            holder = bootstrapHolder();
            if (holder == null) {
                define(instrumentation);
                holder = bootstrapHolder();
                if (holder == null) {
                    throw new IllegalStateException("panic-attack appended " + HOLDER + " to the bootstrap class path"
                            + " but the bootstrap class loader does not find it; the JVM may forbid appending to it:"
                            + " switch probes off with panic.probes.enabled=false");
                }
            }
        }
        try {
            Field field = holder.getField(FIELD);
            VarHandle handle = MethodHandles.lookup().findStaticVarHandle(holder, FIELD, IntFunction.class);
            return new MethodHook(field, handle);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("the bootstrap class " + HOLDER + " has no public static IntFunction field "
                    + FIELD + ": another version of panic-attack defined it in this JVM; run one version per JVM", e);
        }
    }

    /** The holder if the bootstrap class loader has it, else null. */
    private static Class<?> bootstrapHolder() {
        try {
            return Class.forName(HOLDER, false, null);
        } catch (ClassNotFoundException notYet) {
            return null;
        }
    }

    private static void define(Instrumentation instrumentation) {
        DynamicType.Unloaded<Object> type = new ByteBuddy()
                .subclass(Object.class)
                .name(HOLDER)
                .modifiers(Modifier.PUBLIC | Modifier.FINAL)
                .defineField(FIELD, IntFunction.class, Modifier.PUBLIC | Modifier.STATIC | Modifier.VOLATILE)
                .make();
        Path folder;
        try {
            folder = Files.createTempDirectory("panic-probes-");
        } catch (IOException e) {
            throw new UncheckedIOException("panic-attack could not create a temporary folder for the probe hook's jar"
                    + " (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + "); make it writable", e);
        }
        File directory = folder.toFile();
        try {
            ClassInjector.UsingInstrumentation.of(directory, ClassInjector.UsingInstrumentation.Target.BOOTSTRAP,
                    instrumentation).inject(Map.of(type.getTypeDescription(), type.getBytes()));
        } finally {
            // Byte Buddy deletes its jar once the class is loaded (or at exit where the file is held open).
            if (!directory.delete()) {
                directory.deleteOnExit();
            }
        }
    }

    /** The bootstrap class holding the field. */
    Class<?> holder() {
        return field.getDeclaringClass();
    }

    /** The field, for the advice to read with {@code getstatic}. */
    FieldDescription field() {
        return new FieldDescription.ForLoadedField(field);
    }

    /** Publishes {@code ledger}; false when another session's ledger is published. */
    boolean publish(IntFunction<Object> ledger) {
        return handle.compareAndSet((IntFunction<?>) null, (IntFunction<?>) ledger);
    }

    /** Withdraws {@code ledger} if it is the one published; advice left behind then finds none and does nothing. */
    void withdraw(IntFunction<Object> ledger) {
        handle.compareAndSet((IntFunction<?>) ledger, (IntFunction<?>) null);
    }

    /** The published ledger, or null. */
    Object published() {
        return handle.getVolatile();
    }
}
