package dev.panicattack.internal.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Where code that panic-attack hooks into loaded classes finds the active hook: the disk budget's
 * ledger, the network faults, the shifted clock, the scheduling noise, the probes' ledgers.
 *
 * <p>Hooked code may live in any class loader, the JDK's own classes included, so it cannot see
 * this library's classes: it reads the hook through {@code java.base} only. Every slot lives in one
 * map, the value of the one system property {@value #PROPERTY} (a {@link ConcurrentHashMap} from
 * slot key to hook, created once per JVM and shared by every copy of the library); hooked code reads
 * its slot with {@code System.getProperties().getOrDefault(PROPERTY, Map.of())} followed by
 * {@code Map.getOrDefault(key, default)}, a sequence with no branch, emitted by {@link #read()} for
 * advice and {@link #visitRead} for rewritten call sites. The hook itself is of a {@code java.base}
 * type ({@code BiFunction}, {@code LongSupplier}, ...) that hooked code checks before calling it.
 *
 * <p>On the library's side a slot is typed: {@link #publish} accepts only a {@code T}. One hook per
 * slot at a time in a JVM; the owner {@link #withdraw withdraws} exactly what it published.
 *
 * @param <T> the type of the hook published in the slot
 */
public final class HookSlot<T> {

    /** The one system property panic-attack uses: it holds every slot. */
    public static final String PROPERTY = "dev.panicattack.hooks";

    /** Operand stack the read sequence needs at its peak. */
    public static final int MAX_STACK = 3;

    /** Binds an advice parameter of type {@code Object} to the hook in the slot (null when none). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Published {
    }

    private final String key;

    private HookSlot(String key) {
        this.key = key;
    }

    /** The slot called {@code key}, for example {@code disk.writes}; keys are unique in the library. */
    public static <T> HookSlot<T> named(String key) {
        Objects.requireNonNull(key, "key");
        return new HookSlot<>(key);
    }

    /** The slot's key in the map. */
    public String key() {
        return key;
    }

    /** Publishes {@code hook} unless another is published: false then, and nothing changed. */
    public boolean publish(T hook) {
        Objects.requireNonNull(hook, "hook");
        return slots().putIfAbsent(key, hook) == null;
    }

    /** Publishes {@code hook} in place of whatever is published. */
    public void replace(T hook) {
        Objects.requireNonNull(hook, "hook");
        slots().put(key, hook);
    }

    /** Withdraws {@code hook} if it is the one published; hooked code then finds none and does nothing. */
    public void withdraw(T hook) {
        slots().remove(key, hook);
    }

    /** The hook published now, or null; of another copy of the library's classes, possibly. */
    public Object published() {
        Object slots = System.getProperties().get(PROPERTY);
        return slots instanceof Map<?, ?> map ? map.get(key) : null;
    }

    /**
     * Advice whose parameters annotated {@link Published} receive this slot's hook, or null; chain
     * further bindings and finish with {@code to(...)}.
     */
    public Advice.WithCustomMapping advice() {
        return Advice.withCustomMapping().bind(Published.class, (Advice.OffsetMapping) (type, method, assigner, arguments, sort) ->
                new Advice.OffsetMapping.Target.ForStackManipulation(read()));
    }

    /** Pushes the slot's hook, or null, as an {@code Object}. */
    public StackManipulation read() {
        return new StackManipulation.AbstractBase() {
            @Override
            public Size apply(MethodVisitor visitor, Implementation.Context context) {
                visitRead(visitor, () -> visitor.visitInsn(Opcodes.ACONST_NULL));
                return new Size(1, MAX_STACK);
            }
        };
    }

    /**
     * Emits, into rewritten code, the read of the slot's hook as an {@code Object}: what
     * {@code pushDefault} pushes when the slot is empty. Uses {@link #MAX_STACK} slots at most, has no
     * branch and refers only to {@code java.base}.
     */
    public void visitRead(MethodVisitor visitor, Runnable pushDefault) {
        visitor.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperties", "()Ljava/util/Properties;", false);
        visitor.visitLdcInsn(PROPERTY);
        visitor.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Map", "of", "()Ljava/util/Map;", true);
        visitor.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Properties", "getOrDefault",
                "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
        visitor.visitTypeInsn(Opcodes.CHECKCAST, "java/util/Map");
        visitor.visitLdcInsn(key);
        pushDefault.run();
        visitor.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/Map", "getOrDefault",
                "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", true);
    }

    /**
     * The map of every slot, created on first use. Another copy of the library (another class
     * loader) finds the same map, so two copies never publish in one slot at once.
     */
    @SuppressWarnings("unchecked")
    private static Map<Object, Object> slots() {
        Object slots = System.getProperties().computeIfAbsent(PROPERTY, name -> new ConcurrentHashMap<>());
        if (!(slots instanceof Map<?, ?>)) {
            throw new IllegalStateException("the system property " + PROPERTY + " holds " + slots.getClass().getName()
                    + " where panic-attack keeps its hooks; leave that property to panic-attack");
        }
        return (Map<Object, Object>) slots;
    }

    @Override
    public String toString() {
        return "hook slot " + key;
    }
}
