package dev.panicattack.pressure.memory;

import dev.panicattack.constraint.Axis;
import dev.panicattack.evidence.MaxHeap;
import dev.panicattack.internal.instrument.LibraryThreads;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import dev.panicattack.internal.ThreadExit;

/**
 * Holds the JVM heap's live occupancy at a target percentage of the maximum heap with strongly
 * reachable ballast, closed loop, growing it as a leak would.
 *
 * <p>Maximum heap: {@code min(Runtime.maxMemory(), container memory limit)}. Target at {@code t}
 * seconds: {@code min(ceiling, base + leak * t)} percent ({@link HeapPlan#targetAt}). Every 100 ms
 * the {@code panic-heap-ballast} daemon thread estimates the subject's live heap, which is the heap
 * in use right after the most recent garbage collection (from {@code GcInfo}, any collector) minus
 * the ballast held at that collection, and sets the ballast to {@code target - subject live}, never
 * negative. Ballast pieces are {@code byte[128 KiB - 16]} (128 KiB with the array header), which
 * pack into G1 regions instead of going humongous.
 *
 * <p>Traces: {@code heap} (target and achieved live occupancy in percent of the maximum heap, per
 * 100 ms) and {@code heap-ballast} (wanted and held ballast in bytes). {@link #release()} drops all
 * ballast at once; if the ballast's own allocation fails with {@link OutOfMemoryError} it releases,
 * stops and reports {@link #yieldedToOutOfMemory()}. Semantics: {@code docs/heap-pressure.md}.
 *
 * <p>It does not start in a JVM that ends at its first {@link OutOfMemoryError}
 * ({@link OutOfMemoryActions#requireSurvivable()}).
 *
 * <p>Thread-safe. {@link #close()} releases the ballast and joins the thread before it returns.
 */
public final class HeapBallast implements Stressor {

    /** Bytes of one ballast array; with its 16-byte header it occupies exactly 128 KiB. */
    static final int PIECE_BYTES = 128 * 1024 - 16;
    /** Heap footprint of one ballast array: the ballast grows and shrinks by this step. */
    public static final long PIECE_FOOTPRINT = 128 * 1024;
    private static final long WINDOW_NANOS = 100_000_000L;
    /** Shrinking leaves garbage behind, so the ballast shrinks only past this many pieces of excess. */
    private static final long SHRINK_DEADBAND_PIECES = 2;

    /** The plan now; {@link #retarget} swaps it (with its own base and time origin) without dropping ballast. */
    private volatile Target target;
    private final long maxHeapBytes;
    private final IntFunction<byte[]> allocator;
    private final List<com.sun.management.GarbageCollectorMXBean> collectors;
    private final Set<String> heapPools;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guards pieces and ballastBytes between the ballast thread and release(). */
    private final Object ballastLock = new Object();
    private final List<byte[]> pieces = new ArrayList<>();
    private final Object samplesLock = new Object();
    private final List<PressureSample> samples = new ArrayList<>();
    private final List<PressureSample> ballastSamples = new ArrayList<>();
    /** Per collector: the collection count last noted and the ballast held at that collection. Guarded by ballastLock. */
    private final long[] observedCounts;
    private final long[] ballastAtObserved;

    private final CountDownLatch established = new CountDownLatch(1);
    private volatile long ballastBytes;
    private volatile boolean running;
    private volatile boolean released;
    /** Released while the test still ran (the subject hit OutOfMemoryError), not by close. */
    private volatile boolean releasedEarly;
    /** Filling the ballast can take long on a busy machine; the test waits for it, up to this. */
    private static final Duration ESTABLISH_LIMIT = Duration.ofSeconds(30);
    private volatile boolean yieldedToOutOfMemory;
    private volatile double basePercent = Double.NaN;
    private volatile long startNanos;
    private volatile Thread worker;
    /** Without an explicit heap size, the ballast is limited ({@link BallastLimit}); the summary says when it was. */
    private final BallastLimit limit;
    private volatile boolean limited;

    /** Ballast following {@code plan} against this JVM's maximum heap. */
    public HeapBallast(HeapPlan plan) {
        this(plan, MaxHeap.ofThisJvm(), size -> new byte[size], BallastLimit.ofThisJvm(MaxHeap.ofThisJvm()));
    }

    /**
     * Ballast against an explicit heap budget and allocator; tests use it to stay small and to
     * simulate the ballast's own {@link OutOfMemoryError} without endangering the JVM.
     */
    public HeapBallast(HeapPlan plan, long maxHeapBytes, IntFunction<byte[]> allocator) {
        this(plan, maxHeapBytes, allocator, BallastLimit.none());
    }

    HeapBallast(HeapPlan plan, long maxHeapBytes, IntFunction<byte[]> allocator, BallastLimit limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.target = new Target(Objects.requireNonNull(plan, "plan"), Double.NaN, 0);
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        if (maxHeapBytes <= 0) {
            throw new IllegalArgumentException("maxHeapBytes must be positive, but was " + maxHeapBytes);
        }
        this.maxHeapBytes = maxHeapBytes;
        this.collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(com.sun.management.GarbageCollectorMXBean.class::isInstance)
                .map(com.sun.management.GarbageCollectorMXBean.class::cast)
                .collect(Collectors.toUnmodifiableList());
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        this.observedCounts = collectionCounts();
        this.ballastAtObserved = new long[collectors.size()];
    }

    @Override
    public Axis axis() {
        return Axis.MEMORY;
    }

    /** The maximum heap, in bytes, that percentages refer to. */
    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    @Override
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("HeapBallast was closed before start(); create a new one");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("HeapBallast.start() was already called; a stressor starts once");
        }
        OutOfMemoryActions.requireSurvivable();
        startNanos = System.nanoTime();
        HeapPlan plan = target.plan();
        basePercent = plan.basePercent().isPresent()
                ? plan.basePercent().getAsDouble()
                : Math.min(plan.ceilingPercent(), 100.0 * subjectLiveBytes() / maxHeapBytes);
        target = new Target(plan, basePercent, startNanos);
        running = true;
        Thread thread = new Thread(this::hold, LibraryThreads.name("heap-ballast"));
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public boolean awaitEstablished(Duration timeout) throws InterruptedException {
        return established.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void hold() {
        long next = startNanos;
        while (running && !released) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            long now = System.nanoTime();
            Target current = target;
            double targetPercent = current.plan().targetAt(current.base(), (now - current.originNanos()) / 1e9);
            long unlimited = Math.max(0, (long) (targetPercent / 100.0 * maxHeapBytes) - subjectLiveBytes());
            long wanted = limit.apply(unlimited);
            limited |= wanted < unlimited;
            try {
                adjust(wanted);
            } catch (OutOfMemoryError e) {
                // The ballast gives way: the subject's heap matters more than ours. Recorded, not hidden.
                yieldedToOutOfMemory = true;
                release();
                record(now, targetPercent, wanted);
                established.countDown();
                return;
            }
            record(now, targetPercent, wanted);
            established.countDown();
            next = now + WINDOW_NANOS;
        }
    }

    private void adjust(long wanted) {
        while (running && !released && ballastBytes + PIECE_FOOTPRINT <= wanted) {
            long[] countsBefore = noteCollections();
            byte[] piece = allocator.apply(PIECE_BYTES);
            synchronized (ballastLock) {
                if (released) {
                    return;
                }
                // A collection that ran during this allocation saw the ballast as it was before this piece.
                noteCollectionsSince(countsBefore);
                pieces.add(piece);
                ballastBytes += PIECE_FOOTPRINT;
            }
        }
        if (ballastBytes - wanted > SHRINK_DEADBAND_PIECES * PIECE_FOOTPRINT) {
            noteCollections();
            synchronized (ballastLock) {
                while (!pieces.isEmpty() && ballastBytes - PIECE_FOOTPRINT >= wanted) {
                    pieces.remove(pieces.size() - 1);
                    ballastBytes -= PIECE_FOOTPRINT;
                }
            }
        }
    }

    /**
     * Before the ballast changes: every collection since the last note saw the current ballast.
     * Returns the counts now.
     */
    private long[] noteCollections() {
        synchronized (ballastLock) {
            return noteCollectionsSince(observedCounts);
        }
    }

    /** Records the current ballast for each collector whose count moved past {@code before}. Holds ballastLock. */
    private long[] noteCollectionsSince(long[] before) {
        long[] counts = collectionCounts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != before[i] || counts[i] != observedCounts[i]) {
                observedCounts[i] = counts[i];
                ballastAtObserved[i] = ballastBytes;
            }
        }
        return counts;
    }

    private long[] collectionCounts() {
        long[] counts = new long[collectors.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = collectors.get(i).getCollectionCount();
        }
        return counts;
    }

    /**
     * Heap used right after the most recent collection minus the ballast held then; before any
     * collection, the heap used now minus the ballast (an upper bound, garbage included).
     */
    private long subjectLiveBytes() {
        com.sun.management.GcInfo latest = null;
        int latestCollector = -1;
        for (int i = 0; i < collectors.size(); i++) {
            com.sun.management.GcInfo info = collectors.get(i).getLastGcInfo();
            if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
                latestCollector = i;
            }
        }
        long ballastNow = ballastBytes;
        if (latest == null) {
            return Math.max(0, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() - ballastNow);
        }
        long usedAfter = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                usedAfter += pool.getValue().getUsed();
            }
        }
        long ballastThen;
        synchronized (ballastLock) {
            // A collection newer than the last note happened while the ballast was unchanged: it saw the current one.
            ballastThen = observedCounts[latestCollector] == latest.getId()
                    ? ballastAtObserved[latestCollector]
                    : ballastBytes;
        }
        return Math.max(0, usedAfter - ballastThen);
    }

    private void record(long now, double targetPercent, long wanted) {
        long held = ballastBytes;
        double achieved = 100.0 * (subjectLiveBytes() + held) / maxHeapBytes;
        Duration at = Duration.ofNanos(now - startNanos);
        synchronized (samplesLock) {
            samples.add(new PressureSample(at, targetPercent, achieved));
            ballastSamples.add(new PressureSample(at, wanted, held));
        }
    }

    /** Bytes of ballast held right now (128 KiB per piece). */
    public long ballastBytes() {
        return ballastBytes;
    }

    /** The base occupancy in percent: the plan's, or the one measured at start; NaN before start. */
    public double basePercent() {
        return basePercent;
    }

    @Override
    public Duration establishLimit() {
        return ESTABLISH_LIMIT;
    }

    @Override
    public List<PressureTrace> traces() {
        return List.of(trace(), ballastTrace());
    }

    /** {@code heap target 70% achieved 69.8% (ballast up to 512 MiB)}, noting a release before the end. */
    @Override
    public String achieved(long establishedNanos) {
        PressureTrace trace = trace().after(Duration.ofNanos(Math.max(0, establishedNanos - startNanos)));
        // The most ballast held at any sample: after close the ballast itself is gone.
        long peak = Math.round(ballastTrace().samples().stream().mapToDouble(PressureSample::achieved).max()
                .orElse(ballastBytes));
        String text = "heap target " + Figures.percent(Figures.round1(trace.meanTarget())) + " achieved "
                + Figures.percent(Figures.round1(trace.meanAchieved())) + " (ballast up to " + Figures.mebibytes(peak) + (limited ? ", " + limit.note() : "") + ")";
        if (yieldedToOutOfMemory) {
            return text + " ballast yielded to OutOfMemoryError";
        }
        return releasedEarly ? text + " ballast released" : text;
    }

    /** True when the ballast's own allocation hit {@link OutOfMemoryError} and it gave way. */
    public boolean yieldedToOutOfMemory() {
        return yieldedToOutOfMemory;
    }

    /** True once the ballast was released, by {@link #release()}, by yielding to OOM, or by close. */
    public boolean isReleased() {
        return released;
    }

    /**
     * Drops all ballast at once and stops growing it: for when the subject hits
     * {@link OutOfMemoryError}. Runs a {@code System.gc()} so the memory is free when this returns.
     * Idempotent.
     */
    public void release() {
        established.countDown();
        boolean held;
        synchronized (ballastLock) {
            if (released) {
                return;
            }
            released = true;
            releasedEarly = !closed.get();
            held = !pieces.isEmpty();
            pieces.clear();
            ballastBytes = 0;
        }
        LockSupport.unpark(worker);
        if (!held) {
            return;
        }
        // clear() alone leaves the ballast for the collector to find (~0.5 s on G1); an explicit GC frees it in ms.
        System.gc();
    }

    /**
     * Follows {@code next} from now on, keeping the ballast already held: the ballast grows or
     * shrinks from what it holds to the new target instead of being dropped and refilled. The
     * new plan's time origin is now, and it must declare its base. For pressure changed in code
     * ({@code PressureControl}).
     */
    public void retarget(HeapPlan next) {
        Objects.requireNonNull(next, "next");
        if (next.basePercent().isEmpty()) {
            throw new IllegalArgumentException("HeapBallast.retarget needs a plan with a declared base, but was " + next.describe());
        }
        target = new Target(next, next.basePercent().getAsDouble(), System.nanoTime());
    }

    /** The target occupancy in percent right now, as the ballast aims for it; NaN before start. */
    public double targetPercentNow() {
        Target current = target;
        if (Double.isNaN(current.base())) {
            return Double.NaN;
        }
        return current.plan().targetAt(current.base(), (System.nanoTime() - current.originNanos()) / 1e9);
    }

    /** The plan being followed, its base in percent and the {@link System#nanoTime()} its time counts from. */
    private record Target(HeapPlan plan, double base, long originNanos) {
    }

    /** The {@link System#nanoTime()} reading at start: samples' times count from it. */
    public long startedAtNanos() {
        return startNanos;
    }

    @Override
    public PressureTrace trace() {
        synchronized (samplesLock) {
            return new PressureTrace(Axis.MEMORY, "%heap", samples);
        }
    }

    /** Wanted (target column) and held (achieved column) ballast per window, in bytes. */
    public PressureTrace ballastTrace() {
        synchronized (samplesLock) {
            return new PressureTrace(Axis.MEMORY, "heap-ballast", "bytes", ballastSamples);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        Thread thread = worker;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        release();
        if (thread == null) {
            return;
        }
        ThreadExit.awaitAll(List.of(thread));
    }
}
