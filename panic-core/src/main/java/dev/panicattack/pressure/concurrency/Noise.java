package dev.panicattack.pressure.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjIntConsumer;

/**
 * The scheduling noise of one stressor: the registry of noise points the instrumentation inserted,
 * what the subject's threads did at them, the locks they acquired (for the contenders), and the
 * seeded decisions. The k-th noise point hit of the n-th thread to reach any noise point is perturbed
 * when {@link #delayNanos} says so: a function of (seed, n, k) only.
 */
final class Noise implements ObjIntConsumer<Object> {

    /** Shortest park a perturbation chooses. */
    static final long MIN_PARK_NANOS = 20_000;
    /** Longest park a perturbation chooses. */
    static final long MAX_PARK_NANOS = 500_000;
    /** Lock objects remembered for the contenders. */
    static final int MAX_LOCKS = 64;

    private final long seed;
    private final double probability;
    private final List<Site> sites = new CopyOnWriteArrayList<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadLocal<long[]> perThread;
    private final AtomicLong delays = new AtomicLong();
    private final AtomicLong parkedNanos = new AtomicLong();
    private final List<Object> locks = new CopyOnWriteArrayList<>();
    private volatile boolean active = true;

    Noise(long seed, double probability) {
        this.seed = seed;
        this.probability = probability;
        this.perThread = ThreadLocal.withInitial(() -> new long[] {threads.getAndIncrement(), 0});
    }

    /**
     * The perturbation of the {@code counter}-th hit (from 0) of thread {@code thread} (its arrival order,
     * from 0): -1 for none, 0 for a yield, otherwise nanoseconds to park, in
     * [{@link #MIN_PARK_NANOS}, {@link #MAX_PARK_NANOS}).
     */
    static long delayNanos(long seed, double probability, long thread, long counter) {
        long x = mix(seed + mix(thread * 0x9E3779B97F4A7C15L + counter));
        double uniform = (x >>> 11) * 0x1.0p-53;
        if (!(uniform < probability)) {
            return -1;
        }
        long y = mix(x);
        if ((y & 1) == 0) {
            return 0;
        }
        return MIN_PARK_NANOS + Long.remainderUnsigned(y >>> 1, MAX_PARK_NANOS - MIN_PARK_NANOS);
    }

    /** SplitMix64's finaliser: a fixed bijection that spreads nearby inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Registers a noise point at transformation time and returns its id. */
    int register(String className, String method, int line, String kind) {
        synchronized (sites) {
            sites.add(new Site(className, method, line, kind));
            return sites.size() - 1;
        }
    }

    @Override
    public void accept(Object lock, int id) {
        if (!active || id < 0 || id >= sites.size()) {
            return;
        }
        Site site = sites.get(id);
        site.hits.incrementAndGet();
        long[] state = perThread.get();
        long bit = 1L << Math.min(state[0], 63);
        if ((site.threads.get() & bit) == 0) {
            site.threads.getAndUpdate(mask -> mask | bit);
        }
        if (lock != null && locks.size() < MAX_LOCKS && !containsIdentical(lock)) {
            locks.add(lock);
        }
        if (probability == 0) {
            return;
        }
        long delay = delayNanos(seed, probability, state[0], state[1]++);
        if (delay < 0) {
            return;
        }
        site.delays.incrementAndGet();
        delays.incrementAndGet();
        if (delay == 0) {
            Thread.yield();
        } else {
            long before = System.nanoTime();
            LockSupport.parkNanos(delay);
            parkedNanos.addAndGet(System.nanoTime() - before);
        }
    }

    private boolean containsIdentical(Object lock) {
        for (Object known : locks) {
            if (known == lock) {
                return true;
            }
        }
        return false;
    }

    /** Stops perturbing and forgets the locks; counts stay readable. */
    void deactivate() {
        active = false;
        locks.clear();
    }

    long seed() {
        return seed;
    }

    double probability() {
        return probability;
    }

    /** Perturbations so far. */
    long delays() {
        return delays.get();
    }

    /** Nanoseconds threads spent parked by perturbations. */
    long parkedNanos() {
        return parkedNanos.get();
    }

    /** Threads that reached a noise point. */
    int threads() {
        return threads.get();
    }

    /** Points registered so far. */
    int registered() {
        return sites.size();
    }

    /** The lock objects seen so far, at most {@link #MAX_LOCKS}. */
    List<Object> locks() {
        return List.copyOf(locks);
    }

    /** Every registered point that was hit, with its counts. */
    List<NoisePoint> points() {
        List<NoisePoint> points = new ArrayList<>();
        for (Site site : sites) {
            long hits = site.hits.get();
            if (hits > 0) {
                points.add(new NoisePoint(site.className, site.method, site.line, site.kind, hits, site.delays.get(),
                        Long.bitCount(site.threads.get())));
            }
        }
        return List.copyOf(points);
    }

    private static final class Site {
        private final String className;
        private final String method;
        private final int line;
        private final String kind;
        private final AtomicLong hits = new AtomicLong();
        private final AtomicLong delays = new AtomicLong();
        // Bit n: the n-th thread to reach any point reached this one (threads from the 64th share bit 63).
        private final AtomicLong threads = new AtomicLong();

        Site(String className, String method, int line, String kind) {
            this.className = className;
            this.method = method;
            this.line = line;
            this.kind = kind;
        }
    }
}
