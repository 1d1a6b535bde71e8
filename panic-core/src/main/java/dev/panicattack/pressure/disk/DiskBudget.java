package dev.panicattack.pressure.disk;

import dev.panicattack.constraint.Axis;
import dev.panicattack.internal.instrument.HookSlot;
import dev.panicattack.internal.instrument.RetransformingHooks;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
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
import dev.panicattack.internal.Teardown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Function;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;

/**
 * A disk budget for the subject's writes: files under the plan's scope directories may take
 * {@link DiskPlan#budgetBytes()} bytes, of which {@link DiskPlan#fillPercent()} counts as used at
 * start; a write that would go beyond fails with {@code IOException("No space left on device")}, as
 * a full disk fails it, and is not applied. Accepted writes and {@code FileChannel.force} calls
 * under the scope first wait {@link DiskPlan#writeLatency()}, and reads under the scope
 * {@link DiskPlan#readLatency()}. With an error rate, that share of the
 * subject's reads, writes and forces under the scope fail with {@code IOException("Input/output error")}
 * (drawn from the plan's seed, one draw per operation). The fill is virtual: this stressor writes
 * nothing to the real disk for it, so it can never fill it. With contention, a background writer
 * (see {@code DiskContention}) puts at most {@link DiskPlan#CONTENTION_MAX_BYTES_ON_DISK} real bytes
 * in a self-deleting file in the first scope directory, and stops if free space falls under the
 * safety margin.
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
    /** The message the JDK gives an {@code EIO} from the operating system. */
    static final String IO_ERROR_MESSAGE = "Input/output error";

    /** One refused write: when (milliseconds since start), to which file, how many bytes. */
    public record Refusal(long atMillis, String path, long bytes) {
        public Refusal {
            Objects.requireNonNull(path, "path");
        }
    }

    /** One failed I/O operation: when (milliseconds since start), on which file, which operation (read, write, force). */
    public record IoError(long atMillis, String path, String op) {
        public IoError {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(op, "op");
        }
    }

    private final DiskPlan plan;
    private final Ledger ledger;
    private final DiskContention contention;
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
        requireRoom(plan);
        this.ledger = new Ledger(plan);
        this.contention = plan.contentionBytesPerSecond() == 0 ? null
                : new DiskContention(plan.scope().get(0), plan.contentionBytesPerSecond(),
                        DiskPlan.CONTENTION_MAX_BYTES_ON_DISK, SAFETY_MARGIN_BYTES);
    }

    /**
     * Checks that {@code plan} can be applied safely: each scope directory exists and its file store
     * has room for every real byte the plan may cause ({@link DiskPlan#realBytesAtMost()}) beyond the
     * {@link #SAFETY_MARGIN_BYTES}. Called when a plan is resolved, so an unsafe plan is refused before
     * the test starts, and again when the budget is created.
     *
     * @throws IllegalArgumentException naming the directory, the value, the free space and the fix
     */
    public static void requireRoom(DiskPlan plan) {
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
            if (plan.realBytesAtMost() > usable - SAFETY_MARGIN_BYTES) {
                String what = "disk budget " + plan.budgetBytes() + " bytes (" + Figures.mebibytes(plan.budgetBytes()) + ")"
                        + (plan.contentionBytesPerSecond() > 0
                                ? " and the contention file's " + Figures.mebibytes(DiskPlan.CONTENTION_MAX_BYTES_ON_DISK)
                                : "");
                throw new IllegalArgumentException(what + " plus the safety margin of "
                        + Figures.mebibytes(SAFETY_MARGIN_BYTES) + " exceeds the free space of " + directory + " ("
                        + usable + " bytes, " + Figures.mebibytes(usable) + "); declare a smaller budget (at most "
                        + Figures.mebibytes(Math.max(0, usable - SAFETY_MARGIN_BYTES - (plan.realBytesAtMost() - plan.budgetBytes())))
                        + ") or free some space");
            }
        }
    }

    @Override
    public Axis axis() {
        return Axis.DISK;
    }

    /** Installs the write advice and publishes this budget's ledger. */
    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("disk budget already started; a budget is started at most once");
        }
        if (!DiskWriteAdvice.SLOT.publish(ledger)) {
            throw new IllegalStateException("another disk budget is active in this JVM; close it before starting"
                    + " a new one (tests under disk pressure do not run in parallel)");
        }
        startNanos = System.nanoTime();
        ledger.startNanos = startNanos;
        samples.add(sample());
        boolean reads = plan.errorRatePercent() > 0 || !plan.readLatency().isZero();
        try {
            if (reads) {
                DiskReadAdvice.SLOT.replace(ledger.readGate);
            }
            if (contention != null) {
                // Excluded before its first write: the library's own file is never the subject's.
                ledger.excluded = contention.createFile().toAbsolutePath().normalize();
            }
            instrumentation = RetransformingHooks.instrumentation();
            transformer = install(instrumentation, reads);
            if (contention != null) {
                contention.start();
            }
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("could not start the disk contention writer in "
                    + plan.scope().get(0), e);
            closeAfter(failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            closeAfter(e);
            throw e;
        }
    }

    /** Closes what a failed start installed; a failure to close is suppressed in the start's {@code failure}. */
    private void closeAfter(Throwable failure) {
        try {
            close();
        } catch (RuntimeException | Error suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    private static ResettableClassFileTransformer install(Instrumentation instrumentation, boolean reads) {
        RetransformingHooks hooks = new RetransformingHooks();
        AgentBuilder configured = hooks.builder()
                // The default ignore matcher silently skips JDK classes, which are exactly the targets.
                .ignore(none())
                // Reads are instrumented only when an error rate or a read latency needs them.
                .type(named("java.io.FileOutputStream").or(named("java.io.RandomAccessFile"))
                        .or(reads ? named("java.io.FileInputStream") : none()))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(DiskWriteAdvice.SLOT, DiskWriteAdvice.OneByte.class)
                                .on(isPublic().and(named("write")).and(takesArguments(int.class))))
                        .visit(advice(DiskWriteAdvice.SLOT, DiskWriteAdvice.WholeArray.class)
                                .on(isPublic().and(named("write")).and(takesArguments(byte[].class))))
                        .visit(advice(DiskWriteAdvice.SLOT, DiskWriteAdvice.ArrayRange.class).on(isPublic().and(named("write"))
                                .and(takesArguments(byte[].class, int.class, int.class))))
                        .visit(advice(DiskReadAdvice.SLOT, DiskReadAdvice.AnyRead.class).on(reads ? isPublic().and(named("read")) : none())))
                .type(named("sun.nio.ch.FileChannelImpl"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(advice(DiskWriteAdvice.SLOT, DiskWriteAdvice.OneBuffer.class).on(named("write")
                                .and(takesArguments(ByteBuffer.class).or(takesArguments(ByteBuffer.class, long.class)))))
                        .visit(advice(DiskWriteAdvice.SLOT, DiskWriteAdvice.BufferRange.class).on(named("write")
                                .and(takesArguments(ByteBuffer[].class, int.class, int.class))))
                        .visit(advice(DiskWriteAdvice.SLOT, DiskWriteAdvice.Force.class).on(named("force").and(takesArguments(boolean.class))))
                        .visit(advice(DiskReadAdvice.SLOT, DiskReadAdvice.AnyRead.class).on(reads ? isPublic().and(named("read")) : none())));
        return hooks.install(configured, instrumentation, 2, (transformed, errors) -> "could not instrument the JDK's"
                + " file writes for the disk budget (" + transformed + " classes transformed, " + errors
                + " errors); run on a JDK that allows agents (-XX:+EnableDynamicAgentLoading)");
    }

    private static Advice advice(HookSlot<?> slot, Class<?> enter) {
        return slot.advice().to(enter, DiskWriteAdvice.Exit.class);
    }

    /** The fill and the errors hold from the first instant; contention once its first chunk is on disk. */
    @Override
    public boolean awaitEstablished(Duration timeout) throws InterruptedException {
        return started.get() && (contention == null || contention.awaitFirstChunk(timeout));
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

    /** Reads delayed by the plan's read latency so far. */
    public long delayedReads() {
        return ledger.delayedReads.get();
    }

    /** Number of refused writes so far. */
    public long refusedWrites() {
        return ledger.refusedCount.get();
    }

    /** Reads, writes and forces in scope that drew from the error rate so far (0 without an error rate). */
    public long ioOperations() {
        return ledger.operations.get();
    }

    /** Reads, writes and forces failed with {@code Input/output error} so far. */
    public long ioErrors() {
        return ledger.errorCount.get();
    }

    /** The first {@value #MAX_REFUSALS_KEPT} failed operations, in order. */
    public List<IoError> errors() {
        return List.copyOf(ledger.errors);
    }

    /** Bytes the background contention writer has written so far (0 without contention). */
    public long contentionBytesWritten() {
        return contention == null ? 0 : contention.bytesWritten();
    }

    /** The contention writer's achieved rate from its start to its stop (or now), in bytes per second. */
    public double contentionBytesPerSecond() {
        return contention == null ? 0 : contention.achievedBytesPerSecond();
    }

    /** Whether the contention writer stopped early because free space fell under the safety margin. */
    public boolean contentionStoppedForSpace() {
        return contention != null && contention.stoppedForSpace();
    }

    /** The contention writer's file, deleted on close; empty without contention. */
    public Optional<Path> contentionFile() {
        return contention == null ? Optional.empty() : Optional.ofNullable(contention.file());
    }

    /** The main trace {@code disk}, then {@code disk-contention} (MiB/s, requested vs achieved) with contention. */
    @Override
    public List<PressureTrace> traces() {
        return contention == null ? List.of(trace()) : List.of(trace(), contention.trace());
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
        return new PressureTrace(Axis.DISK, "%disk", all);
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
        if (!plan.writeLatency().isZero()) {
            text += ", " + delayedWrites() + " writes delayed " + Figures.duration(plan.writeLatency());
        }
        if (!plan.readLatency().isZero()) {
            text += ", " + delayedReads() + " reads delayed " + Figures.duration(plan.readLatency());
        }
        if (plan.errorRatePercent() > 0) {
            long operations = ioOperations();
            text += ", I/O errors " + ioErrors() + " of " + operations + " operations ("
                    + Figures.percent(operations == 0 ? 0 : 100.0 * ioErrors() / operations) + ", requested "
                    + Figures.percent(plan.errorRatePercent()) + ", seed " + plan.errorSeed() + ")";
        }
        if (contention != null) {
            text += ", contention " + Figures.number(contention.achievedBytesPerSecond() / (1024.0 * 1024.0), 1)
                    + " of " + Figures.number(plan.contentionBytesPerSecond() / (1024.0 * 1024.0), 1) + " MiB/s ("
                    + Figures.mebibytes(contention.bytesWritten()) + " written"
                    + (contention.stoppedForSpace() ? ", stopped: free space under the safety margin" : "") + ")";
            for (String problem : contention.problems()) {
                text += ", " + problem;
            }
        }
        return text;
    }

    /**
     * {@code disk_budget(bytes, fill_pct)}, {@code disk_refused(t, path, bytes)} per kept refusal; with an
     * error rate {@code disk_error_rate(pct, seed, ops, errors)} and {@code disk_io_error(t, path, op)}
     * per kept error; with contention {@code disk_contention(requested_bps, written_bytes, achieved_bps)}.
     */
    @Override
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("disk_budget", plan.budgetBytes(), plan.fillPercent()));
        refusals().forEach(refusal -> facts.add(Fact.of("disk_refused", refusal.atMillis(), refusal.path(), refusal.bytes())));
        if (plan.errorRatePercent() > 0) {
            facts.add(Fact.of("disk_error_rate", plan.errorRatePercent(), plan.errorSeed(), ioOperations(), ioErrors()));
            errors().forEach(error -> facts.add(Fact.of("disk_io_error", error.atMillis(), error.path(), error.op())));
        }
        if (contention != null) {
            facts.add(Fact.of("disk_contention", plan.contentionBytesPerSecond(), contention.bytesWritten(),
                    Math.round(contention.achievedBytesPerSecond())));
        }
        return List.copyOf(facts);
    }

    /**
     * Stops the contention writer and deletes its file, removes the advice and withdraws the ledger.
     * Each step runs even when an earlier one failed; the first failure is then thrown, later ones
     * suppressed in it. Idempotent.
     */
    @Override
    public void close() {
        if (!started.get() || !closed.compareAndSet(false, true)) {
            return;
        }
        Teardown teardown = new Teardown();
        teardown.run(() -> samples.add(sample()));
        ResettableClassFileTransformer installed = transformer;
        if (contention != null) {
            teardown.run(contention::close);
        }
        if (installed != null) {
            teardown.run(() -> RetransformingHooks.reset(installed, instrumentation));
        }
        // Even if the advice could not be removed, it finds no ledger and lets every read and write through.
        teardown.run(() -> DiskWriteAdvice.SLOT.withdraw(ledger));
        teardown.run(() -> DiskReadAdvice.SLOT.withdraw(ledger.readGate));
        teardown.finish();
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
        private final AtomicLong delayedReads = new AtomicLong();
        private final long readLatencyNanos;
        private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();
        private final Map<String, Boolean> inScope = new ConcurrentHashMap<>();
        private final double errorRatePercent;
        private final long seed;
        private final AtomicLong operations = new AtomicLong();
        private final AtomicLong errorCount = new AtomicLong();
        private final ConcurrentLinkedQueue<IoError> errors = new ConcurrentLinkedQueue<>();
        private final Function<Object, Object> readGate = path -> fail((String) path, "read");
        private volatile long startNanos;
        /** The build's own directories inside the scope: never counted, refused, delayed or failed. */
        private final List<Path> buildTrees;
        /** The library's own contention file: never counted, refused, delayed or failed. */
        private volatile Path excluded;

        Ledger(DiskPlan plan) {
            this.budget = plan.budgetBytes();
            this.latencyNanos = plan.writeLatency().toNanos();
            this.readLatencyNanos = plan.readLatency().toNanos();
            this.used = new AtomicLong(plan.filledBytes());
            this.errorRatePercent = plan.errorRatePercent();
            this.seed = plan.errorSeed();
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
            this.buildTrees = buildTreesInside(scope);
        }

        /**
         * The build's own directories (the working directory and the class path) that lie inside the
         * scope: a project checked out under the temporary directory must still load its classes and
         * write its reports. A scope chosen inside the project stays in scope.
         */
        private static List<Path> buildTreesInside(List<Path> scope) {
            List<Path> trees = new ArrayList<>();
            List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)));
            entries.add(System.getProperty("user.dir", ""));
            for (String entry : entries) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    Path tree = Path.of(entry).toAbsolutePath().normalize();
                    boolean insideScope = scope.stream().anyMatch(directory -> tree.startsWith(directory) && !directory.startsWith(tree));
                    if (insideScope) {
                        trees.add(tree);
                    }
                } catch (InvalidPathException e) {
                    // not a path: nothing of the build to protect
                }
            }
            return List.copyOf(trees);
        }

        @Override
        public Object apply(Object path, Object bytes) {
            String file = (String) path;
            long size = (Long) bytes;
            if (!inScope.computeIfAbsent(file, this::isInScope)) {
                return null;
            }
            IOException failure = draw(file, size == 0 ? "force" : "write");
            if (failure != null) {
                return failure;
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

        /** The read gate: a read in scope draws from the error rate; a read let through waits the read latency. */
        private Object fail(String file, String op) {
            if (!inScope.computeIfAbsent(file, this::isInScope)) {
                return null;
            }
            IOException failure = draw(file, op);
            if (failure == null && readLatencyNanos > 0) {
                delayedReads.incrementAndGet();
                park(readLatencyNanos);
            }
            return failure;
        }

        /**
         * One draw per operation in scope: operation number {@code n} fails when the {@code n}-th value of
         * a SplitMix64 sequence from the seed, as a fraction of one, is below the rate. So a subject that
         * does its I/O in the same order fails at the same operations with the same seed.
         */
        private IOException draw(String file, String op) {
            if (errorRatePercent == 0) {
                return null;
            }
            long n = operations.getAndIncrement();
            double unit = (mix(seed + (n + 1) * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
            if (unit * 100 >= errorRatePercent) {
                return null;
            }
            if (errorCount.incrementAndGet() <= MAX_REFUSALS_KEPT) {
                errors.add(new IoError((System.nanoTime() - startNanos) / 1_000_000, file, op));
            }
            return new IOException(IO_ERROR_MESSAGE);
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Waits the write latency on the writing thread; an interrupt ends the wait and stays set for the subject. */
        private void delay() {
            if (latencyNanos == 0) {
                return;
            }
            delayed.incrementAndGet();
            park(latencyNanos);
        }

        /** Waits on the calling thread; an interrupt ends the wait and stays set for the subject. */
        private static void park(long nanos) {
            long deadline = System.nanoTime() + nanos;
            long left = nanos;
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
            if (path.get().equals(excluded) || buildTrees.stream().anyMatch(path.get()::startsWith)) {
                return false;
            }
            return scope.stream().anyMatch(path.get()::startsWith);
        }
    }
}
