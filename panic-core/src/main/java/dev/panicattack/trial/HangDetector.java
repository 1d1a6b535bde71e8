package dev.panicattack.trial;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Heartbeat;

/**
 * Watches the test's threads so that a hang is diagnosed instead of waited out. A lock cycle that
 * involves a test thread completes {@link #hang()} at the next check (period 100 ms by default),
 * unless one of its threads waits with a timeout ({@code tryLock(timeout)}): that thread breaks the
 * cycle itself, and if the threads still make no progress the stall window catches them.
 * A stall completes it when no test thread has made progress for the stall window: progress means
 * its CPU time grew by more than {@value #IDLE_CPU_PERCENT}% of the elapsed time or its top frames
 * changed (thread state alone misleads: a thread stuck in a native socket read is RUNNABLE). A thread
 * in {@code Thread.sleep} counts as progressing. Time the JVM spends in garbage-collection pauses does
 * not count towards the window: a pause stops every thread alike, so it says nothing about the
 * test's own progress, and a heap under pressure is for the memory rules to judge. At detection it records {@code hang(t, kind)} and,
 * for a stall, {@code no_progress(t, tid, ms)} for each thread, and {@code hang_frame(t, tid, depth,
 * method)} for the top frames of each thread involved (depth 0 is the innermost).
 */
public final class HangDetector implements AutoCloseable {

    static final int IDLE_CPU_PERCENT = 2;
    private static final int FRAMES = 24;

    private final TestThreads testThreads;
    private final Duration stallWindow;
    private final EvidenceStore store;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final CompletableFuture<Hang> hang = new CompletableFuture<>();
    private final Map<Long, Progress> progress = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
            // A concurrent collector's time is spent beside the threads, not instead of them.
            .filter(collector -> !collector.getName().contains("Concurrent")).toList();
    private final Optional<Heartbeat> own;
    private final Heartbeat.Beat beat;
    private volatile boolean closed;
    private volatile int missedChecks;

    private HangDetector(TestThreads testThreads, Duration stallWindow, Duration period, EvidenceStore store,
            Optional<Heartbeat> shared) {
        this.testThreads = testThreads;
        this.stallWindow = stallWindow;
        this.store = store;
        this.own = shared.isPresent() ? Optional.empty() : Optional.of(Heartbeat.start("panic-hang-detector"));
        // The first check comes one period in: a test that ends sooner costs no thread dump.
        this.beat = shared.or(() -> own).orElseThrow().every(period, period, this::watch, hang::completeExceptionally);
    }

    /** Starts watching on a thread of its own; checks every {@code period}. */
    public static HangDetector start(TestThreads testThreads, Duration stallWindow, Duration period,
            EvidenceStore store) {
        return start(testThreads, stallWindow, period, store, Optional.empty());
    }

    /**
     * Starts watching on {@code heartbeat} (the run's, when given: one thread watches every trial);
     * checks every {@code period}.
     */
    public static HangDetector start(TestThreads testThreads, Duration stallWindow, Duration period,
            EvidenceStore store, Optional<Heartbeat> heartbeat) {
        Objects.requireNonNull(testThreads, "testThreads");
        Objects.requireNonNull(store, "store");
        if (stallWindow.isNegative() || stallWindow.isZero()) {
            throw new IllegalArgumentException("stall window must be positive, but was " + stallWindow);
        }
        if (period.isNegative() || period.isZero() || period.compareTo(stallWindow) > 0) {
            throw new IllegalArgumentException(
                    "check period must be positive and at most the stall window (" + stallWindow + "), but was " + period);
        }
        return new HangDetector(testThreads, stallWindow, period, store, heartbeat);
    }

    /**
     * Completes when the test is judged hung; never completes otherwise, except exceptionally when
     * the watcher itself failed.
     */
    public CompletableFuture<Hang> hang() {
        return hang;
    }

    private void watch() {
        if (closed || hang.isDone()) {
            return;
        }
        try {
            check();
        } catch (OutOfMemoryError full) {
            // The subject filled the heap for a moment; this check is lost, the next one runs.
            missedChecks++;
        }
    }

    private void check() {
        long now = System.nanoTime() - collectionNanos();
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked != null) {
            List<Long> involved = Arrays.stream(deadlocked).boxed().toList();
            ThreadInfo[] infos = threads.getThreadInfo(deadlocked, FRAMES);
            boolean testThreadInvolved = Arrays.stream(infos).filter(Objects::nonNull)
                    .anyMatch(info -> testThreads.contains(info.getThreadId(), info.getThreadName()));
            // A test thread waiting with a timeout (tryLock(timeout)) gives up and breaks the cycle itself; the
            // library's own threads (a contender queued behind the cycle) give up too, but the cycle stays.
            boolean breaksItself = Arrays.stream(infos).filter(Objects::nonNull)
                    .filter(info -> testThreads.contains(info.getThreadId(), info.getThreadName()))
                    .anyMatch(info -> info.getThreadState() == Thread.State.TIMED_WAITING);
            if (testThreadInvolved && !breaksItself) {
                conclude(new Hang(Hang.Kind.DEADLOCK, elapsed(), involved, stacksOf(infos)));
                return;
            }
        }
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids, FRAMES);
        List<ThreadInfo> watched = new ArrayList<>();
        for (ThreadInfo info : infos) {
            if (info != null && testThreads.contains(info.getThreadId(), info.getThreadName())) {
                watched.add(info);
            }
        }
        progress.keySet().retainAll(watched.stream().map(ThreadInfo::getThreadId).toList());
        if (watched.isEmpty()) {
            return;
        }
        boolean allIdle = true;
        for (ThreadInfo info : watched) {
            long cpu = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(info.getThreadId()) : -1;
            Progress seen = progress.get(info.getThreadId());
            Progress current = Progress.observe(seen, info.getStackTrace(), cpu, now);
            progress.put(info.getThreadId(), current);
            if (sleeping(info) || now - current.lastProgressNanos() < stallWindow.toNanos()) {
                allIdle = false;
            }
        }
        if (allIdle) {
            long at = store.elapsedMillis();
            for (ThreadInfo info : watched) {
                long idleMillis = TimeUnit.NANOSECONDS.toMillis(now - progress.get(info.getThreadId()).lastProgressNanos());
                store.add("no_progress", at, info.getThreadId(), idleMillis);
            }
            conclude(new Hang(Hang.Kind.STALL, elapsed(),
                    watched.stream().map(ThreadInfo::getThreadId).toList(), stacksOf(watched.toArray(ThreadInfo[]::new))));
        }
    }

    /** Total garbage-collection pause time so far: the stall clock runs only outside it. */
    private long collectionNanos() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private void conclude(Hang detected) {
        long at = detected.at().toMillis();
        for (int i = 0; i < detected.threads().size() && i < detected.stacks().size(); i++) {
            StackTraceElement[] stack = detected.stacks().get(i);
            for (int depth = 0; depth < stack.length; depth++) {
                store.add("hang_frame", at, detected.threads().get(i), (long) depth,
                        stack[depth].getClassName() + "." + stack[depth].getMethodName());
            }
        }
        store.add("hang", at, detected.kind().name().toLowerCase(java.util.Locale.ROOT));
        hang.complete(detected);
    }

    private Duration elapsed() {
        return Duration.ofMillis(store.elapsedMillis());
    }

    private static boolean sleeping(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals("java.lang.Thread")
                && stack[0].getMethodName().startsWith("sleep");
    }

    private static List<StackTraceElement[]> stacksOf(ThreadInfo[] infos) {
        return Arrays.stream(infos).filter(Objects::nonNull).map(ThreadInfo::getStackTrace).toList();
    }

    /**
     * Records where each watched thread stood at the last check before the test failed, for how long
     * it had made no progress then and for how long it had been watched:
     * {@code idle_at_failure(t, tid, idle_ms, watched_ms)} and
     * {@code frame_at_failure(t, tid, depth, method)}. The last check, not now: a failure's unwinding
     * has moved the threads since. Call after {@link #close()}.
     */
    public void recordAtFailure() {
        long at = store.elapsedMillis();
        progress.forEach((tid, seen) -> {
            store.add("idle_at_failure", at, tid, TimeUnit.NANOSECONDS.toMillis(seen.observedNanos() - seen.lastProgressNanos()),
                    TimeUnit.NANOSECONDS.toMillis(seen.observedNanos() - seen.firstObservedNanos()));
            for (int depth = 0; depth < seen.frames().length; depth++) {
                store.add("frame_at_failure", at, tid, (long) depth,
                        seen.frames()[depth].getClassName() + "." + seen.frames()[depth].getMethodName());
            }
        });
    }

    /** Stops watching; returns once no check is in progress (and its own thread, if any, ended). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        beat.close();
        own.ifPresent(Heartbeat::close);
        if (missedChecks > 0) {
            store.add("hang_checks_missed", (long) missedChecks);
        }
    }

    /** When a thread last made progress, judged from its CPU time and top frames. */
    private record Progress(StackTraceElement[] frames, long cpuNanos, long firstObservedNanos, long observedNanos,
            long lastProgressNanos) {

        static Progress observe(Progress previous, StackTraceElement[] frames, long cpuNanos, long now) {
            if (previous == null) {
                return new Progress(frames, cpuNanos, now, now, now);
            }
            long elapsed = now - previous.observedNanos;
            boolean busy = cpuNanos >= 0 && previous.cpuNanos >= 0
                    && (cpuNanos - previous.cpuNanos) * 100 > elapsed * IDLE_CPU_PERCENT;
            boolean moved = !Arrays.equals(frames, previous.frames);
            return new Progress(frames, cpuNanos, previous.firstObservedNanos, now,
                    busy || moved ? now : previous.lastProgressNanos);
        }
    }
}
