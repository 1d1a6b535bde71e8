package dev.panicattack.trial;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;

import dev.panicattack.evidence.EvidenceStore;

/**
 * Which memory an {@link OutOfMemoryError} ran out of, read the moment the library learns of the
 * error, before the ballast is released and before any collection: each memory pool that has a
 * limit, and the direct buffer pool against its limit. The rules tell the kind of exhaustion from
 * which of them is full, never from the error's message.
 *
 * <p>Facts: {@code pool_at_failure(t, pool, used, committed, max)} for every valid
 * {@link MemoryPoolMXBean} whose maximum is defined ({@code Metaspace} only with
 * {@code -XX:MaxMetaspaceSize}), and for the pool {@code direct}: the capacity of all direct buffers
 * (as used and as committed) against {@code -XX:MaxDirectMemorySize} (by default the maximum heap), on
 * HotSpot JVMs. The limit of metaspace applies to what is committed: a metaspace full of small class
 * loaders fails with a quarter of it committed but unused.
 *
 * <p>And {@code pool_peak(t, pool, peak_used, peak_committed, max)}: the most each such pool held
 * since the trial began. By the time an error thrown in a worker reaches the library through the
 * body, collections may have unloaded classes and uncommitted the room they took; the JVM's own
 * high-water mark keeps what the pool held when the allocation failed. The mark is the JVM's, one
 * per pool: trials that run beside each other reset it for each other, and then only
 * {@code pool_at_failure} tells.
 */
final class MemoryAtFailure {

    /** The JDK's name of the direct buffer pool, used as the fact's pool name too. */
    static final String DIRECT = "direct";

    private MemoryAtFailure() {
    }

    /** Starts each limited pool's high-water mark afresh: called as a trial begins. */
    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.isValid() && pool.getUsage().getMax() > 0) {
                pool.resetPeakUsage();
            }
        }
    }

    static void record(EvidenceStore store) {
        long at = store.elapsedMillis();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.isValid() ? pool.getUsage() : null;
            if (usage != null && usage.getMax() > 0) {
                store.add("pool_at_failure", at, pool.getName(), usage.getUsed(), usage.getCommitted(), usage.getMax());
                MemoryUsage peak = pool.getPeakUsage();
                if (peak != null) {
                    store.add("pool_peak", at, pool.getName(), peak.getUsed(), peak.getCommitted(), usage.getMax());
                }
            }
        }
        long directMax = maxDirectMemory();
        if (directMax > 0) {
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals(DIRECT)) {
                    // The limit applies to the buffers' capacity (java.nio.Bits counts it, not the bytes in use).
                    store.add("pool_at_failure", at, DIRECT, pool.getTotalCapacity(), pool.getTotalCapacity(), directMax);
                }
            }
        }
    }

    /** {@code -XX:MaxDirectMemorySize}, or the maximum heap when it is unset (0); -1 when the JVM does not say. */
    private static long maxDirectMemory() {
        List<com.sun.management.HotSpotDiagnosticMXBean> hotSpot =
                ManagementFactory.getPlatformMXBeans(com.sun.management.HotSpotDiagnosticMXBean.class);
        if (hotSpot.isEmpty()) {
            return -1;
        }
        try {
            long flag = Long.parseLong(hotSpot.get(0).getVMOption("MaxDirectMemorySize").getValue());
            return flag > 0 ? flag : Runtime.getRuntime().maxMemory();
        } catch (IllegalArgumentException e) {
            // Not a HotSpot flag here (or not a number): the limit is unknown, so no fact is written.
            return -1;
        }
    }
}
