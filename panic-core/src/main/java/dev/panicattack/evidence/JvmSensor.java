package dev.panicattack.evidence;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Samples the JVM through its MXBeans: heap and memory pools, garbage collectors, thread counts,
 * class loading, and per thread its state, CPU time, top stack frames and lock relations
 * (blocked on, waiting on, owns, deadlocked). Facts are written into the {@link EvidenceStore}
 * given to {@link #start(EvidenceStore)}; their vocabulary is in {@code docs/facts.md}.
 *
 * <p>A daemon thread named {@value #THREAD_NAME} (or the run's {@link Heartbeat}, see
 * {@link Builder#heartbeat}) samples every {@link Builder#samplePeriod
 * sample period} (default {@value #DEFAULT_PERIOD_MILLIS} ms), the first time at once;
 * {@link #observeNow()} takes one more sample in the caller's thread. Samples never interleave.
 *
 * <p>Threads whose name starts with {@value #OWN_THREAD_PREFIX} belong to this library; by
 * default they get no per-thread facts (they still count in {@code threads_live}).
 *
 * <p>Which synchronizers ({@code ReentrantLock} and other ownable synchronizers) a thread holds is
 * only known to the JVM by walking the whole heap at a safepoint (40 ms with a 600 MB heap on
 * JDK 17 and 25). So by default {@code thread_owns} names a synchronizer only when some thread
 * waits for it (the waiter's lock info names the owner for free), and always names every monitor
 * held. {@link Builder#allLockedSynchronizers(boolean)} asks for the heap walk on every sample.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and never throws.
 */
public final class JvmSensor implements Sensor {

    /** The sampler thread's name. */
    public static final String THREAD_NAME = "panic-sensor-jvm";
    /** Name prefix of this library's own threads. */
    public static final String OWN_THREAD_PREFIX = "panic-";
    /** Default sample period in milliseconds. */
    public static final long DEFAULT_PERIOD_MILLIS = 100;
    /**
     * Default number of top stack frames recorded per thread: deep enough to reach the program's call
     * under a blocking socket read, nine JDK frames deep on JDK 25.
     */
    public static final int DEFAULT_STACK_FRAMES = 12;

    private static final Duration MIN_PERIOD = Duration.ofMillis(1);
    private static final Duration MAX_PERIOD = Duration.ofMinutes(1);
    private static final int MAX_STACK_FRAMES = 1024;
    /** Bounds the frame text cache; past it frames are formatted afresh each time. */
    private static final int MAX_CACHED_FRAMES = 50_000;

    private final Duration samplePeriod;
    private final boolean sampleAtStart;
    private final int stackFrames;
    private final boolean includeOwnThreads;
    private final boolean allLockedSynchronizers;
    private final LongSupplier ballastBytes;
    private final Optional<Heartbeat> heartbeat;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    // Guarded by this: samples from the sampler thread and observeNow() never interleave.
    private final Set<Long> threadsSeen = new HashSet<>();
    private final Set<String> collectorsSeen = new HashSet<>();
    private final Set<String> heapPoolsSeen = new HashSet<>();
    private final Map<StackTraceElement, String> frameText = new HashMap<>();
    private EvidenceStore store;
    // Volatile so that reading it never waits for a sample in progress.
    private volatile PeriodicSampler sampler;
    private boolean closed;

    private final Set<String> heapPoolNames = pools.stream()
            .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private JvmSensor(Builder builder) {
        this.samplePeriod = builder.samplePeriod;
        this.sampleAtStart = builder.sampleAtStart;
        this.stackFrames = builder.stackFrames;
        this.includeOwnThreads = builder.includeOwnThreads;
        this.allLockedSynchronizers = builder.allLockedSynchronizers;
        this.ballastBytes = builder.ballastBytes;
        this.heartbeat = builder.heartbeat;
    }

    /** A sensor with every default: 100 ms, 12 frames, own threads excluded, no ballast. */
    public static JvmSensor ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    @Override
    public String name() {
        return "jvm";
    }

    /** The sample period of the background sampler. */
    public Duration samplePeriod() {
        return samplePeriod;
    }

    /**
     * Starts the sampler thread, which samples at once (or one period in, see
     * {@link Builder#sampleAtStart}) and then every period.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public synchronized void start(EvidenceStore store) {
        Objects.requireNonNull(store, "store");
        if (closed) {
            throw new IllegalStateException("JvmSensor was closed and cannot start again: create a new one");
        }
        if (this.store != null) {
            throw new IllegalStateException("JvmSensor was already started: start it once per store");
        }
        this.store = store;
        maxHeapSize().ifPresent(bytes -> store.add("max_heap_size", bytes));
        this.sampler = new PeriodicSampler(THREAD_NAME, heartbeat, sampleAtStart ? Duration.ZERO : samplePeriod,
                samplePeriod, name(), store, this::sample);
        sampler.start();
    }

    /**
     * Takes one sample now in the caller's thread. Works after {@link #close()} too, so a failure
     * can still be observed once the sampler has stopped.
     *
     * @throws IllegalStateException when not started
     */
    @Override
    public void observeNow() {
        sample();
    }

    @Override
    public void close() {
        PeriodicSampler running;
        synchronized (this) {
            closed = true;
            running = sampler;
        }
        // Outside the lock: the sampler may be waiting for it to finish a sample.
        if (running != null) {
            running.close();
        }
    }

    /**
     * The {@code MaxHeapSize} option ({@code -Xmx}), which generation sizes are shares of; the heap's
     * reported maximum leaves a survivor space out under Parallel and Serial.
     */
    private static OptionalLong maxHeapSize() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(hotSpot.getVMOption("MaxHeapSize").getValue()));
        } catch (IllegalArgumentException unknown) {
            return OptionalLong.empty();
        }
    }

    /** The sampler thread, or null before start. Package-private for tests. */
    Thread samplerThread() {
        PeriodicSampler current = sampler;
        return current == null ? null : current.thread();
    }

    synchronized void sample() {
        if (store == null) {
            throw new IllegalStateException("JvmSensor.observeNow() needs start(store) first");
        }
        long t = store.elapsedMillis();
        sampleMemory(t);
        sampleCollectors(t);
        sampleCounts(t);
        sampleThreads(t);
    }

    private void sampleMemory(long t) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        store.add("heap_used", t, heap.getUsed());
        store.add("heap_committed", t, heap.getCommitted());
        if (heap.getMax() >= 0) {
            store.add("heap_max", t, heap.getMax());
        }
        if (ballastBytes != null) {
            long ballast = ballastBytes.getAsLong();
            store.add("ballast_bytes", t, ballast);
            // The two readings are not atomic: clamp so a racing reading never shows negative use.
            store.add("subject_heap_used", t, Math.max(0L, heap.getUsed() - ballast));
        }
        for (MemoryPoolMXBean pool : pools) {
            if (!pool.isValid()) {
                continue;
            }
            MemoryUsage usage = pool.getUsage();
            if (usage != null) {
                store.add("pool_used", t, pool.getName(), usage.getUsed());
                // How much of the heap each generation may take: what a live set must fit in.
                if (usage.getMax() >= 0 && heapPoolNames.contains(pool.getName()) && heapPoolsSeen.add(pool.getName())) {
                    store.add("heap_pool_max", pool.getName(), usage.getMax());
                }
            }
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null) {
                store.add("pool_after_gc", t, pool.getName(), afterGc.getUsed());
            }
        }
    }

    private void sampleCollectors(long t) {
        for (GarbageCollectorMXBean collector : collectors) {
            String name = collector.getName();
            long count = collector.getCollectionCount();
            if (count >= 0) {
                store.add("gc_count", t, name, count);
            }
            long time = collector.getCollectionTime();
            if (time >= 0) {
                store.add("gc_time", t, name, time);
            }
            recordLastCollection(t, collector);
            if (collectorsSeen.add(name)) {
                String kind = collectorKind(name);
                if (kind != null) {
                    store.add(kind, name);
                }
            }
        }
    }

    /**
     * {@code gc_after(t, collector, gc_id, bytes)}: the heap used right after this collector's most
     * recent collection, over all heap pools. Unlike a pool's collection usage, which G1 updates for
     * its old generation only on old collections, this moves with every young collection too.
     */
    private void recordLastCollection(long t, GarbageCollectorMXBean collector) {
        if (!(collector instanceof com.sun.management.GarbageCollectorMXBean detailed)) {
            return;
        }
        com.sun.management.GcInfo last = detailed.getLastGcInfo();
        if (last == null) {
            return;
        }
        long after = 0;
        for (Map.Entry<String, java.lang.management.MemoryUsage> pool : last.getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        store.add("gc_after", t, collector.getName(), last.getId(), after);
    }

    private void sampleCounts(long t) {
        store.add("threads_live", t, threads.getThreadCount());
        store.add("threads_peak", t, threads.getPeakThreadCount());
        store.add("threads_started", t, threads.getTotalStartedThreadCount());
        store.add("threads_daemon", t, threads.getDaemonThreadCount());
        store.add("classes_loaded", t, classes.getLoadedClassCount());
        store.add("classes_unloaded", t, classes.getUnloadedClassCount());
    }

    private void sampleThreads(long t) {
        ThreadInfo[] dump = threads.dumpAllThreads(true, allLockedSynchronizers);
        List<ThreadInfo> included = new ArrayList<>(dump.length);
        for (ThreadInfo info : dump) {
            if (info != null && (includeOwnThreads || !info.getThreadName().startsWith(OWN_THREAD_PREFIX))) {
                included.add(info);
            }
        }
        Map<Long, Set<String>> owned = new LinkedHashMap<>();
        for (ThreadInfo info : included) {
            long tid = info.getThreadId();
            if (threadsSeen.add(tid)) {
                store.add("thread", tid, info.getThreadName(), Boolean.toString(info.isDaemon()));
            }
            StackTraceElement[] stack = info.getStackTrace();
            store.add("thread_state", t, tid, stateName(info, stack));
            store.add("thread_stack_depth", t, tid, stack.length);
            for (int depth = 0; depth < Math.min(stackFrames, stack.length); depth++) {
                store.add("thread_frame", t, tid, depth, frame(stack[depth]));
            }
            sampleLockWait(t, info, owned);
            for (MonitorInfo monitor : info.getLockedMonitors()) {
                owned.computeIfAbsent(tid, id -> new LinkedHashSet<>()).add(lockName(monitor));
            }
            for (LockInfo synchronizer : info.getLockedSynchronizers()) {
                owned.computeIfAbsent(tid, id -> new LinkedHashSet<>()).add(lockName(synchronizer));
            }
        }
        Set<Long> includedIds = new HashSet<>();
        for (ThreadInfo info : included) {
            includedIds.add(info.getThreadId());
        }
        owned.forEach((tid, locks) -> {
            if (includedIds.contains(tid)) {
                for (String lock : locks) {
                    store.add("thread_owns", t, tid, lock);
                }
            }
        });
        sampleCpu(t, included);
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked != null) {
            for (long tid : deadlocked) {
                if (includedIds.contains(tid)) {
                    store.add("deadlocked", t, tid);
                }
            }
        }
    }

    private void sampleLockWait(long t, ThreadInfo info, Map<Long, Set<String>> owned) {
        LockInfo lock = info.getLockInfo();
        Thread.State state = info.getThreadState();
        if (lock == null) {
            return;
        }
        long tid = info.getThreadId();
        String lockName = lockName(lock);
        long owner = info.getLockOwnerId();
        if (owner != -1) {
            store.add("thread_blocked_on", t, tid, lockName, owner);
            // The waiter's lock info names the owner: no heap walk needed to know it.
            owned.computeIfAbsent(owner, id -> new LinkedHashSet<>()).add(lockName);
        } else if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            store.add("thread_waiting_on", t, tid, lockName);
        }
        // BLOCKED with no owner is the instant between a release and the next acquire: nothing to say.
    }

    private void sampleCpu(long t, List<ThreadInfo> included) {
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return;
        }
        long[] ids = new long[included.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = included.get(i).getThreadId();
        }
        long[] cpu;
        if (threads instanceof com.sun.management.ThreadMXBean bulk) {
            cpu = bulk.getThreadCpuTime(ids);
        } else {
            cpu = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                cpu[i] = threads.getThreadCpuTime(ids[i]);
            }
        }
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0) {
                store.add("thread_cpu", t, ids[i], cpu[i]);
            }
        }
    }

    private static String stateName(ThreadInfo info, StackTraceElement[] stack) {
        Thread.State state = info.getThreadState();
        if (state == Thread.State.TIMED_WAITING && stack.length > 0
                && stack[0].getClassName().equals("java.lang.Thread")
                && stack[0].getMethodName().startsWith("sleep")) {
            return "SLEEPING";
        }
        return state.name();
    }

    /** {@code ClassName@hex}: the same lock reads the same from every thread in one sample. */
    static String lockName(LockInfo lock) {
        return lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    private String frame(StackTraceElement element) {
        String text = frameText.get(element);
        if (text == null) {
            text = frameText(element);
            if (frameText.size() < MAX_CACHED_FRAMES) {
                frameText.put(element, text);
            }
        }
        return text;
    }

    /** {@code pkg.Class.method(File.java:123)}, without the module and loader prefixes of toString. */
    static String frameText(StackTraceElement element) {
        StringBuilder text = new StringBuilder(element.getClassName()).append('.')
                .append(element.getMethodName()).append('(');
        if (element.isNativeMethod()) {
            text.append("Native Method");
        } else if (element.getFileName() == null) {
            text.append("Unknown Source");
        } else {
            text.append(element.getFileName());
            if (element.getLineNumber() >= 0) {
                text.append(':').append(element.getLineNumber());
            }
        }
        return text.append(')').toString();
    }

    /**
     * The kind predicate of a collector, by what it collects. {@code gc_old}: the old generation
     * or the whole heap (for G1 only its full collections; every cycle of single-generation ZGC
     * and Shenandoah, which covers the whole heap; generational ZGC's Major collections).
     * {@code gc_young}: young collections. {@code gc_concurrent}: G1's concurrent old-generation
     * cycle, which is neither a full nor a young collection. Null for names not known here.
     */
    static String collectorKind(String collector) {
        return switch (collector) {
            case "G1 Young Generation", "PS Scavenge", "Copy", "ParNew",
                    "ZGC Minor Cycles", "ZGC Minor Pauses" -> "gc_young";
            case "G1 Old Generation", "PS MarkSweep", "MarkSweepCompact", "ConcurrentMarkSweep",
                    "ZGC Major Cycles", "ZGC Major Pauses", "ZGC Cycles", "ZGC Pauses",
                    "Shenandoah Cycles", "Shenandoah Pauses" -> "gc_old";
            case "G1 Concurrent GC" -> "gc_concurrent";
            default -> null;
        };
    }

    /** Validating builder; every setter checks its value at once. */
    public static final class Builder {

        private Duration samplePeriod = Duration.ofMillis(DEFAULT_PERIOD_MILLIS);
        private boolean sampleAtStart = true;
        private int stackFrames = DEFAULT_STACK_FRAMES;
        private boolean includeOwnThreads;
        private boolean allLockedSynchronizers;
        private LongSupplier ballastBytes;
        private Optional<Heartbeat> heartbeat = Optional.empty();

        private Builder() {
        }

        /** Time between background samples: 1 ms to 1 min, default 100 ms. */
        public Builder samplePeriod(Duration period) {
            Objects.requireNonNull(period, "samplePeriod");
            if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
                throw new IllegalArgumentException("JvmSensor samplePeriod must be between "
                        + MIN_PERIOD.toMillis() + " ms and " + MAX_PERIOD.toMillis() + " ms, but was "
                        + period.toMillis() + " ms: pass a period in that range (default "
                        + DEFAULT_PERIOD_MILLIS + " ms)");
            }
            this.samplePeriod = period;
            return this;
        }

        /**
         * Whether the first sample is taken at start (the default) or one period later. Later costs
         * nothing for work shorter than a period, whose evidence then comes from {@link #observeNow()}.
         */
        public Builder sampleAtStart(boolean atStart) {
            this.sampleAtStart = atStart;
            return this;
        }

        /** Top stack frames recorded per thread: 0 to 1024, default 8. */
        public Builder stackFrames(int frames) {
            if (frames < 0 || frames > MAX_STACK_FRAMES) {
                throw new IllegalArgumentException("JvmSensor stackFrames must be between 0 and "
                        + MAX_STACK_FRAMES + ", but was " + frames + ": pass a count in that range (default "
                        + DEFAULT_STACK_FRAMES + ")");
            }
            this.stackFrames = frames;
            return this;
        }

        /** Whether threads named {@code panic-*} get per-thread facts; default false. */
        public Builder includeOwnThreads(boolean include) {
            this.includeOwnThreads = include;
            return this;
        }

        /**
         * Whether every sample lists every synchronizer each thread holds, at the cost of a heap
         * walk per sample; default false (see the class comment).
         */
        public Builder allLockedSynchronizers(boolean all) {
            this.allLockedSynchronizers = all;
            return this;
        }

        /**
         * The library's heap ballast in bytes, read at each sample, so that {@code ballast_bytes}
         * and {@code subject_heap_used} are recorded; default none.
         */
        public Builder ballastBytes(LongSupplier ballast) {
            this.ballastBytes = Objects.requireNonNull(ballast, "ballastBytes");
            return this;
        }

        /**
         * Samples on {@code shared} (the run's heartbeat, which many sensors share) instead of a
         * thread of the sensor's own named {@value JvmSensor#THREAD_NAME}.
         */
        public Builder heartbeat(Heartbeat shared) {
            this.heartbeat = Optional.of(Objects.requireNonNull(shared, "heartbeat"));
            return this;
        }

        public JvmSensor build() {
            return new JvmSensor(this);
        }
    }
}
