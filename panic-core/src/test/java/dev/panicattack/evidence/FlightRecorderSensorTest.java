package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One sensor records one run of real workloads (contention, waits, parks, errors, GC, threads,
 * allocation); each test then checks the facts one workload produced. Sharing the sensor keeps the
 * class to one start and one flush (about 2.5 s) instead of one per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightRecorderSensorTest {

    private static final Duration HOLD = Duration.ofMillis(60);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Converted times must fall in the workload's window, give or take this (a loaded 2-core box). */
    private static final long TOLERANCE_MS = 100;

    private final EvidenceStore store = EvidenceStore.open();
    /** Defaults but for the CPU period: at 1 s a warm start plus the workloads can end before the first sample. */
    private final FlightRecorderSensor sensor = FlightRecorderSensor.custom()
            .cpuLoadPeriod(Duration.ofMillis(200))
            .build();
    private final List<String> problems = new ArrayList<>();

    private long windowStart;
    private long windowEnd;
    private boolean flushedInTime;
    private long flushMillis;
    private long contenderTid;
    private long holderTid;
    private long parkerTid;
    private long lockWaiterTid;
    private long timedWaiterTid;
    private long notifiedTid;
    private long runawayTid;
    private long explicitTid;
    private long allocatorTid;
    private long libraryTid;
    private boolean runawayOverflowed;

    @BeforeAll
    void recordWorkloads() throws Exception {
        sensor.start(store);
        windowStart = store.elapsedMillis();
        contendOnMonitor();
        parkWithBlocker();
        contendOnReentrantLock();
        waitUntilTimedOut();
        waitUntilNotified();
        overflowStacks();
        allocate();
        parkInLibraryThread();
        System.gc();
        windowEnd = store.elapsedMillis();
        long flushStart = System.nanoTime();
        flushedInTime = sensor.awaitFlush(DEADLINE);
        flushMillis = Duration.ofNanos(System.nanoTime() - flushStart).toMillis();
    }

    @AfterAll
    void closeSensor() {
        sensor.close();
        System.out.printf("jfr sensor: start %d ms, awaitFlush %d ms, close %d ms, marker clock error %s ns, "
                + "reference pair +- %s ns, facts %d%n", sensor.startCost().orElseThrow().toMillis(), flushMillis,
                sensor.closeCost().orElseThrow().toMillis(), sensor.markerClockErrorNanos(),
                sensor.referenceUncertaintyNanos(), store.size());
    }

    @Test
    void awaitFlushReturnsTrueWithinTheDeadline() {
        assertThat(problems).isEmpty();
        assertThat(flushedInTime).isTrue();
        assertThat(sensor.startConfirmed()).isTrue();
        assertThat(sensor.failure()).isEmpty();
    }

    @Test
    void monitorContentionYieldsMonitorEnterWithContenderAndPreviousOwner() {
        assertThat(factsOf("monitor_enter", contenderTid)).singleElement().satisfies(fact -> {
            assertTimeInWindow(fact);
            assertThat(fact.values().get(2)).isEqualTo(ContendedMonitor.class.getName());
            assertThat((Double) fact.values().get(3)).isGreaterThanOrEqualTo(HOLD.toMillis() * 0.5);
            assertThat(fact.values().get(4)).isEqualTo(holderTid);
        });
    }

    @Test
    void objectWaitYieldsMonitorWaitWithTimedOutFlag() {
        assertThat(factsOf("monitor_wait", timedWaiterTid)).isNotEmpty().allSatisfy(fact -> {
            assertTimeInWindow(fact);
            assertThat(fact.values().get(2)).isEqualTo(WaitedMonitor.class.getName());
            assertThat(fact.values().get(4)).isEqualTo("true");
        });
        assertThat(factsOf("monitor_wait", notifiedTid)).singleElement().satisfies(fact -> {
            assertThat(fact.values().get(2)).isEqualTo(WaitedMonitor.class.getName());
            assertThat((Double) fact.values().get(3)).isGreaterThanOrEqualTo(HOLD.toMillis() * 0.5);
            assertThat(fact.values().get(4)).isEqualTo("false");
        });
    }

    @Test
    void parksYieldThreadParkWithTheBlockerClass() {
        assertThat(factsOf("thread_park", parkerTid)).isNotEmpty().allSatisfy(fact -> {
            assertTimeInWindow(fact);
            assertThat(fact.values().get(2)).isEqualTo(ParkBlocker.class.getName());
        });
        assertThat(factsOf("thread_park", lockWaiterTid)).isNotEmpty().allSatisfy(fact -> {
            assertThat((String) fact.values().get(2)).startsWith(ReentrantLock.class.getName());
            assertThat((Double) fact.values().get(3)).isGreaterThanOrEqualTo(10.0);
        });
    }

    @Test
    void explicitStackOverflowErrorYieldsErrorThrownWithTruncatedStack() {
        assertThat(factsOf("error_thrown", explicitTid)).singleElement().satisfies(fact -> {
            assertTimeInWindow(fact);
            assertThat(fact.values().get(2)).isEqualTo(StackOverflowError.class.getName());
            // JFR's default stack depth: the 100-deep recursion is cut at 64 frames.
            assertThat(fact.values().get(3)).isEqualTo(64L);
        });
        assertThat(factsOf("error_stack_truncated", explicitTid)).hasSize(1);
    }

    @Test
    void stackOverflowRaisedByTheJvmIsNotSeenByFlightRecorder() {
        // HotSpot creates it without running a constructor, so no jdk.JavaErrorThrow is emitted (17 and 25).
        assertThat(runawayOverflowed).isTrue();
        assertThat(factsOf("error_thrown", runawayTid)).isEmpty();
    }

    @Test
    void exceptionsAreNotRecordedByDefault() {
        assertThat(store.facts("exception_thrown")).isEmpty();
    }

    @Test
    void systemGcYieldsGcPauseAndHeapAfterGc() {
        assertThat(store.facts("gc_pause")).anySatisfy(fact -> {
            assertThat(fact.values().get(2)).isEqualTo("System.gc()");
            assertThat((Double) fact.values().get(3)).isGreaterThan(0.0);
        });
        assertThat(store.facts("heap_after_gc")).isNotEmpty()
                .allSatisfy(fact -> assertThat((Long) fact.values().get(1)).isPositive());
    }

    @Test
    void namedThreadYieldsThreadStartAndEnd() {
        assertThat(factsOf("thread_start", explicitTid)).singleElement()
                .satisfies(fact -> assertThat(fact.values().get(2)).isEqualTo("jfr-test-explicit"));
        assertThat(factsOf("thread_end", explicitTid)).singleElement().satisfies(this::assertTimeInWindow);
    }

    @Test
    void allocationLoadYieldsAllocationSamples() {
        assertThat(factsOf("allocation_sample", allocatorTid)).isNotEmpty().allSatisfy(fact -> {
            assertThat((String) fact.values().get(2)).isNotEmpty();
            assertThat((Long) fact.values().get(3)).isPositive();
        });
    }

    @Test
    void cpuLoadIsRecordedInPercent() {
        assertThat(store.facts("jfr_cpu")).isNotEmpty().allSatisfy(fact -> {
            for (int i = 1; i <= 3; i++) {
                assertThat((Double) fact.values().get(i)).isBetween(0.0, 100.0);
            }
        });
    }

    @Test
    void libraryAndStreamThreadsAreLeftOut() {
        long streamTid = sensor.streamThread().orElseThrow().getId();
        Set<String> perThread = Set.of("monitor_enter", "monitor_wait", "thread_park", "error_thrown",
                "allocation_sample", "thread_start", "thread_end");
        assertThat(store.snapshot()).filteredOn(fact -> perThread.contains(fact.predicate()))
                .noneSatisfy(fact -> assertThat(fact.values().get(1)).isIn(libraryTid, streamTid));
        // The test thread waited about a second in awaitFlush: that wait is the sensor's, not evidence.
        assertThat(store.facts("monitor_wait"))
                .noneSatisfy(fact -> assertThat(fact.values().get(2)).isEqualTo(FlightRecorderSignal.class.getName()));
    }

    @Test
    void markerTimeMatchesTheMonotonicClock() {
        assertThat(sensor.markerClockErrorNanos()).isPresent();
        assertThat(Math.abs(sensor.markerClockErrorNanos().getAsLong()))
                .isLessThan(Duration.ofMillis(TOLERANCE_MS).toNanos());
    }

    private List<Fact> factsOf(String predicate, long tid) {
        List<Fact> matching = new ArrayList<>();
        for (Fact fact : store.facts(predicate)) {
            if (fact.values().get(1).equals(tid)) {
                matching.add(fact);
            }
        }
        return matching;
    }

    private void assertTimeInWindow(Fact fact) {
        assertThat((Long) fact.values().get(0)).isBetween(windowStart - TOLERANCE_MS, windowEnd + TOLERANCE_MS);
    }

    private void contendOnMonitor() throws InterruptedException {
        ContendedMonitor monitor = new ContendedMonitor();
        Thread contender = named("jfr-test-contender", () -> {
            synchronized (monitor) {
                monitor.entered = true;
            }
        });
        holderTid = Thread.currentThread().getId();
        contenderTid = contender.getId();
        synchronized (monitor) {
            contender.start();
            awaitState(contender, Thread.State.BLOCKED);
            holdFor(HOLD, new ContendedMonitor());
        }
        contender.join(DEADLINE.toMillis());
    }

    private void parkWithBlocker() throws InterruptedException {
        Thread parker = named("jfr-test-parker", () -> holdFor(HOLD, new ParkBlocker()));
        parkerTid = parker.getId();
        parker.start();
        parker.join(DEADLINE.toMillis());
    }

    private void contendOnReentrantLock() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Thread waiter = named("jfr-test-lock-waiter", () -> {
            lock.lock();
            lock.unlock();
        });
        lockWaiterTid = waiter.getId();
        lock.lock();
        try {
            waiter.start();
            awaitState(waiter, Thread.State.WAITING);
            holdFor(HOLD, new ParkBlocker());
        } finally {
            lock.unlock();
        }
        waiter.join(DEADLINE.toMillis());
    }

    private void waitUntilTimedOut() throws InterruptedException {
        WaitedMonitor monitor = new WaitedMonitor();
        Thread waiter = named("jfr-test-timed-waiter", () -> {
            synchronized (monitor) {
                try {
                    monitor.wait(HOLD.toMillis());
                } catch (InterruptedException e) {
                    problems.add("timed waiter interrupted");
                }
            }
        });
        timedWaiterTid = waiter.getId();
        waiter.start();
        waiter.join(DEADLINE.toMillis());
    }

    private void waitUntilNotified() throws InterruptedException {
        WaitedMonitor monitor = new WaitedMonitor();
        Thread waiter = named("jfr-test-notified", () -> {
            synchronized (monitor) {
                while (!monitor.notified) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        problems.add("notified waiter interrupted");
                        return;
                    }
                }
            }
        });
        notifiedTid = waiter.getId();
        waiter.start();
        awaitState(waiter, Thread.State.WAITING);
        holdFor(HOLD, new ParkBlocker());
        synchronized (monitor) {
            monitor.notified = true;
            monitor.notifyAll();
        }
        waiter.join(DEADLINE.toMillis());
    }

    private void overflowStacks() throws InterruptedException {
        Thread runaway = new Thread(null, () -> {
            try {
                recurseForever(0);
            } catch (StackOverflowError expected) {
                runawayOverflowed = true;
            }
        }, "jfr-test-runaway", 256 * 1024);
        Thread explicit = named("jfr-test-explicit", () -> {
            try {
                throwAtDepth(100);
            } catch (StackOverflowError expected) {
                // Thrown on purpose: the sensor should record it, the test does not need it.
            }
        });
        runawayTid = runaway.getId();
        explicitTid = explicit.getId();
        runaway.start();
        runaway.join(DEADLINE.toMillis());
        explicit.start();
        explicit.join(DEADLINE.toMillis());
    }

    private void allocate() throws InterruptedException {
        Thread allocator = named("jfr-test-allocator", () -> {
            long end = System.nanoTime() + Duration.ofMillis(200).toNanos();
            while (System.nanoTime() < end) {
                AllocationSink.last = new byte[16 * 1024];
            }
        });
        allocatorTid = allocator.getId();
        allocator.start();
        allocator.join(DEADLINE.toMillis());
    }

    private void parkInLibraryThread() throws InterruptedException {
        Thread library = named("panic-test-library", () -> holdFor(HOLD, new ParkBlocker()));
        libraryTid = library.getId();
        library.start();
        library.join(DEADLINE.toMillis());
    }

    private static Thread named(String name, Runnable body) {
        return new Thread(body, name);
    }

    /** Polls with a deadline until {@code thread} reaches {@code state}. */
    private void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) {
                problems.add(thread.getName() + " never reached " + state + ", was " + thread.getState());
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Keeps the calling thread parked on {@code blocker} for {@code duration}: the workload itself. */
    private static void holdFor(Duration duration, Object blocker) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(blocker, left);
        }
    }

    private static int recurseForever(int depth) {
        return recurseForever(depth + 1) + 1;
    }

    private static int throwAtDepth(int depth) {
        if (depth == 0) {
            throw new StackOverflowError();
        }
        return throwAtDepth(depth - 1) + 1;
    }

    private static final class ContendedMonitor {
        boolean entered;
    }

    private static final class WaitedMonitor {
        boolean notified;
    }

    private static final class ParkBlocker {
    }

    private static final class AllocationSink {
        static volatile byte[] last;
    }
}
