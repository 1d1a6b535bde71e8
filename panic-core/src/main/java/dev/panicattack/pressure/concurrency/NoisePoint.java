package dev.panicattack.pressure.concurrency;

import java.util.Objects;

/**
 * One place in the subject's bytecode where scheduling noise may act, with what happens there, and
 * how often it was reached ({@code hits}) and perturbed ({@code delays}) during one stressor's life.
 *
 * @param className binary class name, for example {@code com.acme.Cache}
 * @param method    method name
 * @param line      source line, or -1 when the class has no line numbers
 * @param kind      one of the {@code KIND_*} constants
 * @param hits      times a thread reached it
 * @param delays    times it yielded or parked the thread
 * @param threads   distinct threads that reached it (counted exactly up to 63, then 64 for "more")
 */
public record NoisePoint(String className, String method, int line, String kind, long hits, long delays, int threads) {

    /** Before {@code monitorenter}. */
    public static final String MONITOR_ENTER = "monitor_enter";
    /** Before {@code monitorexit}. */
    public static final String MONITOR_EXIT = "monitor_exit";
    /** Before {@code Lock.lock}, {@code lockInterruptibly} or {@code tryLock}. */
    public static final String LOCK = "lock";
    /** Before {@code Lock.unlock}. */
    public static final String UNLOCK = "unlock";
    /** Before a call on a {@code java.util.concurrent.atomic} class. */
    public static final String ATOMIC = "atomic";
    /** Before a read of a volatile field of the subject. */
    public static final String VOLATILE_READ = "volatile_read";
    /** Before a write of a volatile field of the subject. */
    public static final String VOLATILE_WRITE = "volatile_write";
    /** Before a read of a plain shared field, with no lock held in the method's code. */
    public static final String SHARED_READ = "shared_read";
    /** Before a write of a plain shared field, with no lock held in the method's code. */
    public static final String SHARED_WRITE = "shared_write";
    /** Before a read of a plain shared field inside a synchronized method or block, or between lock and unlock. */
    public static final String GUARDED_READ = "guarded_read";
    /** Before a write of a plain shared field inside a synchronized method or block, or between lock and unlock. */
    public static final String GUARDED_WRITE = "guarded_write";
    /** Before {@code Thread.start} or {@code Thread.join}. */
    public static final String THREAD = "thread";
    /** Before {@code Object.wait}, {@code notify} or {@code notifyAll}. */
    public static final String WAIT_NOTIFY = "wait_notify";

    public NoisePoint {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code com.acme.Cache.get:42 (shared_write)}. */
    public String describe() {
        return className + "." + method + ":" + line + " (" + kind + ")";
    }
}
