package dev.panicattack.junit.fuse;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One assertion's run: makes calls through the fuse (on the asserting thread, or on
 * {@code callers} daemon threads), samples its state after every call (or every {@code pace} with
 * several callers), stops at a call limit, a time limit or when {@code stop} holds, and reports
 * what happened. Callers never outlive the run.
 */
final class FuseRun {

    /** What one run saw. */
    record Report(FuseTimeline timeline, long calls, long succeeded, long rejected, Map<String, Long> otherFailures,
            long shed, Duration elapsed) {

        long failedOtherwise() {
            return otherFailures.values().stream().mapToLong(Long::longValue).sum();
        }

        /** {@code 40 succeeded, 4 failed otherwise (4 java.io.IOException); the fuse counted 6 sheds}. */
        String besidesRejections() {
            return succeeded + " succeeded, " + failedOtherwise() + " failed otherwise" + kinds() + "; the fuse counted "
                    + shed + (shed == 1 ? " shed" : " sheds");
        }

        private String kinds() {
            if (otherFailures.isEmpty()) {
                return "";
            }
            List<String> kinds = new ArrayList<>();
            otherFailures.forEach((type, count) -> kinds.add(count + " " + type));
            return " (" + String.join(", ", kinds) + ")";
        }

        /** {@code 18 succeeded, 2 rejected with CallNotPermittedException, 0 failed otherwise}. */
        String outcomes(Optional<Class<? extends Throwable>> rejection) {
            StringBuilder text = new StringBuilder().append(succeeded).append(" succeeded, ");
            if (rejection.isPresent()) {
                text.append(rejected).append(" rejected with ").append(rejection.get().getSimpleName()).append(", ")
                        .append(failedOtherwise()).append(" failed otherwise");
            } else {
                text.append(failedOtherwise()).append(" failed");
            }
            return text.append(kinds()).append("; the fuse counted ").append(shed).append(shed == 1 ? " shed" : " sheds").toString();
        }
    }

    private static final Duration CALLER_STOP_LIMIT = Duration.ofSeconds(10);

    /** The limit given when an assertion counts calls, not time. */
    static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    /** Calls without the clock moving after which a time limit is declared unreachable. */
    static final long STILL_CLOCK_CALLS = 100_000;

    private final Fuse fuse;
    private final FuseCall call;
    private final Optional<Class<? extends Throwable>> rejection;
    private final int callers;
    private final Duration pace;
    private final Clock clock;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Map<String, Long> otherFailures = new TreeMap<>();
    private final List<FuseTimeline.Entry> entries = new ArrayList<>();
    private final AtomicReference<Throwable> callerError = new AtomicReference<>();
    private Instant begin;
    private long shedAtStart;
    private long halfOpeningsSeen;

    FuseRun(Fuse fuse, FuseCall call, Optional<Class<? extends Throwable>> rejection, int callers, Duration pace,
            Clock clock) {
        this.fuse = fuse;
        this.call = call;
        this.rejection = rejection;
        this.callers = callers;
        this.pace = pace;
        this.clock = clock;
    }

    /** Runs until {@code maxCalls} calls are made, {@code maxTime} has passed, or {@code stop} holds for the timeline. */
    Report run(long maxCalls, Duration maxTime, Predicate<FuseTimeline> stop) {
        begin = clock.instant();
        shedAtStart = fuse.shedCount();
        halfOpeningsSeen = halfOpenings();
        sample(true);
        if (callers == 1) {
            runOnThisThread(maxCalls, maxTime, stop);
        } else {
            runOnCallers(maxCalls, maxTime, stop);
        }
        FuseTimeline.Entry end = sample(false);
        FuseTimeline.Entry last = entries.get(entries.size() - 1);
        if (last.state() != end.state() || last.calls() != end.calls() || last.shed() != end.shed()) {
            entries.add(end);
        }
        synchronized (otherFailures) {
            return new Report(new FuseTimeline(entries), calls.get(), succeeded.get(), rejected.get(),
                    java.util.Collections.unmodifiableMap(new TreeMap<>(otherFailures)), fuse.shedCount() - shedAtStart, elapsed());
        }
    }

    private void runOnThisThread(long maxCalls, Duration maxTime, Predicate<FuseTimeline> stop) {
        Instant lastMove = clock.instant();
        long stillCalls = 0;
        while (!stop.test(new FuseTimeline(entries)) && calls.get() < maxCalls && elapsed().compareTo(maxTime) < 0) {
            callOnce();
            sample(true);
            Instant now = clock.instant();
            stillCalls = now.equals(lastMove) ? stillCalls + 1 : 0;
            lastMove = now;
            if (stillCalls >= STILL_CLOCK_CALLS && maxTime.compareTo(FOREVER) < 0) {
                // A test clock that the load does not move would make a time limit endless.
                throw new IllegalStateException("the clock of the assertion on fuse '" + fuse.name() + "' did not move in "
                        + STILL_CLOCK_CALLS + " calls, so the time limit " + FuseTimeline.seconds(maxTime)
                        + " can never pass; advance the clock given to withClock(...) in the load");
            }
            if (!pace.isZero()) {
                LockSupport.parkNanos(pace.toNanos());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while calling through fuse '" + fuse.name() + "'");
            }
        }
    }

    private void runOnCallers(long maxCalls, Duration maxTime, Predicate<FuseTimeline> stop) {
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong tickets = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                while (!done.get() && tickets.getAndIncrement() < maxCalls) {
                    try {
                        callOnce();
                    } catch (RuntimeException | Error e) {
                        callerError.compareAndSet(null, e);
                        done.set(true);
                        return;
                    }
                    if (!pace.isZero()) {
                        LockSupport.parkNanos(pace.toNanos());
                    }
                }
            }, "panic-fuse-caller-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        try {
            threads.forEach(Thread::start);
            long period = Math.max(pace.toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
            while (!stop.test(new FuseTimeline(entries)) && calls.get() < maxCalls
                    && elapsed().compareTo(maxTime) < 0 && callerError.get() == null) {
                LockSupport.parkNanos(period);
                sample(true);
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted while calling through fuse '" + fuse.name() + "'");
                }
            }
        } finally {
            done.set(true);
            stopCallers(threads);
        }
        Throwable error = callerError.get();
        if (error instanceof Error) {
            throw (Error) error;
        }
        if (error != null) {
            throw (RuntimeException) error;
        }
    }

    /** Waits for callers to finish their current call; interrupts those that do not, and fails if one still lives. */
    private void stopCallers(List<Thread> threads) {
        long deadline = System.nanoTime() + CALLER_STOP_LIMIT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(TimeUnit.SECONDS.toMillis(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException("interrupted while stopping the callers of fuse '" + fuse.name() + "'", e);
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " is still inside a call through fuse '"
                        + fuse.name() + "' " + CALLER_STOP_LIMIT.toSeconds() + "s after the assertion ended and ignored"
                        + " an interrupt; give the call a timeout");
            }
        }
    }

    private void callOnce() {
        calls.incrementAndGet();
        try {
            call.call();
            succeeded.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            count(e);
        } catch (Exception e) {
            count(e);
        }
    }

    private void count(Exception e) {
        if (rejection.isPresent() && isRejection(e, rejection.get())) {
            rejected.incrementAndGet();
            return;
        }
        synchronized (otherFailures) {
            otherFailures.merge(e.getClass().getName(), 1L, Long::sum);
        }
    }

    /** The rejection itself, or a wrapper (ExecutionException, CompletionException...) around it. */
    private static boolean isRejection(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private FuseTimeline.Entry sample(boolean record) {
        FuseTimeline.Entry entry = new FuseTimeline.Entry(elapsed(), fuse.state(), calls.get(),
                fuse.shedCount() - shedAtStart);
        if (!record) {
            return entry;
        }
        long halfOpenings = halfOpenings();
        if (halfOpenings > halfOpeningsSeen && !entries.isEmpty() && entry.state() != FuseState.HALF_OPEN
                && entries.get(entries.size() - 1).state() != FuseState.HALF_OPEN) {
            // Half-open for less than one call: shown, at the time it was noticed.
            entries.add(new FuseTimeline.Entry(entry.at(), FuseState.HALF_OPEN, entry.calls(), entry.shed()));
        }
        halfOpeningsSeen = halfOpenings;
        if (entries.isEmpty() || entries.get(entries.size() - 1).state() != entry.state()) {
            entries.add(entry);
        }
        return entry;
    }

    private long halfOpenings() {
        return fuse instanceof HalfOpenings counting ? counting.halfOpenings() : 0;
    }

    private Duration elapsed() {
        return Duration.between(begin, clock.instant());
    }

    /** The state the fuse was in when the run began. */
    FuseState startState() {
        return entries.get(0).state();
    }
}
