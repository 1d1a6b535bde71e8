package dev.panicattack.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What the subject's methods did, for one probe session. The advice talks to it only through
 * {@code java.base} interfaces: {@link IntFunction} (a method was entered; returns the calling
 * thread's record), {@link ObjLongConsumer} on that record (the method exited), and
 * {@link Function} (a catch handler was entered). Calls, depth and exceptions are counted on every
 * call; latency on one call in {@link #TIMING_PERIOD} per method and thread. Counters live in per-thread plain arrays so that
 * the hot path takes no lock and no atomic; they are summed when the session ends.
 */
final class MethodLedger implements IntFunction<Object> {

    /** Methods one session can tell apart; further methods share no id and are not advised. */
    static final int MAX_METHODS = 1 << 16;
    static final int MAX_SITES = 1 << 16;
    /** Caught exceptions waiting for their frame to exit, per thread; beyond it the oldest counts as dropped. */
    static final int MAX_PENDING = 1024;
    /** One call in this many, per method and thread, is timed (the first, then every 16th). A power of two. */
    static final int TIMING_PERIOD = 16;
    /** Log2 latency buckets: bucket b holds nanoseconds in [2^(b-1), 2^b - 1]; bucket 0 holds 0. */
    static final int BUCKETS = MethodAdvice.NANOS_BITS + 1;

    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<String> names = new AtomicReferenceArray<>(MAX_METHODS);
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicReferenceArray<CatchSite> sites = new AtomicReferenceArray<>(MAX_SITES);
    private final AtomicInteger nextSite = new AtomicInteger();
    private final ThreadLocal<ThreadRecord> threads = ThreadLocal.withInitial(this::newThread);
    private final ConcurrentLinkedQueue<ThreadRecord> allThreads = new ConcurrentLinkedQueue<>();
    private final AtomicLong hookFailures = new AtomicLong();
    private final Catches catches = new Catches();

    /** The id of a method, {@code pkg.Class.method} (overloads share one), assigned on first sight. */
    int methodId(TypeDescription type, MethodDescription method) {
        return methodId(type.getName() + "." + method.getInternalName());
    }

    int methodId(String name) {
        return ids.computeIfAbsent(name, key -> {
            int id = nextId.getAndIncrement();
            if (id >= MAX_METHODS) {
                throw new IllegalStateException("the probe subject has more than " + MAX_METHODS
                        + " methods; name a narrower subject (a class or a smaller package)");
            }
            names.set(id, key);
            return id;
        });
    }

    /** A catch handler of method {@code methodId} at {@code line} ({@code -1} when unknown). */
    int registerSite(int methodId, int line) {
        int site = nextSite.getAndIncrement();
        if (site >= MAX_SITES) {
            throw new IllegalStateException("the probe subject has more than " + MAX_SITES
                    + " catch handlers; name a narrower subject (a class or a smaller package)");
        }
        sites.set(site, new CatchSite(methodId, line));
        return site;
    }

    /** Method entered: one level deeper on this thread. Returns the thread's record for the exit. */
    @Override
    public Object apply(int id) {
        ThreadRecord thread = threads.get();
        thread.enter(id);
        return thread;
    }

    /** The hook the catch handlers call, published in {@link CatchHandlers#SLOT}. */
    Function<Object, Object> catches() {
        return catches;
    }

    /** A catch handler was entered, with {@code List.of(caught, siteId)}; never throws into the subject. */
    private final class Catches implements Function<Object, Object> {
        @Override
        public Object apply(Object caughtAndSite) {
            try {
                List<?> pair = (List<?>) caughtAndSite;
                CatchSite site = sites.get((Integer) pair.get(1));
                if (site != null) {
                    threads.get().caught((Throwable) pair.get(0), site);
                }
            } catch (RuntimeException | StackOverflowError e) {
                // Counted and reported as probe_hook_failures; the subject's handler must run as written.
                hookFailures.incrementAndGet();
            }
            return null;
        }
    }

    private ThreadRecord newThread() {
        ThreadRecord thread = new ThreadRecord(Thread.currentThread());
        allThreads.add(thread);
        return thread;
    }

    /** What the session saw, summed over threads. Threads still running may be a few calls behind. */
    Summary summary() {
        Map<String, MethodTotals> methods = new LinkedHashMap<>();
        List<Depth> depths = new ArrayList<>();
        Map<List<Object>, Long> dropped = new LinkedHashMap<>();
        for (ThreadRecord thread : allThreads) {
            synchronized (thread) {
                for (int id = 0; id < thread.calls.length; id++) {
                    String name = names.get(id);
                    if (name == null) {
                        continue;
                    }
                    if (thread.calls[id] > 0) {
                        MethodTotals totals = methods.computeIfAbsent(name, MethodTotals::new);
                        totals.calls += thread.calls[id];
                        totals.max = Math.max(totals.max, thread.max[id]);
                        for (int b = 0; b < BUCKETS; b++) {
                            totals.buckets[b] += thread.buckets[id * BUCKETS + b];
                        }
                    }
                    if (thread.maxDepth[id] >= 2) {
                        depths.add(new Depth(thread.threadId, name, thread.maxDepth[id]));
                    }
                }
                thread.thrown.forEach((key, count) -> {
                    MethodTotals totals = methods.computeIfAbsent(names.get(key.methodId()), MethodTotals::new);
                    totals.thrown.merge(key.type(), count, Long::sum);
                });
                thread.dropped.forEach((key, count) -> dropped.merge(
                        List.of(names.get(key.site().methodId()), key.type(), (long) key.site().line()),
                        count, Long::sum));
                thread.pending.forEach(pending -> dropped.merge(List.of(names.get(pending.site().methodId()),
                        pending.caught().getClass().getName(), (long) pending.site().line()), 1L, Long::sum));
            }
        }
        return new Summary(List.copyOf(methods.values()), List.copyOf(depths), dropped, hookFailures.get());
    }

    /** Totals of one method over all threads. */
    static final class MethodTotals {
        final String method;
        long calls;
        long max;
        final long[] buckets = new long[BUCKETS];
        final Map<String, Long> thrown = new LinkedHashMap<>();

        MethodTotals(String method) {
            this.method = method;
        }

        /** The upper bound of the log2 bucket holding the given quantile of the timed calls, never above the maximum. */
        long quantile(double q) {
            long timed = 0;
            for (long count : buckets) {
                timed += count;
            }
            long rank = (long) Math.ceil(q * timed);
            long seen = 0;
            for (int b = 0; b < BUCKETS; b++) {
                seen += buckets[b];
                if (seen >= rank && seen > 0) {
                    return Math.min(max, b == 0 ? 0 : (1L << b) - 1);
                }
            }
            return max;
        }
    }

    record Depth(long threadId, String method, int depth) {
    }

    /** @param dropped keys are {@code [method, type, line]} */
    record Summary(List<MethodTotals> methods, List<Depth> depths, Map<List<Object>, Long> dropped, long hookFailures) {
    }

    record CatchSite(int methodId, int line) {
    }

    private record Pending(Throwable caught, CatchSite site, int depth) {
    }

    private record ThrownKey(int methodId, String type) {
    }

    private record DroppedKey(CatchSite site, String type) {
    }

    /**
     * One thread's counters. Only its own thread writes them, except at the end; the monitor is
     * taken only on growth and when summing, so the hot path stays lock-free in practice.
     */
    private final class ThreadRecord extends Number implements ObjLongConsumer<Object> {
        private static final long serialVersionUID = 1L;
        private final long threadId;
        /** Whether the call entered last on this thread is timed: the advice reads it at once, on the same thread. */
        private transient int timedNow;
        private transient int[] entered = new int[0];
        private transient long[] calls = new long[0];
        private transient long[] max = new long[0];
        private transient long[] buckets = new long[0];
        private transient int[] depth = new int[0];
        private transient int[] maxDepth = new int[0];
        private final transient Map<ThrownKey, Long> thrown = new HashMap<>();
        private final transient Map<DroppedKey, Long> dropped = new HashMap<>();
        private final transient List<Pending> pending = new ArrayList<>();

        ThreadRecord(Thread thread) {
            this.threadId = thread.getId();
        }

        /** One level deeper in method {@code id}; decides whether this call is timed. */
        void enter(int id) {
            if (id >= depth.length) {
                grow(id);
            }
            int now = ++depth[id];
            if (now > maxDepth[id]) {
                maxDepth[id] = now;
            }
            timedNow = (entered[id]++ & (TIMING_PERIOD - 1)) == 0 ? 1 : 0;
        }

        /** 1 when the call just entered is timed, else 0. */
        @Override
        public int intValue() {
            return timedNow;
        }

        @Override
        public long longValue() {
            return timedNow;
        }

        @Override
        public float floatValue() {
            return timedNow;
        }

        @Override
        public double doubleValue() {
            return timedNow;
        }

        /**
         * Method exited: {@code packed} holds the method id (high bits) and the elapsed nanoseconds,
         * 0 for a call that was not timed (a timed call of under a nanosecond is not a real case).
         */
        @Override
        public void accept(Object thrownOrNull, long packed) {
            int id = (int) (packed >>> MethodAdvice.NANOS_BITS);
            long nanos = packed & MethodAdvice.NANOS_MASK;
            boolean timed = nanos != 0;
            if (id >= depth.length) {
                return;
            }
            if (!pending.isEmpty()) {
                settle(id, depth[id], (Throwable) thrownOrNull);
            }
            if (depth[id] > 0) {
                depth[id]--;
            }
            calls[id]++;
            if (timed) {
                if (nanos > max[id]) {
                    max[id] = nanos;
                }
                buckets[id * BUCKETS + (64 - Long.numberOfLeadingZeros(nanos))]++;
            }
            if (thrownOrNull != null) {
                synchronized (this) {
                    thrown.merge(new ThrownKey(id, thrownOrNull.getClass().getName()), 1L, Long::sum);
                }
            }
        }

        synchronized void caught(Throwable caught, CatchSite site) {
            int frame = site.methodId() < depth.length ? depth[site.methodId()] : 0;
            if (pending.size() >= MAX_PENDING) {
                Pending oldest = pending.remove(0);
                drop(oldest);
            }
            pending.add(new Pending(caught, site, frame));
        }

        /** The frame of method {@code id} at {@code frame} ends: its caught exceptions that do not leave with it were dropped. */
        private synchronized void settle(int id, int frame, Throwable leaving) {
            for (int i = pending.size() - 1; i >= 0; i--) {
                Pending candidate = pending.get(i);
                if (candidate.site().methodId() == id && candidate.depth() >= frame) {
                    pending.remove(i);
                    if (leaving == null || !carries(leaving, candidate.caught())) {
                        drop(candidate);
                    }
                }
            }
        }

        private void drop(Pending pending) {
            dropped.merge(new DroppedKey(pending.site(), pending.caught().getClass().getName()), 1L, Long::sum);
        }

        private synchronized void grow(int id) {
            int size = Math.max(id + 1, Math.min(MAX_METHODS, Math.max(16, depth.length * 2)));
            entered = Arrays.copyOf(entered, size);
            calls = Arrays.copyOf(calls, size);
            max = Arrays.copyOf(max, size);
            buckets = Arrays.copyOf(buckets, size * BUCKETS);
            depth = Arrays.copyOf(depth, size);
            maxDepth = Arrays.copyOf(maxDepth, size);
        }
    }

    /** Whether {@code caught} leaves with {@code leaving}: it is that exception, or in its causes or suppressed ones. */
    static boolean carries(Throwable leaving, Throwable caught) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(leaving));
        while (!todo.isEmpty() && seen.size() < 1000) {
            Throwable current = todo.remove(todo.size() - 1);
            if (current == caught) {
                return true;
            }
            if (!seen.add(current)) {
                continue;
            }
            if (current.getCause() != null) {
                todo.add(current.getCause());
            }
            todo.addAll(Arrays.asList(current.getSuppressed()));
        }
        return false;
    }
}
