package dev.panicattack.pressure.time;

import dev.panicattack.subject.Subject;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The hook the rewritten call sites and the JDK clock advice call. As a {@link LongUnaryOperator} it
 * shifts a {@code System.currentTimeMillis()} value read by a subject call site; as a
 * {@link LongSupplier} it gives the offset in nanoseconds for whoever called the JDK clock: the
 * plan's offset when the nearest caller outside the JDK is a subject class, else 0. Every shifted read
 * is counted per thread, with the time of the thread's last read. It reads only {@link System#nanoTime()}.
 */
final class WallClock implements LongUnaryOperator, LongSupplier {

    /** Threads whose reads are kept; more threads are counted in none. */
    static final int MAX_THREADS = 1000;

    /** Reads of one thread: how many, and the last one's time in ms since the stressor started. */
    record Reads(long count, long lastMillis) {
    }

    private final TimePlan plan;
    private final long startNanos;
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private final ClassValue<Boolean> isSubject = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return plan.subject().includes(type);
        }
    };
    private final ThreadLocal<Boolean> measuring = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final Map<Long, AtomicLong[]> reads = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} when t = 0; until then the offset is 0. */
    private volatile long epochNanos;
    private volatile boolean running;

    WallClock(TimePlan plan, long startNanos) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.startNanos = startNanos;
    }

    /** Starts the plan's clock: t = 0 now. */
    void run(long nowNanos) {
        epochNanos = nowNanos;
        running = true;
    }

    /** Real elapsed nanoseconds since t = 0, or -1 before. */
    long elapsedNanos() {
        return running ? System.nanoTime() - epochNanos : -1;
    }

    long epochNanos() {
        return epochNanos;
    }

    /** The offset now, whoever asks. */
    long offsetNanos() {
        long elapsed = elapsedNanos();
        return elapsed < 0 ? 0 : plan.offsetNanosAt(elapsed);
    }

    /** Runs {@code action} on this thread as if the subject called the clocks: for measuring what they read. */
    <T> T asSubject(java.util.function.Supplier<T> action) {
        measuring.set(Boolean.TRUE);
        try {
            return action.get();
        } finally {
            measuring.remove();
        }
    }

    /** A subject call site read {@code millis} from {@code System.currentTimeMillis()}. */
    @Override
    public long applyAsLong(long millis) {
        long offset = offsetNanos();
        count();
        return millis + Math.floorDiv(offset, 1_000_000L);
    }

    /** A JDK clock method is returning: the offset for its caller. */
    @Override
    public long getAsLong() {
        if (!running) {
            return 0;
        }
        if (!measuring.get()) {
            Optional<Class<?>> caller = walker.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                    .filter(type -> type != WallClock.class && !isJdk(type)).findFirst());
            if (caller.isEmpty() || !isSubject.get(caller.get())) {
                return 0;
            }
            count();
        }
        return offsetNanos();
    }

    private static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, and the evidence uses these ids.
    private void count() {
        if (measuring.get() || !running) {
            return;
        }
        long id = Thread.currentThread().getId();
        AtomicLong[] mine = reads.get(id);
        if (mine == null) {
            if (reads.size() >= MAX_THREADS) {
                return;
            }
            mine = reads.computeIfAbsent(id, key -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        }
        mine[0].incrementAndGet();
        mine[1].set((System.nanoTime() - startNanos) / 1_000_000);
    }

    /** The reads per thread id so far. */
    Map<Long, Reads> reads() {
        Map<Long, Reads> copy = new java.util.TreeMap<>();
        reads.forEach((id, counters) -> copy.put(id, new Reads(counters[0].get(), counters[1].get())));
        return copy;
    }
}
