package dev.panicattack.probe;

import dev.panicattack.internal.instrument.HookSlot;
import dev.panicattack.subject.Subject;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.internal.Teardown;
import dev.panicattack.internal.instrument.RetransformingHooks;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.member.FieldAccess;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Probes installed for one trial: advice on every method of the {@link Subject} and on the JDK
 * resource and executor types, from {@link #start} until {@link #close()}, which resets every
 * transformation. One session at a time per JVM. A class that cannot be transformed fails
 * {@link #start} (or {@link #record}, when it was loaded during the test) with the reason.
 * What is recorded, exactly: {@code docs/probes.md}.
 */
public final class ProbeSession implements AutoCloseable {

    /** The JDK classes whose instances count as resources, opened by their constructors. */
    static final List<String> CONSTRUCTED_RESOURCES = List.of("java.io.FileInputStream", "java.io.FileOutputStream",
            "java.io.RandomAccessFile", "java.net.Socket", "java.net.ServerSocket");
    /**
     * The JDK's channel implementations, opened by their constructors: {@code FileChannel.open},
     * {@code Files.newInputStream} and the other {@code Files.new*} streams and readers (which wrap a
     * file channel), {@code SocketChannel.open}, {@code ServerSocketChannel.open} and {@code accept}.
     */
    static final List<String> CONSTRUCTED_CHANNELS = List.of("sun.nio.ch.FileChannelImpl", "sun.nio.ch.SocketChannelImpl",
            "sun.nio.ch.ServerSocketChannelImpl");
    /** Where every channel is closed: its {@code close()} is final there. */
    static final String CHANNEL_CLOSE = "java.nio.channels.spi.AbstractInterruptibleChannel";
    static final String POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final Set<String> JDK_TARGETS = jdkTargets();

    private final Subject subject;
    private final Instrumentation instrumentation;
    private final MethodLedger methods = new MethodLedger();
    private final MethodHook hook;
    private final ResourceLedger resources;
    private final ExecutorLedger executors;
    private final List<String> transformed = new CopyOnWriteArrayList<>();
    private final Map<String, Throwable> errors = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ResettableClassFileTransformer transformer;

    private ProbeSession(Subject subject, Instrumentation instrumentation, LongSupplier elapsedMillis) {
        this.subject = subject;
        this.instrumentation = instrumentation;
        this.hook = MethodHook.inject(instrumentation);
        Callers callers = new Callers(subject);
        this.resources = new ResourceLedger(callers);
        this.executors = new ExecutorLedger(callers, elapsedMillis);
    }

    /**
     * Installs the probes, attaching the agent first if the JVM was not started with it (saying so
     * in one line on {@code System.err}).
     *
     * @param elapsedMillis the evidence clock, for timed facts
     * @throws IllegalStateException when another session is active, or a class of the subject cannot
     *                               be transformed (nothing stays installed then)
     */
    public static ProbeSession start(Subject subject, LongSupplier elapsedMillis) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(elapsedMillis, "elapsedMillis");
        return start(subject, ProbeAgent.instrumentation(System.err), elapsedMillis);
    }

    static ProbeSession start(Subject subject, Instrumentation instrumentation, LongSupplier elapsedMillis) {
        ProbeSession session = new ProbeSession(subject, instrumentation, elapsedMillis);
        session.publish();
        try {
            session.install();
        } catch (RuntimeException | Error e) {
            try {
                session.close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return session;
    }

    private void publish() {
        if (!hook.publish(methods)) {
            throw new IllegalStateException("the probes of another test are active in this JVM; probed tests cannot run"
                    + " in parallel: run them in the same thread (JUnit's default) or switch probes off with"
                    + " panic.probes.enabled=false");
        }
        CatchHandlers.SLOT.replace(methods.catches());
        ResourceLedger.SLOT.replace(resources);
        ExecutorLedger.SLOT.replace(executors);
    }

    private void install() {
        Advice methodAdvice = Advice.withCustomMapping()
                .bind(MethodAdvice.MethodId.class, (Advice.OffsetMapping) (type, method, assigner, arguments, sort) ->
                        Advice.OffsetMapping.Target.ForStackManipulation.of(methods.methodId(type, method)))
                .bind(MethodAdvice.Ledger.class, (Advice.OffsetMapping) (type, method, assigner, arguments, sort) ->
                        new Advice.OffsetMapping.Target.ForStackManipulation(FieldAccess.forField(hook.field()).read()))
                .to(MethodAdvice.class);
        ElementMatcher.Junction<MethodDescription> probed = isMethod().and(not(isAbstract())).and(not(isNative()))
                .and(not(isBridge()));
        AgentBuilder.RawMatcher subjectTypes = (type, loader, module, redefined, domain) ->
                !type.isAnnotation() && Subject.loadedByApplication(loader) && subject.includes(type.getName(), domain);
        transformer = new AgentBuilder.Default()
                // A lock of its own: Byte Buddy's default one is shared by every agent builder in the
                // JVM, and one left held by another builder's failed transformation would block this one.
                .with(new AgentBuilder.CircularityLock.Default())
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new AgentBuilder.RedefinitionStrategy.Listener.Adapter() {
                    @Override
                    public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                            List<Class<?>> types) {
                        batch.forEach(type -> errors.putIfAbsent(type.getName(), throwable));
                        return List.of();
                    }
                })
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                // Describe types from their class files: loading a class to describe it while another is
                // being defined recurses until the stack overflows. An already loaded class whose file no
                // loader shows (one defined from bytes) is described from the loaded class instead.
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                // The default ignore matcher silently skips JDK classes, which are targets here;
                // by name only, so other classes cost no parsing.
                .ignore(new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
                    @Override
                    public boolean matches(TypeDescription type) {
                        return !isTarget(type.getName());
                    }
                })
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                            DynamicType dynamicType) {
                        transformed.add(type.getName());
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
                        if (isTarget(typeName)) {
                            errors.putIfAbsent(typeName, throwable);
                        }
                    }
                })
                .type(subjectTypes)
                // Advice first, catch handlers last: the last visitor reads the original code, so it
                // sees the subject's own handlers and not the advice's.
                .transform((builder, type, loader, module, domain) -> readsHook(module, builder)
                        .visit(methodAdvice.on(probed))
                        .visit(new AsmVisitorWrapper.ForDeclaredMethods().method(probed, new CatchHandlers(methods))))
                .type(namedOneOf(CONSTRUCTED_RESOURCES.toArray(String[]::new)))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(jdk(JdkAdvice.ThisOnReturn.class, ResourceLedger.SLOT, ResourceLedger.OPEN)
                                .on(isConstructor()))
                        .visit(jdk(JdkAdvice.ThisOnEnter.class, ResourceLedger.SLOT, ResourceLedger.CLOSE)
                                .on(named("close").and(takesArguments(0)))))
                .type(namedOneOf(CONSTRUCTED_CHANNELS.toArray(String[]::new)))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(jdk(JdkAdvice.ThisOnReturn.class, ResourceLedger.SLOT, ResourceLedger.OPEN)
                                .on(isConstructor())))
                .type(named(CHANNEL_CLOSE))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(jdk(JdkAdvice.ThisOnEnter.class, ResourceLedger.SLOT, ResourceLedger.CLOSE)
                                .on(named("close").and(takesArguments(0)))))
                .type(named(POOL))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(jdk(JdkAdvice.ThisOnReturn.class, ExecutorLedger.SLOT, ExecutorLedger.CREATED)
                                .on(isConstructor().and(takesArguments(7))))
                        .visit(jdk(JdkAdvice.ThisOnExit.class, ExecutorLedger.SLOT, ExecutorLedger.EXECUTE)
                                .on(named("execute").and(takesArguments(Runnable.class))))
                        .visit(jdk(JdkAdvice.ThisOnEnter.class, ExecutorLedger.SLOT, ExecutorLedger.REJECT)
                                .on(named("reject").and(takesArgument(0, Runnable.class)))))
                .installOn(instrumentation);
        failIfAnyError();
    }

    /**
     * A subject class in a named module must read the hook's (the bootstrap loader's unnamed module)
     * or its {@code getstatic} fails, and the suppressing advice would record nothing, silently.
     */
    private DynamicType.Builder<?> readsHook(JavaModule module, DynamicType.Builder<?> builder) {
        Module holder = hook.holder().getModule();
        if (module != null && module.unwrap() instanceof Module subject && subject.isNamed() && !subject.canRead(holder)) {
            instrumentation.redefineModule(subject, Set.of(holder), Map.of(), Map.of(), Set.of(), Map.of());
        }
        return builder;
    }

    /** The subject's classes and the JDK types the probes advise, by name. */
    private boolean isTarget(String typeName) {
        return subject.includes(typeName) || JDK_TARGETS.contains(typeName);
    }

    private static Advice jdk(Class<?> advice, HookSlot<?> slot, String kind) {
        return slot.advice().bind(JdkAdvice.Kind.class, kind).to(advice);
    }

    private void failIfAnyError() {
        if (errors.isEmpty()) {
            return;
        }
        Map.Entry<String, Throwable> first = errors.entrySet().iterator().next();
        IllegalStateException failure = new IllegalStateException("panic-attack could not instrument " + first.getKey()
                + " for the probes of subject " + subject.describe() + ": " + first.getValue()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more classes: " + new ArrayList<>(errors.keySet()) + ")" : "")
                + "; leave the class out of the subject (name narrower classes or packages)", first.getValue());
        throw failure;
    }

    private static Set<String> jdkTargets() {
        Set<String> names = new java.util.HashSet<>(CONSTRUCTED_RESOURCES);
        names.addAll(CONSTRUCTED_CHANNELS);
        names.add(CHANNEL_CLOSE);
        names.add(POOL);
        return Set.copyOf(names);
    }

    /**
     * Fails when a class of the subject (or a JDK target) could not be transformed, at the start or
     * when it was loaded later.
     *
     * @throws IllegalStateException naming the class and the reason
     */
    public void requireAllTransformed() {
        failIfAnyError();
    }

    /** The classes transformed so far, in order (JDK targets included). */
    public List<String> transformedClasses() {
        return List.copyOf(transformed);
    }

    /**
     * Adds what the probes saw to {@code store} (facts in docs/facts.md, section Probe facts).
     *
     * @throws IllegalStateException when a class loaded during the test could not be transformed
     */
    public void record(EvidenceStore store) {
        subject.names().forEach(name -> store.add("probe_subject", name));
        store.add("probe_classes", (long) Set.copyOf(transformed).size());
        MethodLedger.Summary summary = methods.summary();
        for (MethodLedger.MethodTotals method : summary.methods()) {
            if (method.calls > 0) {
                store.add("probe_call", method.method, method.calls, method.quantile(0.5), method.quantile(0.99), method.max);
                for (int b = 0; b < MethodLedger.BUCKETS; b++) {
                    if (method.buckets[b] > 0) {
                        store.add("probe_latency", method.method, b == 0 ? 0L : (1L << b) - 1, method.buckets[b]);
                    }
                }
            }
            method.thrown.forEach((type, count) -> store.add("probe_thrown", method.method, type, count));
        }
        summary.depths().forEach(depth -> store.add("probe_depth", depth.threadId(), depth.method(), (long) depth.depth()));
        summary.dropped().forEach((key, count) -> store.add("exception_dropped", key.get(0), key.get(1), key.get(2), count));
        resources.opened().forEach((key, count) -> store.add("resource_opened", key.get(0), key.get(1), count));
        resources.unclosed().forEach((key, count) -> store.add("resource_unclosed", key.get(0), key.get(1), count, key.get(2)));
        if (resources.untracked() > 0) {
            store.add("resource_untracked", resources.untracked());
        }
        for (ExecutorLedger.Pool pool : executors.pools()) {
            synchronized (pool) {
                store.add("executor_pool", pool.name, pool.createdAt);
                pool.queueMaxima.forEach(sample -> store.add("executor_queue", sample[0], pool.name, sample[1]));
                if (pool.rejected > 0) {
                    store.add("executor_rejected", pool.firstRejectedAt, pool.name, pool.rejected);
                }
            }
        }
        long failures = summary.hookFailures() + resources.failures() + executors.failures();
        if (failures > 0) {
            store.add("probe_hook_failures", failures);
        }
        failIfAnyError();
    }

    /** How many times the resource hook failed, resets included (for tests: {@link #record} reports it too). */
    long resourceHookFailures() {
        return resources.failures();
    }

    /**
     * Resets every transformation and withdraws the ledgers. Each step runs even when an earlier one
     * failed; the first failure is then thrown, later ones suppressed in it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Teardown teardown = new Teardown();
        ResettableClassFileTransformer installed = transformer;
        if (installed != null) {
            // The stressors' reset: on JDK 25 it also gives the classes back their original constant pool.
            teardown.run(() -> RetransformingHooks.reset(installed, instrumentation));
        }
        // Even where advice could not be removed, it finds no ledger and does nothing.
        teardown.run(() -> hook.withdraw(methods));
        teardown.run(() -> CatchHandlers.SLOT.withdraw(methods.catches()));
        teardown.run(() -> ResourceLedger.SLOT.withdraw(resources));
        teardown.run(() -> ExecutorLedger.SLOT.withdraw(executors));
        teardown.finish();
    }

    /** The transformer, for tests that check it is gone after {@link #close()}. */
    ResettableClassFileTransformer transformer() {
        return transformer;
    }
}
