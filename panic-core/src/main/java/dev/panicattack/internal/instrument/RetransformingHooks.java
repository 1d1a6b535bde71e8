package dev.panicattack.internal.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * The hooks a stressor puts into loaded classes (advice on JDK classes, rewritten subject classes),
 * installed as a retransformation of method bodies only, so that {@link #reset} gives every hooked
 * class its original bytes back. A stressor supplies what is its own (the types to hook, the advice
 * or visitors) on {@link #builder()}, installs with {@link #install}, and removes the hooks with
 * {@link #reset} when it closes.
 *
 * <p>One instance per transformer: it counts the classes transformed (at installation and after,
 * as matching classes load) and keeps the transformation errors, and a transformation that fails or
 * misses an expected class makes the installation fail loudly, never silently.
 */
public final class RetransformingHooks {

    /** The message of a failed installation, from what the installation achieved. */
    @FunctionalInterface
    public interface Failure {
        /** What could not be hooked, with the counts, and the fix. */
        String message(int transformed, int errors);
    }

    private final AtomicInteger transformed;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    /** Hooks that count their transformed classes themselves. */
    public RetransformingHooks() {
        this(new AtomicInteger());
    }

    /** Hooks that count their transformed classes in {@code transformed}, which the stressor reports. */
    public RetransformingHooks(AtomicInteger transformed) {
        this.transformed = Objects.requireNonNull(transformed, "transformed");
    }

    /** The JVM's instrumentation; {@code ByteBuddyAgent.install()} returns the agent already installed, if any: once per JVM. */
    public static Instrumentation instrumentation() {
        return ByteBuddyAgent.install();
    }

    /**
     * A builder that retransforms loaded classes without class format changes, counts transformations
     * and keeps errors for {@link #install}. It keeps Byte Buddy's default ignore matcher, which skips
     * JDK classes: a stressor that hooks them sets its own with {@code ignore(...)}.
     */
    public AgentBuilder builder() {
        return new AgentBuilder.Default()
                // A lock of its own: Byte Buddy's default one is shared by every agent builder in the JVM,
                // and one left held elsewhere would make this builder skip classes, its reset too.
                .with(new AgentBuilder.CircularityLock.Default())
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                            boolean loaded, DynamicType dynamicType) {
                        transformed.incrementAndGet();
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
                        errors.add(throwable);
                    }
                });
    }

    /**
     * Installs {@code configured} (made from {@link #builder()}) on {@code instrumentation}, which
     * retransforms the matching loaded classes at once.
     *
     * @param expectedClasses classes the installation must transform (0 when any number will do)
     * @throws IllegalStateException with {@code failure}'s message and every error suppressed, after
     *         removing what was installed, when a transformation failed or fewer classes were transformed
     */
    public ResettableClassFileTransformer install(AgentBuilder configured, Instrumentation instrumentation,
            int expectedClasses, Failure failure) {
        ResettableClassFileTransformer transformer = configured.installOn(instrumentation);
        if (!errors.isEmpty() || transformed.get() < expectedClasses) {
            IllegalStateException thrown = new IllegalStateException(failure.message(transformed.get(), errors.size()));
            errors.forEach(thrown::addSuppressed);
            reset(transformer, instrumentation);
            throw thrown;
        }
        return transformer;
    }

    /** Classes transformed so far. */
    public int transformed() {
        return transformed.get();
    }

    /**
     * Removes {@code transformer} and retransforms the classes it matches, which restores their
     * original class files: the method bodies and the constant pool.
     */
    public static void reset(ResettableClassFileTransformer transformer, Instrumentation instrumentation) {
        // JDK 25 forgets a class's original class file when it is retransformed while no retransform-capable
        // transformer is registered (the case once the reset removed the last one): the method bodies are
        // restored, but the class keeps the hooked version's constant pool, so later agents would read the
        // hook's name in it. A transformer that changes nothing, registered meanwhile, keeps the original.
        ClassFileTransformer keepsOriginal = new ClassFileTransformer() {
        };
        instrumentation.addTransformer(keepsOriginal, true);
        try {
            transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        } finally {
            instrumentation.removeTransformer(keepsOriginal);
        }
    }
}
