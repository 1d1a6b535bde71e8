package dev.panicattack.evidence;

import java.lang.management.ManagementFactory;

/**
 * The heap this JVM can use: {@code min(Runtime.maxMemory(), physical or container memory)}. Heap
 * percentages (the memory axis's targets, the fuses' heap readings) are percent of it.
 */
public final class MaxHeap {

    private MaxHeap() {
    }

    /** The heap this JVM can use, in bytes. */
    public static long ofThisJvm() {
        long max = Runtime.getRuntime().maxMemory();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                max = Math.min(max, total);
            }
        }
        return max;
    }
}
