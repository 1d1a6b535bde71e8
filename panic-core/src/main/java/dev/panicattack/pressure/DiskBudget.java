package dev.panicattack.pressure;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import dev.panicattack.evidence.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * A disk budget for the subject's writes: files under the plan's scope directories may take
 * {@link DiskPlan#budgetBytes()} bytes, of which {@link DiskPlan#fillPercent()} counts as used at
 * start; a write that would go beyond fails with {@code IOException("No space left on device")}, as
 * a full disk fails it, and is not applied. Accepted writes and {@code FileChannel.force} calls
 * under the scope first wait {@link DiskPlan#writeLatency()}. The fill is virtual: this stressor writes nothing to the
 * real disk, so it can never fill it.
 *
 * <p>Writes are seen through advice on {@code FileOutputStream.write}, {@code RandomAccessFile}'s
 * writes and {@code sun.nio.ch.FileChannelImpl.write}, installed with a Java agent on
 * {@link #start()} and removed again on {@link #close()}. Writes to streams without a path (standard
 * output, Surefire's channel) and to paths outside the scope are never touched. One budget at a time
 * per JVM. Semantics: {@code docs/disk-pressure.md}.
 */
public final class DiskBudget implements Stressor {

    /** Free space that must remain on each scope directory's file store beyond the budget: 256 MiB. */
    public static final long SAFETY_MARGIN_BYTES = 256L * 1024 * 1024;
    /** Refusals kept with their path; the count covers all of them. */
    static final int MAX_REFUSALS_KEPT = 1000;
    static final String NO_SPACE_MESSAGE = "No space left on device";

    /** One refused write: when (milliseconds since start), to which file, how many bytes. */
    public record Refusal(long atMillis, String path, long bytes) {
        public Refusal {
            Objects.requireNonNull(path, "path");
        }
    }

    private final DiskPlan plan;
    private final Ledger ledger;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<PressureSample> samples = new CopyOnWriteArrayList<>();
    private volatile long startNanos;
    private volatile Instrumentation instrumentation;
    private volatile ResettableClassFileTransformer transformer;

    /**
     * Creates the budget and checks it is safe: each scope directory must exist and its file store
     * must have the budget plus {@link #SAFETY_MARGIN_BYTES} free.
     *
     * @throws IllegalArgumentException when a scope directory is missing or the budget does not fit
     */
    public DiskBudget(DiskPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        for (Path directory : plan.scope()) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("disk scope directory " + directory
                        + " does not exist or is not a directory; create it or name another directory");
            }
            long usable;
            try {
                usable = Files.getFileStore(directory).getUsableSpace();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the free space of the file store of disk scope directory "
                        + directory, e);
            }
            if (plan.budgetBytes() > usable - SAFETY_MARGIN_BYTES) {
                throw new IllegalArgumentException("disk budget " + plan.budgetBytes() + " bytes ("
                        + Figures.mebibytes(plan.budgetBytes()) + ") plus the safety margin of "
                        + Figures.mebibytes(SAFETY_MARGIN_BYTES) + " exceeds the free space of " + directory + " ("
                        + Figures.mebibytes(usable) + "); declare a smaller budget or free some space");
            }
        }
        this.ledger = new Ledger(plan);
    }

    @Override
    public String axis() {
        return "disk";
    }

    /** Installs the write advice and publishes this budget's ledger. */
    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("disk budget already started; a budget is started at most once");
        }
        Object previous = System.getProperties().putIfAbsent(DiskWriteAdvice.HOOK_PROPERTY, ledger);
        if (previous != null) {
            throw new IllegalStateException("another disk budget is active in this JVM; close it before starting"
                    + " a new one (tests under disk pressure do not run in parallel)");
        }
        startNanos = System.nanoTime();
        ledger.startNanos = startNanos;
        samples.add(sample());
        try {
            // install() returns the agent already installed in this JVM, if any: once per JVM.
            instrumentation = ByteBuddyAgent.install();
            transformer = install(instrumentation);
        } catch (RuntimeException | Error e) {
            System.getProperties().remove(DiskWriteAdvice.HOOK_PROPERTY, ledger);
            throw e;
        }
    }

    private static ResettableClassFileTransformer install(Instrumentation instrumentation) {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicInteger transformed = new AtomicInteger();
        ResettableClassFileTransformer transformer = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                // The default ignore matcher silently skips JDK classes, which are exactly the targets.
                .ignore(none())
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
                })
                .type(named("java.io.FileOutputStream").or(named("java.io.RandomAccessFile")))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(DiskWriteAdvice.OneByte.class)
                                .on(isPublic().and(named("write")).and(takesArguments(int.class))))
                        .visit(advice(DiskWriteAdvice.WholeArray.class)
                                .on(isPublic().and(named("write")).and(takesArguments(byte[].class))))
                        .visit(advice(DiskWriteAdvice.ArrayRange.class).on(isPublic().and(named("write"))
                                .and(takesArguments(byte[].class, int.class, int.class)))))
                .type(named("sun.nio.ch.FileChannelImpl"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(DiskWriteAdvice.OneBuffer.class).on(named("write")
                                .and(takesArguments(ByteBuffer.class).or(takesArguments(ByteBuffer.class, long.class)))))
                        .visit(advice(DiskWriteAdvice.BufferRange.class).on(named("write")
                                .and(takesArguments(ByteBuffer[].class, int.class, int.class))))
                        .visit(advice(DiskWriteAdvice.Force.class).on(named("force").and(takesArguments(boolean.class)))))
                .installOn(instrumentation);
        if (!errors.isEmpty() || transformed.get() < 2) {
            IllegalStateException failure = new IllegalStateException("could not instrument the JDK's file writes"
                    + " for the disk budget (" + transformed.get() + " classes transformed, " + errors.size()
                    + " errors); run on a JDK that allows agents (-XX:+EnableDynamicAgentLoading)");
            errors.forEach(failure::addSuppressed);
            transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            throw failure;
        }
        return transformer;
    }

    private static Advice advice(Class<?> enter) {
        return Advice.to(enter, DiskWriteAdvice.Exit.class);
    }

    @Override
    public boolean awaitEstablished(Duration timeout) {
        // The fill is virtual: it holds from the first instant.
        return started.get();
    }

    /** The plan this budget applies. */
    public DiskPlan plan() {
        return plan;
    }

    /** Bytes counted as used now: the fill plus every accepted write in scope. */
    public long usedBytes() {
        return ledger.used.get();
    }

    /** Writes and forces delayed by the plan's write latency so far. */
    public long delayedWrites() {
        return ledger.delayed.get();
    }

    /** Number of refused writes so far. */
    public long refusedWrites() {
        return ledger.refusedCount.get();
    }

    /** The first {@value #MAX_REFUSALS_KEPT} refused writes, in order. */
    public List<Refusal> refusals() {
        return List.copyOf(ledger.refusals);
    }

    /** Target is the fill, achieved the share of the budget used, both in percent of the budget. */
    @Override
    public PressureTrace trace() {
        List<PressureSample> all = new ArrayList<>(samples);
        if (!closed.get() && started.get()) {
            all.add(sample());
        }
        return new PressureTrace("disk", "%disk", all);
    }

    private PressureSample sample() {
        return new PressureSample(Duration.ofNanos(System.nanoTime() - startNanos), plan.fillPercent(),
                100.0 * ledger.used.get() / plan.budgetBytes());
    }

    /** {@code disk fill 90% of 64 MiB, used up to 97.3%, 1 writes refused} (and delayed writes when latency is set). */
    @Override
    public String achieved(long establishedNanos) {
        double usedUpTo = trace().samples().stream().mapToDouble(PressureSample::achieved).max().orElse(plan.fillPercent());
        String text = "disk fill " + Figures.percent(plan.fillPercent()) + " of " + Figures.mebibytes(plan.budgetBytes())
                + ", used up to " + Figures.percent(Figures.round1(usedUpTo)) + ", " + refusedWrites() + " writes refused";
        return plan.writeLatency().isZero() ? text
                : text + ", " + delayedWrites() + " writes delayed " + Figures.duration(plan.writeLatency());
    }

    /** {@code disk_budget(bytes, fill_pct)} and {@code disk_refused(t, path, bytes)} per kept refusal. */
    @Override
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("disk_budget", plan.budgetBytes(), plan.fillPercent()));
        refusals().forEach(refusal -> facts.add(Fact.of("disk_refused", refusal.atMillis(), refusal.path(), refusal.bytes())));
        return List.copyOf(facts);
    }

    /** Removes the advice and withdraws the ledger. Idempotent; never throws. */
    @Override
    public void close() {
        if (!started.get() || !closed.compareAndSet(false, true)) {
            return;
        }
        samples.add(sample());
        ResettableClassFileTransformer installed = transformer;
        try {
            if (installed != null) {
                installed.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            }
        } finally {
            // Even if the advice could not be removed, it finds no ledger and lets every write through.
            System.getProperties().remove(DiskWriteAdvice.HOOK_PROPERTY, ledger);
        }
    }

    /**
     * The accounting the advice calls: {@code apply(path, bytes)} returns {@code null} to let a write
     * through, or the {@link IOException} it must fail with. It must never write a file itself.
     */
    private static final class Ledger implements BiFunction<Object, Object, Object> {
        private final long budget;
        private final List<Path> scope;
        private final AtomicLong used;
        private final AtomicLong refusedCount = new AtomicLong();
        private final AtomicLong delayed = new AtomicLong();
        private final long latencyNanos;
        private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();
        private final Map<String, Boolean> inScope = new ConcurrentHashMap<>();
        private volatile long startNanos;

        Ledger(DiskPlan plan) {
            this.budget = plan.budgetBytes();
            this.latencyNanos = plan.writeLatency().toNanos();
            this.used = new AtomicLong(plan.filledBytes());
            List<Path> directories = new ArrayList<>(plan.scope());
            for (Path directory : plan.scope()) {
                // Both spellings: /tmp may be a link, and the subject may use either.
                try {
                    directories.add(directory.toRealPath());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot resolve disk scope directory " + directory, e);
                }
            }
            this.scope = List.copyOf(directories);
        }

        @Override
        public Object apply(Object path, Object bytes) {
            String file = (String) path;
            long size = (Long) bytes;
            if (!inScope.computeIfAbsent(file, this::isInScope)) {
                return null;
            }
            if (size == 0) {
                delay();
                return null;
            }
            long now;
            do {
                now = used.get();
                if (now + size > budget) {
                    refuse(file, size);
                    return new IOException(NO_SPACE_MESSAGE);
                }
            } while (!used.compareAndSet(now, now + size));
            delay();
            return null;
        }

        /** Waits the write latency on the writing thread; an interrupt ends the wait and stays set for the subject. */
        private void delay() {
            if (latencyNanos == 0) {
                return;
            }
            delayed.incrementAndGet();
            long deadline = System.nanoTime() + latencyNanos;
            long left = latencyNanos;
            while (left > 0 && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(left);
                left = deadline - System.nanoTime();
            }
        }

        private void refuse(String file, long size) {
            if (refusedCount.incrementAndGet() <= MAX_REFUSALS_KEPT) {
                refusals.add(new Refusal((System.nanoTime() - startNanos) / 1_000_000, file, size));
            }
        }

        private boolean isInScope(String file) {
            Optional<Path> path;
            try {
                path = Optional.of(Path.of(file).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                return false;
            }
            // The Flight Recorder keeps its repository in the temporary directory: its files are the library's, not the subject's.
            String repository = System.getProperty("jdk.jfr.repository");
            if (repository != null && path.get().startsWith(Path.of(repository).toAbsolutePath().normalize())) {
                return false;
            }
            return scope.stream().anyMatch(path.get()::startsWith);
        }
    }
}
