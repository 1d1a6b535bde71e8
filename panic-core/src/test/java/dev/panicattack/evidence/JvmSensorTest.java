package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JvmSensorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Long enough that only the start sample and observeNow() write facts. */
    private static final Duration QUIET_PERIOD = Duration.ofMinutes(1);

    private final List<Thread> started = new ArrayList<>();
    private JvmSensor sensor;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (sensor != null) {
            sensor.close();
        }
        for (Thread thread : started) {
            thread.interrupt();
            thread.join(DEADLINE.toMillis());
            assertThat(thread.isAlive()).as("test thread %s ended", thread.getName()).isFalse();
        }
    }

    @Test
    void recordsHeapPoolsIncludingMetaspaceAndCollectionUsage() {
        EvidenceStore store = startQuiet(JvmSensor.custom());
        sensor.observeNow();

        long used = single(store, "heap_used");
        long committed = single(store, "heap_committed");
        assertThat(used).isPositive().isLessThanOrEqualTo(committed);
        assertThat(single(store, "heap_max")).isGreaterThanOrEqualTo(committed);
        // -Xmx1g in this build; the reported maximum may leave a survivor space out.
        long maxHeapSize = (Long) store.facts("max_heap_size").get(0).values().get(0);
        assertThat(maxHeapSize).isGreaterThanOrEqualTo(single(store, "heap_max"));
        assertThat(store.facts("heap_pool_max")).isNotEmpty()
                .allSatisfy(f -> assertThat((Long) f.values().get(1)).isPositive().isLessThanOrEqualTo(maxHeapSize));
        assertThat(names(store, "pool_used")).contains("Metaspace");
        assertThat(store.facts("pool_used")).allSatisfy(f -> assertThat((Long) f.values().get(2)).isNotNegative());
        assertThat(store.facts("pool_after_gc")).isNotEmpty()
                .allSatisfy(f -> assertThat((Long) f.values().get(2)).isNotNegative());
    }

    @Test
    void recordsCollectorsWithOneKindEach() {
        EvidenceStore store = startQuiet(JvmSensor.custom());
        sensor.observeNow();
        sensor.observeNow();

        Set<String> collectors = names(store, "gc_count");
        assertThat(collectors).isNotEmpty().isEqualTo(names(store, "gc_time"));
        List<Fact> kinds = new ArrayList<>(store.facts("gc_old"));
        kinds.addAll(store.facts("gc_young"));
        kinds.addAll(store.facts("gc_concurrent"));
        List<Object> kindNames = kinds.stream().map(f -> f.values().get(0)).collect(Collectors.toList());
        assertThat(kindNames).doesNotHaveDuplicates();
        for (String collector : collectors) {
            if (JvmSensor.collectorKind(collector) != null) {
                assertThat(kindNames).contains(collector);
            }
        }
    }

    @Test
    void sortsKnownCollectorsByWhatTheyCollect() {
        assertThat(JvmSensor.collectorKind("G1 Young Generation")).isEqualTo("gc_young");
        assertThat(JvmSensor.collectorKind("G1 Old Generation")).isEqualTo("gc_old");
        assertThat(JvmSensor.collectorKind("G1 Concurrent GC")).isEqualTo("gc_concurrent");
        assertThat(JvmSensor.collectorKind("PS MarkSweep")).isEqualTo("gc_old");
        assertThat(JvmSensor.collectorKind("Copy")).isEqualTo("gc_young");
        assertThat(JvmSensor.collectorKind("ZGC Minor Cycles")).isEqualTo("gc_young");
        assertThat(JvmSensor.collectorKind("ZGC Cycles")).isEqualTo("gc_old");
        assertThat(JvmSensor.collectorKind("Epsilon")).isNull();
    }

    @Test
    void recordsThreadAndClassCounts() {
        EvidenceStore store = startQuiet(JvmSensor.custom());
        sensor.observeNow();

        long live = single(store, "threads_live");
        assertThat(live).isPositive();
        assertThat(single(store, "threads_peak")).isGreaterThanOrEqualTo(live);
        assertThat(single(store, "threads_started")).isGreaterThanOrEqualTo(live);
        assertThat(single(store, "threads_daemon")).isBetween(0L, live);
        assertThat(single(store, "classes_loaded")).isPositive();
        assertThat(single(store, "classes_unloaded")).isNotNegative();
    }

    @Test
    void describesEachThreadOnceAndItsStackAndCpuEverySample() {
        EvidenceStore store = startQuiet(JvmSensor.custom().stackFrames(3));
        sensor.observeNow();
        sensor.observeNow();
        long me = Thread.currentThread().getId();

        assertThat(store.facts("thread").stream().filter(f -> f.values().get(0).equals(me)))
                .containsExactly(Fact.of("thread", me, Thread.currentThread().getName(), "false"));
        List<Fact> states = factsOf(store, "thread_state", me);
        // The last two samples are this thread's own observeNow() calls: it was running them.
        assertThat(states).hasSizeGreaterThanOrEqualTo(2);
        assertThat(states.subList(states.size() - 2, states.size()))
                .allSatisfy(f -> assertThat(f.values().get(2)).isEqualTo("RUNNABLE"));
        assertThat(factsOf(store, "thread_cpu", me)).isNotEmpty()
                .allSatisfy(f -> assertThat((Long) f.values().get(2)).isPositive());
        long depth = (Long) factsOf(store, "thread_stack_depth", me).get(0).values().get(2);
        assertThat(depth).isGreaterThan(3);
        List<Fact> frames = factsOf(store, "thread_frame", me);
        long firstTime = (Long) frames.get(0).values().get(0);
        assertThat(frames.stream().filter(f -> f.values().get(0).equals(firstTime)).map(f -> f.values().get(2)))
                .containsExactly(0L, 1L, 2L);
        assertThat(frames).allSatisfy(f -> assertThat((String) f.values().get(3))
                // A lambda's hidden class is named Outer$$Lambda$N/0x...: the class part may hold a '/'.
                .matches("[\\w.$/]+\\.[\\w$<>]+\\((Native Method|Unknown Source|[\\w$]+\\.java(:\\d+)?)\\)"));
    }

    @Test
    void formatsFramesWithoutModulePrefixes() {
        assertThat(JvmSensor.frameText(new StackTraceElement("app", "java.base", "17", "pkg.Type", "run", "Type.java", 12)))
                .isEqualTo("pkg.Type.run(Type.java:12)");
        assertThat(JvmSensor.frameText(new StackTraceElement("pkg.Type", "run", null, -1)))
                .isEqualTo("pkg.Type.run(Unknown Source)");
        assertThat(JvmSensor.frameText(new StackTraceElement("pkg.Type", "run", "Type.java", -2)))
                .isEqualTo("pkg.Type.run(Native Method)");
    }

    @Test
    void namesTheOwnerOfAMonitorABlockedThreadWaitsFor() throws InterruptedException {
        Object lock = new Object();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = start("owner", () -> {
            synchronized (lock) {
                held.countDown();
                awaitQuietly(release);
            }
        });
        held.await();
        Thread blocked = start("blocked", () -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        });
        awaitTrue(() -> blocked.getState() == Thread.State.BLOCKED);
        EvidenceStore store = startQuiet(JvmSensor.custom());
        sensor.observeNow();
        release.countDown();

        String lockName = "java.lang.Object@" + Integer.toHexString(System.identityHashCode(lock));
        assertThat(store.facts("thread_blocked_on")).anySatisfy(f -> assertThat(f.values().subList(1, 4))
                .containsExactly(blocked.getId(), lockName, owner.getId()));
        assertThat(store.facts("thread_owns")).anySatisfy(f -> assertThat(f.values().subList(1, 3))
                .containsExactly(owner.getId(), lockName));
        assertThat(factsOf(store, "thread_state", blocked.getId()))
                .anySatisfy(f -> assertThat(f.values().get(2)).isEqualTo("BLOCKED"));
    }

    @Test
    void findsBothThreadsOfAReentrantLockDeadlockAndWhoWaitsForWhom() throws InterruptedException {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        List<String> endings = new CopyOnWriteArrayList<>();
        Thread one = start("deadlock-1", () -> crossLock(first, second, bothHold, endings));
        Thread two = start("deadlock-2", () -> crossLock(second, first, bothHold, endings));
        awaitTrue(() -> {
            long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            return ids != null && Arrays.stream(ids).filter(id -> id == one.getId() || id == two.getId()).count() == 2;
        });
        EvidenceStore store = startQuiet(JvmSensor.custom());
        sensor.observeNow();

        assertThat(store.facts("deadlocked").stream().map(f -> f.values().get(1)))
                .contains(one.getId(), two.getId());
        Map<Object, List<Object>> blockedOn = store.facts("thread_blocked_on").stream()
                .filter(f -> f.values().get(1).equals(one.getId()) || f.values().get(1).equals(two.getId()))
                .collect(Collectors.toMap(f -> f.values().get(1), f -> f.values().subList(2, 4), (a, b) -> a));
        assertThat(blockedOn.get(one.getId()).get(1)).isEqualTo(two.getId());
        assertThat(blockedOn.get(two.getId()).get(1)).isEqualTo(one.getId());
        String lockOne = (String) blockedOn.get(one.getId()).get(0);
        String lockTwo = (String) blockedOn.get(two.getId()).get(0);
        assertThat(lockOne).startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@").isNotEqualTo(lockTwo);
        assertThat(store.facts("thread_owns")).anySatisfy(f -> assertThat(f.values().subList(1, 3))
                .containsExactly(two.getId(), lockOne));
        assertThat(store.facts("thread_owns")).anySatisfy(f -> assertThat(f.values().subList(1, 3))
                .containsExactly(one.getId(), lockTwo));

        // Breaking one side lets the other through: no thread is left stuck.
        one.interrupt();
        one.join(DEADLINE.toMillis());
        two.join(DEADLINE.toMillis());
        assertThat(endings).containsExactly("deadlock-1 interrupted", "deadlock-2 acquired");
    }

    @Test
    void listsEveryHeldSynchronizerWhenAskedForTheHeapWalk() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = start("sync-owner", () -> {
            lock.lock();
            try {
                held.countDown();
                awaitQuietly(release);
            } finally {
                lock.unlock();
            }
        });
        held.await();
        EvidenceStore store = startQuiet(JvmSensor.custom().allLockedSynchronizers(true));
        sensor.observeNow();
        release.countDown();

        assertThat(factsOf(store, "thread_owns", owner.getId())).anySatisfy(f -> assertThat((String) f.values().get(2))
                .startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@"));
    }

    @Test
    void tellsSleepingFromWaitingAndNamesWhatAWaiterWaitsOn() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        Object monitor = new Object();
        Thread sleeper = start("sleeper", () -> {
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException expected) {
                Thread.currentThread().interrupt();
            }
        });
        Thread latchWaiter = start("latch-waiter", () -> awaitQuietly(never));
        Thread monitorWaiter = start("monitor-waiter", () -> {
            synchronized (monitor) {
                try {
                    monitor.wait();
                } catch (InterruptedException expected) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        awaitTrue(() -> sleeper.getState() == Thread.State.TIMED_WAITING
                && latchWaiter.getState() == Thread.State.WAITING && monitorWaiter.getState() == Thread.State.WAITING);
        EvidenceStore store = startQuiet(JvmSensor.custom());
        sensor.observeNow();

        assertThat(factsOf(store, "thread_state", sleeper.getId())).isNotEmpty()
                .allSatisfy(f -> assertThat(f.values().get(2)).isEqualTo("SLEEPING"));
        assertThat(factsOf(store, "thread_state", latchWaiter.getId())).isNotEmpty()
                .allSatisfy(f -> assertThat(f.values().get(2)).isEqualTo("WAITING"));
        assertThat(factsOf(store, "thread_waiting_on", latchWaiter.getId())).isNotEmpty()
                .allSatisfy(f -> assertThat((String) f.values().get(2)).startsWith("java.util.concurrent.CountDownLatch$Sync@"));
        assertThat(factsOf(store, "thread_waiting_on", monitorWaiter.getId())).isNotEmpty()
                .allSatisfy(f -> assertThat(f.values().get(2))
                        .isEqualTo("java.lang.Object@" + Integer.toHexString(System.identityHashCode(monitor))));
        assertThat(factsOf(store, "thread_blocked_on", latchWaiter.getId())).isEmpty();
        assertThat(factsOf(store, "thread_waiting_on", sleeper.getId())).isEmpty();
    }

    @Test
    void separatesTheSubjectsHeapFromTheBallast() {
        long ballast = 4096;
        EvidenceStore store = startQuiet(JvmSensor.custom().ballastBytes(() -> ballast));
        sensor.observeNow();

        List<Fact> heap = store.facts("heap_used");
        List<Fact> subject = store.facts("subject_heap_used");
        assertThat(store.facts("ballast_bytes")).isNotEmpty().allSatisfy(f -> assertThat(f.values().get(1)).isEqualTo(ballast));
        assertThat(subject).hasSameSizeAs(heap);
        for (int i = 0; i < heap.size(); i++) {
            assertThat(subject.get(i).values().get(1)).isEqualTo((Long) heap.get(i).values().get(1) - ballast);
        }
    }

    @Test
    void leavesItsOwnThreadsOutUnlessAsked() {
        EvidenceStore excluded = startQuiet(JvmSensor.custom());
        sensor.observeNow();
        assertThat(excluded.facts("thread").stream().map(f -> (String) f.values().get(1)))
                .noneMatch(name -> name.startsWith(JvmSensor.OWN_THREAD_PREFIX));
        sensor.close();

        EvidenceStore included = startQuiet(JvmSensor.custom().includeOwnThreads(true));
        sensor.observeNow();
        assertThat(included.facts("thread").stream().map(f -> (String) f.values().get(1)))
                .contains(JvmSensor.THREAD_NAME);
    }

    @Test
    void samplesAboutOncePerPeriodInItsOwnDaemonThread() {
        Duration period = Duration.ofMillis(20);
        EvidenceStore store = EvidenceStore.open();
        sensor = JvmSensor.custom().samplePeriod(period).build();
        sensor.start(store);
        Thread sampler = sensor.samplerThread();
        assertThat(sampler.getName()).isEqualTo("panic-sensor-jvm");
        assertThat(sampler.isDaemon()).isTrue();

        awaitTrue(() -> store.facts("heap_used").size() >= 20);
        List<Fact> samples = store.facts("heap_used");
        long span = (Long) samples.get(19).values().get(0) - (Long) samples.get(0).values().get(0);
        // 19 periods of 20 ms; never faster, and slower only by a loaded machine's scheduling.
        assertThat(span).isBetween(19 * 20L * 9 / 10, 19 * 20L * 20);
    }

    @Test
    void closeIsIdempotentAndEndsTheSampler() {
        sensor = JvmSensor.custom().samplePeriod(Duration.ofMillis(5)).build();
        EvidenceStore store = EvidenceStore.open();
        sensor.start(store);
        Thread sampler = sensor.samplerThread();
        awaitTrue(() -> store.size() > 0);

        sensor.close();
        assertThat(sampler.isAlive()).isFalse();
        sensor.close();
        int size = store.size();
        sensor.observeNow();
        assertThat(store.size()).as("observeNow still works after close").isGreaterThan(size);
        assertThatThrownBy(() -> sensor.start(store)).isInstanceOf(IllegalStateException.class)
                .hasMessage("JvmSensor was closed and cannot start again: create a new one");
    }

    @Test
    void refusesMisuse() {
        JvmSensor unstarted = JvmSensor.ofDefaults();
        assertThatThrownBy(unstarted::observeNow).isInstanceOf(IllegalStateException.class)
                .hasMessage("JvmSensor.observeNow() needs start(store) first");
        unstarted.close();

        sensor = JvmSensor.custom().samplePeriod(QUIET_PERIOD).build();
        EvidenceStore store = EvidenceStore.open();
        sensor.start(store);
        assertThatThrownBy(() -> sensor.start(store)).isInstanceOf(IllegalStateException.class)
                .hasMessage("JvmSensor was already started: start it once per store");

        assertThatThrownBy(() -> JvmSensor.custom().samplePeriod(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JvmSensor samplePeriod must be between 1 ms and 60000 ms, but was 0 ms: "
                        + "pass a period in that range (default 100 ms)");
        assertThatThrownBy(() -> JvmSensor.custom().stackFrames(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JvmSensor stackFrames must be between 0 and 1024, but was -1: "
                        + "pass a count in that range (default 12)");
        assertThat(JvmSensor.ofDefaults().samplePeriod()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aSampleWithFiftyThreadsCostsWellUnderFiveMilliseconds() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < 45; i++) {
            start("parked-" + i, () -> awaitQuietly(never));
        }
        EvidenceStore store = startQuiet(JvmSensor.custom());
        for (int i = 0; i < 30; i++) {
            sensor.observeNow();
        }
        int runs = 100;
        long[] nanos = new long[runs];
        long[] cpuNanos = new long[runs];
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long beginCpu = threads.getCurrentThreadCpuTime();
            long begin = System.nanoTime();
            sensor.observeNow();
            nanos[i] = System.nanoTime() - begin;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - beginCpu;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        double medianMillis = nanos[runs / 2] / 1e6;
        // Wall time includes waiting for the CPU on a loaded machine; CPU time of the caller does not
        // include the safepoint work the VM thread does for the thread dump.
        System.out.printf("JvmSensor sample cost, %d live threads, %d facts per sample: wall median %.3f ms,"
                + " p90 %.3f ms, max %.3f ms; caller CPU median %.3f ms%n",
                threads.getThreadCount(), store.size() / (runs + 31), medianMillis,
                nanos[runs * 9 / 10] / 1e6, nanos[runs - 1] / 1e6, cpuNanos[runs / 2] / 1e6);
        // The figure is printed for the record; the bound is wide for a shared 2-core machine.
        assertThat(medianMillis).isLessThan(25.0);
    }

    private EvidenceStore startQuiet(JvmSensor.Builder builder) {
        sensor = builder.samplePeriod(QUIET_PERIOD).build();
        EvidenceStore store = EvidenceStore.open();
        sensor.start(store);
        // The start sample has begun (its counts are written) and the sampler is parked until the next
        // period, so that sample is done and observeNow() never waits for it. Parked alone is not
        // enough: the heartbeat thread may park before it runs the first sample.
        Thread sampler = sensor.samplerThread();
        awaitTrue(() -> !store.facts("threads_live").isEmpty() && sampler.getState() == Thread.State.TIMED_WAITING);
        return store;
    }

    private Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, "test-" + name);
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        return thread;
    }

    private static void crossLock(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHold,
            List<String> endings) {
        String name = Thread.currentThread().getName().substring("test-".length());
        mine.lock();
        try {
            bothHold.countDown();
            bothHold.await();
            theirs.lockInterruptibly();
            theirs.unlock();
            endings.add(name + " acquired");
        } catch (InterruptedException expected) {
            endings.add(name + " interrupted");
        } finally {
            mine.unlock();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException expected) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition before the deadline").isNegative();
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static long single(EvidenceStore store, String predicate) {
        List<Fact> facts = store.facts(predicate);
        assertThat(facts).as(predicate).isNotEmpty();
        return (Long) facts.get(facts.size() - 1).values().get(1);
    }

    private static Set<String> names(EvidenceStore store, String predicate) {
        return store.facts(predicate).stream().map(f -> (String) f.values().get(1)).collect(Collectors.toSet());
    }

    private static List<Fact> factsOf(EvidenceStore store, String predicate, long tid) {
        return store.facts(predicate).stream().filter(f -> f.values().get(1).equals(tid)).collect(Collectors.toList());
    }

}
