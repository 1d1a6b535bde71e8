package dev.panicattack.trial;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.internal.ThreadExit;

/**
 * Measures the live heap exactly while a trial looks for {@code MEMORY_LEAK}: every period it asks
 * for a full collection and records what survives, as {@code live_heap(t, bytes)} (minus the
 * library's ballast). After young collections alone, G1's figure also holds garbage promoted to the
 * old generation, which grows in any program that churns; only a full collection tells a cache
 * filling to its bound from a leak. The price, one full collection per period (or fewer, so that
 * collections take at most a fifth of the time), is paid only by tests that ask for leak judgement.
 */
final class LiveHeapProbe implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(400);
    /** The collectors that run the whole-heap collection {@code System.gc()} asks for. */
    static final Set<String> FULL_COLLECTORS = Set.of("G1 Old Generation", "PS MarkSweep", "MarkSweepCompact",
            "ZGC Major Cycles", "ZGC Cycles", "Shenandoah Cycles");
    /** Wait at least this many times a collection's duration before the next one. */
    private static final int MAX_SHARE_FACTOR = 4;

    private final EvidenceStore store;
    private final LongSupplier ballastBytes;
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private final Thread thread;
    private volatile boolean closed;

    private LiveHeapProbe(EvidenceStore store, LongSupplier ballastBytes) {
        this.store = store;
        this.ballastBytes = ballastBytes;
        this.thread = new Thread(this::probe, "panic-live-heap");
        this.thread.setDaemon(true);
    }

    static LiveHeapProbe start(EvidenceStore store, LongSupplier ballastBytes) {
        LiveHeapProbe probe = new LiveHeapProbe(store, ballastBytes);
        probe.thread.start();
        return probe;
    }

    private void probe() {
        long next = System.nanoTime();
        while (!closed) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            long began = System.nanoTime();
            measure();
            long took = System.nanoTime() - began;
            // A full collection stops the subject: on a slow machine, keep the probe to a fifth of the time.
            next = Math.max(next + PERIOD.toNanos(), System.nanoTime() + MAX_SHARE_FACTOR * took);
        }
    }

    private void measure() {
        try {
            Map<String, Long> before = fullCollectionCounts();
            System.gc();
            afterFullCollectionSince(before).ifPresent(used ->
                    store.add("live_heap", store.elapsedMillis(), Math.max(0, used - ballastBytes.getAsLong())));
        } catch (OutOfMemoryError full) {
            // The subject filled the heap for a moment: this point is lost, the next one is taken.
        }
    }

    private static Map<String, Long> fullCollectionCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (FULL_COLLECTORS.contains(collector.getName())) {
                counts.put(collector.getName(), collector.getCollectionCount());
            }
        }
        return counts;
    }

    /**
     * The heap pools' usage as the full collection asked for left it, as the collector reported it;
     * empty when no full collection ran. Reading the heap's usage after {@code System.gc()} returns
     * would also count what the subject allocated since (at hundreds of MB/s, tens of MB on a busy
     * machine), and {@code System.gc()} may return without collecting (G1 does not collect while a
     * thread holds a JNI critical region): the figure would then include the garbage of whatever ran
     * before, as a first point of 202 MB after a previous program's 159 MB showed in a CI run.
     */
    private Optional<Long> afterFullCollectionSince(Map<String, Long> before) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            Long earlier = before.get(collector.getName());
            if (earlier != null && collector.getCollectionCount() > earlier
                    && collector instanceof com.sun.management.GarbageCollectorMXBean detailed
                    && detailed.getLastGcInfo() != null) {
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : detailed.getLastGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                return Optional.of(used);
            }
        }
        return Optional.empty();
    }

    /** Stops probing and joins the thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        ThreadExit.awaitAll(List.of(thread));
    }
}
