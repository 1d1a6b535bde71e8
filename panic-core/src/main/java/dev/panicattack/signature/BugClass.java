package dev.panicattack.signature;

import java.util.Locale;
import java.util.Optional;

/**
 * The classes of defect the pattern library derives. Names are a public contract. In rules a class
 * is written as its lower-case name, for example {@code signature(deadlock, Key)}.
 */
public enum BugClass {
    /** Threads in a cycle, each waiting for a monitor or lock another holds. */
    DEADLOCK,
    /** No progress: the test's threads wait indefinitely with no lock cycle; a sleeping thread is not stalled. */
    STALL,
    /** Progress, but time is dominated by waiting to enter monitors or locks. */
    LOCK_CONTENTION,
    /** Unsynchronised shared state: lost updates, corrupted results, concurrent modification. */
    DATA_RACE,
    /** The subject's retained heap, or metaspace, grows steadily across collections. */
    MEMORY_LEAK,
    /** {@link OutOfMemoryError} from allocation demand, not gradual retention. */
    HEAP_EXHAUSTION,
    /** Most time spent in garbage collection with little reclaimed. */
    GC_THRASHING,
    /** {@link StackOverflowError}, or recursion depth that grows with the input. */
    UNBOUNDED_RECURSION,
    /** Tasks rejected or queued without bound because a pool's workers are all busy or blocked. */
    THREAD_POOL_SATURATION,
    /** Live threads grow during the test and outlive it. */
    THREAD_LEAK,
    /** Handles, connections, permits or pooled objects taken and never returned, ending in exhaustion. */
    RESOURCE_LEAK,
    /** A blocking call waits far beyond any reasonable bound under latency. */
    MISSING_TIMEOUT,
    /** Work misses its time budget because it did not get CPU, with no locking or I/O defect. */
    CPU_STARVATION,
    /** An I/O failure for lack of space, or a slow disk, escapes as an unexpected error or corrupts state. */
    DISK_FULL_UNHANDLED,
    /** Input data makes the code throw an unexpected runtime exception instead of a documented error. */
    MALFORMED_INPUT_CRASH;

    /** The name used in rules: {@code deadlock}, {@code memory_leak}, ... */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class a rule names, if any. */
    public static Optional<BugClass> fromRuleName(String ruleName) {
        for (BugClass bugClass : values()) {
            if (bugClass.ruleName().equals(ruleName)) {
                return Optional.of(bugClass);
            }
        }
        return Optional.empty();
    }
}
