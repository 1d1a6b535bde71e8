package dev.panicattack.probe;

import dev.panicattack.internal.instrument.HookSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Rejections and queue depth of the {@link ThreadPoolExecutor}s the subject creates. The advice
 * reports {@code ("created", pool)} after a constructor, {@code ("execute", pool)} after each
 * {@code execute} and {@code ("reject", pool)} when the pool rejects a task. A pool is the
 * subject's when its constructor's nearest non-JDK caller is; a pool rejecting work submitted
 * by the subject joins too. Queue depth is read after each {@code execute}; each new maximum is kept.
 */
final class ExecutorLedger implements BiConsumer<Object, Object> {

    static final HookSlot<ExecutorLedger> SLOT = HookSlot.named("probe.executors");
    static final String CREATED = "created";
    static final String EXECUTE = "execute";
    static final String REJECT = "reject";
    /** New queue maxima kept per pool. */
    static final int MAX_QUEUE_SAMPLES = 1000;

    private final Callers callers;
    private final LongSupplier elapsedMillis;
    private final Map<IdentityKey, Pool> pools = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    ExecutorLedger(Callers callers, LongSupplier elapsedMillis) {
        this.callers = callers;
        this.elapsedMillis = elapsedMillis;
    }

    /** One pool of the subject. */
    static final class Pool {
        final String name;
        final String createdAt;
        final List<long[]> queueMaxima = new ArrayList<>();
        long queueMax = -1;
        long rejected;
        long firstRejectedAt = -1;

        Pool(String name, String createdAt) {
            this.name = name;
            this.createdAt = createdAt;
        }
    }

    @Override
    public void accept(Object kind, Object pool) {
        try {
            if (!(pool instanceof ThreadPoolExecutor executor)) {
                return;
            }
            if (CREATED.equals(kind)) {
                callers.subjectCaller().ifPresent(frames -> pools.putIfAbsent(new IdentityKey(pool),
                        new Pool(nameOf(pool), frames.get(0))));
            } else if (EXECUTE.equals(kind)) {
                Pool known = pools.get(new IdentityKey(pool));
                if (known != null) {
                    sampleQueue(known, executor.getQueue().size());
                }
            } else if (REJECT.equals(kind)) {
                Pool known = pools.get(new IdentityKey(pool));
                if (known == null) {
                    Optional<List<String>> caller = callers.subjectCaller();
                    if (caller.isEmpty()) {
                        return;
                    }
                    known = pools.computeIfAbsent(new IdentityKey(pool), key -> new Pool(nameOf(pool), "unknown"));
                }
                synchronized (known) {
                    if (known.rejected++ == 0) {
                        known.firstRejectedAt = elapsedMillis.getAsLong();
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            // Reported as probe_hook_failures; the pool must go on as written.
            failures.incrementAndGet();
        }
    }

    private void sampleQueue(Pool pool, int depth) {
        synchronized (pool) {
            if (depth > pool.queueMax) {
                pool.queueMax = depth;
                if (pool.queueMaxima.size() < MAX_QUEUE_SAMPLES) {
                    pool.queueMaxima.add(new long[] {elapsedMillis.getAsLong(), depth});
                }
            }
        }
    }

    /** As docs/facts.md names locks: class and identity hash in hex. */
    private static String nameOf(Object pool) {
        return pool.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(pool));
    }

    List<Pool> pools() {
        return List.copyOf(pools.values());
    }

    long failures() {
        return failures.get();
    }
}
