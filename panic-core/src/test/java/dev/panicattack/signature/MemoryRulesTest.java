package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** The memory, recursion and resource rules on hand-made evidence: what each needs, and what it must not conclude. */
class MemoryRulesTest {

    private static final long GIB = 1L << 30;

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private List<BugClass> classes(List<Fact> facts) {
        return engine.diagnose(facts).stream().map(Signature::bugClass).toList();
    }

    private static List<Fact> with(List<Fact> base, Fact... more) {
        List<Fact> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    // MEMORY_LEAK

    @Test
    void steadyRetentionGrowthInAPassingTestIsALeakWhenAskedFor() {
        List<Fact> facts = List.of(Fact.of("heap_max", 0, GIB), Fact.of("fail_on", "memory_leak"),
                Fact.of("retained_heap_trend", 30_000_000.0, 93.5, 12L, 87_000_000L));
        assertThat(classes(facts)).containsExactly(BugClass.MEMORY_LEAK);
    }

    @Test
    void growthBelowFivePercentOfTheHeapOrNoisyOrFewPointsIsNoLeak() {
        Fact max = Fact.of("heap_max", 0, GIB);
        Fact failOn = Fact.of("fail_on", "memory_leak");
        assertThat(classes(List.of(max, failOn, Fact.of("retained_heap_trend", 9_000_000.0, 95.0, 12L, 40_000_000L)))).isEmpty();
        assertThat(classes(List.of(max, failOn, Fact.of("retained_heap_trend", 26_000_000.0, 68.0, 8L, 57_000_000L)))).isEmpty();
        assertThat(classes(List.of(max, failOn, Fact.of("retained_heap_trend", 90_000_000.0, 99.0, 3L, 90_000_000L)))).isEmpty();
        // a leak nobody asked about, in a passing test: nothing to judge
        assertThat(classes(List.of(max, Fact.of("retained_heap_trend", 30_000_000.0, 93.5, 12L, 87_000_000L)))).isEmpty();
    }

    // HEAP_EXHAUSTION

    @Test
    void outOfMemoryWithoutRetentionGrowthIsExhaustion() {
        List<Fact> facts = List.of(Fact.of("heap_max", 0, GIB), Fact.of("test_failed", 200, "java.lang.OutOfMemoryError"),
                Fact.of("failure_is", 0, "java.lang.OutOfMemoryError"),
                Fact.of("retained_heap_trend", 0.0, 0.0, 3L, 0L));
        assertThat(classes(facts)).containsExactly(BugClass.HEAP_EXHAUSTION);
    }

    @Test
    void outOfMemoryAfterSteadyRetentionGrowthIsALeakNotExhaustion() {
        List<Fact> facts = List.of(Fact.of("heap_max", 0, GIB), Fact.of("test_failed", 3000, "java.lang.OutOfMemoryError"),
                Fact.of("failure_is", 0, "java.lang.OutOfMemoryError"),
                Fact.of("retained_heap_trend", 200_000_000.0, 97.0, 10L, 600_000_000L));
        assertThat(classes(facts)).containsExactly(BugClass.MEMORY_LEAK);
    }

    // Which memory ran out: the pools at the failure, and what refused the allocation

    private static final List<Fact> OUT_OF_MEMORY = List.of(Fact.of("heap_max", 0, GIB),
            Fact.of("test_failed", 900, "java.lang.OutOfMemoryError"), Fact.of("failure_is", 0, "java.lang.OutOfMemoryError"));

    private List<Signature> diagnose(List<Fact> facts) {
        return engine.diagnose(facts);
    }

    @Test
    void metaspaceCommittedToItsLimitAtTheFailureIsRetainedClassMetadataNotHeapExhaustion() {
        List<Signature> signatures = diagnose(with(OUT_OF_MEMORY,
                Fact.of("pool_at_failure", 880, "Metaspace", 57_000_000L, 67_108_864L, 67_108_864L),
                Fact.of("pool_at_failure", 880, "G1 Old Gen", 8_000_000L, 16_000_000L, 268_435_456L)));
        assertThat(signatures).singleElement().satisfies(signature -> {
            assertThat(signature.bugClass()).isEqualTo(BugClass.MEMORY_LEAK);
            assertThat(signature.proofs().get(0)).startsWith(
                    "signature(class=\"memory_leak\", key=\"Metaspace\")  [class-metadata-exhausted]");
        });
    }

    @Test
    void metaspaceFullAtItsPeakButFreedBeforeAWorkersErrorArrivedIsStillRetainedClassMetadata() {
        List<Signature> signatures = diagnose(with(OUT_OF_MEMORY,
                Fact.of("pool_at_failure", 880, "Metaspace", 30_000_000L, 40_000_000L, 67_108_864L),
                Fact.of("pool_peak", 880, "Metaspace", 60_000_000L, 67_108_864L, 67_108_864L)));
        assertThat(signatures).singleElement().satisfies(signature -> assertThat(signature.proofs().get(0))
                .startsWith("signature(class=\"memory_leak\", key=\"Metaspace\")  [class-metadata-exhausted]"));
    }

    @Test
    void compressedClassSpaceAtItsLimitIsRetainedClassMetadataKeyedByThatPool() {
        List<Signature> signatures = diagnose(with(OUT_OF_MEMORY,
                Fact.of("pool_at_failure", 880, "Compressed Class Space", 9_900_000L, 16_711_680L, 16_777_216L),
                Fact.of("pool_at_failure", 880, "Metaspace", 30_000_000L, 40_000_000L, 67_108_864L)));
        assertThat(signatures).singleElement().satisfies(signature -> assertThat(signature.proofs().get(0))
                .startsWith("signature(class=\"memory_leak\", key=\"Compressed Class Space\")"));
    }

    @Test
    void aPoolWithRoomLeftAtTheFailureLeavesTheHeapToBlame() {
        // used is not what the limit applies to: a metaspace committed to 60% is not full, however it is used
        assertThat(classes(with(OUT_OF_MEMORY,
                Fact.of("pool_at_failure", 880, "Metaspace", 40_000_000L, 40_000_000L, 67_108_864L),
                Fact.of("pool_at_failure", 880, "direct", 1_000_000L, 1_000_000L, GIB))))
                .containsExactly(BugClass.HEAP_EXHAUSTION);
        assertThat(diagnose(OUT_OF_MEMORY).get(0).proofs().get(0))
                .startsWith("signature(class=\"heap_exhaustion\", key=\"heap\")");
    }

    @Test
    void directBufferMemoryRefusedByTheJdkOrAtItsLimitIsExhaustionOfDirectMemory() {
        Fact refused = Fact.of("failure_frame", 0, 0, "java.nio.Bits.reserveMemory");
        Fact full = Fact.of("pool_at_failure", 880, "direct", 16_000_000L, 16_000_000L, 16_777_216L);
        for (List<Fact> facts : List.of(with(OUT_OF_MEMORY, refused), with(OUT_OF_MEMORY, full))) {
            assertThat(diagnose(facts)).singleElement().satisfies(signature -> {
                assertThat(signature.bugClass()).isEqualTo(BugClass.HEAP_EXHAUSTION);
                assertThat(signature.proofs().get(0)).startsWith(
                        "signature(class=\"heap_exhaustion\", key=\"direct\")  [direct-memory-exhausted]");
            });
        }
    }

    @Test
    void aThreadThatCouldNotStartIsThreadExhaustionNotHeapExhaustion() {
        // an ExecutionException whose cause (depth 1) is the error a worker's Thread.start threw
        List<Fact> facts = List.of(Fact.of("test_failed", 900, "java.util.concurrent.ExecutionException"),
                Fact.of("failure_is", 0, "java.util.concurrent.ExecutionException"),
                Fact.of("failure_is", 1, "java.lang.OutOfMemoryError"),
                Fact.of("failure_frame", 1, 0, "java.lang.Thread.start0"),
                Fact.of("failure_frame", 1, 1, "java.lang.Thread.start"));
        assertThat(diagnose(facts)).singleElement().satisfies(signature -> {
            assertThat(signature.bugClass()).isEqualTo(BugClass.THREAD_LEAK);
            assertThat(signature.proofs().get(0)).startsWith(
                    "signature(class=\"thread_leak\", key=\"threads\")  [native-threads-exhausted]");
        });
    }

    // GC_THRASHING

    private static List<Fact> collections(long youngMs, long fullMs) {
        return List.of(Fact.of("gc_young", "G1 Young Generation"), Fact.of("gc_old", "G1 Old Generation"),
                Fact.of("gc_concurrent", "G1 Concurrent GC"),
                Fact.of("gc_time", 800, "G1 Young Generation", 7000), Fact.of("gc_time", 3000, "G1 Young Generation", 7000 + youngMs),
                Fact.of("gc_time", 800, "G1 Old Generation", 2000), Fact.of("gc_time", 3000, "G1 Old Generation", 2000 + fullMs),
                Fact.of("gc_time", 800, "G1 Concurrent GC", 0), Fact.of("gc_time", 3000, "G1 Concurrent GC", 2000),
                Fact.of("test_duration", 3100));
    }

    @Test
    void pausesOverHalfTheObservedWindowAreThrashing() {
        // 840 + 650 ms of pauses in a 2 200 ms window; the test's 3 100 ms include the ballast's setup
        assertThat(classes(with(collections(840, 650), Fact.of("fail_on", "gc_thrashing")))).containsExactly(BugClass.GC_THRASHING);
        assertThat(classes(with(collections(840, 650), Fact.of("test_failed", 3000, "org.opentest4j.AssertionFailedError"),
                Fact.of("failure_is", 0, "org.opentest4j.AssertionFailedError")))).containsExactly(BugClass.GC_THRASHING);
    }

    @Test
    void concurrentCycleTimeAndShortPausesAreNoThrashing() {
        // G1 Concurrent GC's 2 000 ms do not count: it runs beside the application
        assertThat(classes(with(collections(500, 100), Fact.of("fail_on", "gc_thrashing")))).isEmpty();
    }

    /**
     * Samples at 800, 1000, 1200 and 3000 ms; collections of {@code fillMs} between 1000 and 1200 ms
     * and of {@code laterMs} between 1200 and 3000 ms, all young.
     */
    private static List<Fact> ballastFilledInCode(long fillMs, long laterMs, Fact... more) {
        List<Fact> facts = new java.util.ArrayList<>(List.of(Fact.of("gc_young", "G1 Young Generation"),
                Fact.of("gc_time", 800, "G1 Young Generation", 100), Fact.of("gc_time", 1000, "G1 Young Generation", 100),
                Fact.of("gc_time", 1200, "G1 Young Generation", 100 + fillMs),
                Fact.of("gc_time", 3000, "G1 Young Generation", 100 + fillMs + laterMs),
                Fact.of("fail_on", "gc_thrashing")));
        facts.addAll(List.of(more));
        return facts;
    }

    @Test
    void collectionsWhileAControlFillsItsBallastAreNotTheSubjects() {
        // 1 100 ms of pauses in a 2 200 ms window: thrashing, unless some happened while pressure was applied in code
        assertThat(classes(ballastFilledInCode(190, 910))).containsExactly(BugClass.GC_THRASHING);
        // the fill ran from 1 000 to 1 150 ms: its 190 ms and the 200 ms of samples it spans leave 910 of 2 000 ms
        assertThat(classes(ballastFilledInCode(190, 910, Fact.of("pressure_applying", 1000, 1150, "memory")))).isEmpty();
        // what the subject's own collections do after the fill still counts: 1 010 of 2 000 ms
        assertThat(classes(ballastFilledInCode(190, 1010, Fact.of("pressure_applying", 1000, 1150, "memory"))))
                .containsExactly(BugClass.GC_THRASHING);
    }

    @Test
    void thrashingBeforeAnOutOfMemoryErrorIsExhaustion() {
        assertThat(classes(with(collections(840, 650), Fact.of("test_failed", 3000, "java.lang.OutOfMemoryError"),
                Fact.of("failure_is", 0, "java.lang.OutOfMemoryError")))).containsExactly(BugClass.HEAP_EXHAUSTION);
    }

    // UNBOUNDED_RECURSION

    @Test
    void stackOverflowHiddenBehindAMisleadingExceptionIsRecursion() {
        List<Fact> facts = List.of(Fact.of("test_failed", 12, "java.lang.IllegalStateException"),
                Fact.of("failure_is", 0, "java.lang.IllegalStateException"),
                Fact.of("failure_is", 1, "java.lang.StackOverflowError"),
                Fact.of("failure_repeated_frame", 1, "com.example.MenuItem.depth", 1024));
        assertThat(classes(facts)).containsExactly(BugClass.UNBOUNDED_RECURSION);
    }

    @Test
    void anIllegalStateExceptionWithoutAnOverflowIsNotRecursion() {
        List<Fact> facts = List.of(Fact.of("test_failed", 12, "java.lang.IllegalStateException"),
                Fact.of("failure_is", 0, "java.lang.IllegalStateException"),
                Fact.of("failure_repeated_frame", 0, "java.lang.Thread.run", 1));
        assertThat(classes(facts)).isEmpty();
    }

    // RESOURCE_LEAK

    private static List<Fact> stalledBody(String... frames) {
        List<Fact> facts = new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 22),
                Fact.of("thread", 22, "test-body-upload", "true"), Fact.of("stall_window", 1000),
                Fact.of("no_progress", 1500, 22, 1200), Fact.of("hang", 1500, "stall")));
        for (int depth = 0; depth < frames.length; depth++) {
            facts.add(Fact.of("hang_frame", 1500, 22, (long) depth, frames[depth]));
        }
        return facts;
    }

    @Test
    void stalledWaitingForASemaphorePermitIsAResourceLeakNotAStall() {
        List<Signature> signatures = engine.diagnose(stalledBody("jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly",
                "java.util.concurrent.Semaphore.acquire", "com.example.Uploader.upload"));
        // The leaked permit explains the stall: STALL stays silent when a resource is exhausted.
        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.RESOURCE_LEAK);
    }

    @Test
    void stalledWaitingForAPooledObjectIsAResourceLeak() {
        assertThat(classes(stalledBody("jdk.internal.misc.Unsafe.park",
                "org.apache.commons.pool2.impl.LinkedBlockingDeque.takeFirst",
                "org.apache.commons.pool2.impl.GenericObjectPool.borrowObject", "com.example.Dao.run")))
                .first().isEqualTo(BugClass.RESOURCE_LEAK);
    }

    @Test
    void stalledElsewhereIsOnlyAStall() {
        assertThat(classes(stalledBody("jdk.internal.misc.Unsafe.park", "java.util.concurrent.CountDownLatch.await",
                "com.example.Startup.awaitReady"))).containsExactly(BugClass.STALL);
    }

    @Test
    void borrowTimeoutThrownByThePoolIsAResourceLeak() {
        List<Fact> facts = List.of(Fact.of("test_failed", 900, "java.util.NoSuchElementException"),
                Fact.of("failure_is", 0, "java.util.NoSuchElementException"),
                Fact.of("failure_frame", 0, 0, "org.apache.commons.pool2.impl.GenericObjectPool.borrowObject"),
                Fact.of("failure_frame", 0, 1, "com.example.Dao.run"));
        assertThat(classes(facts)).containsExactly(BugClass.RESOURCE_LEAK);
    }

    @Test
    void borrowTimeoutThrownByACommonsPoolOnePoolIsAResourceLeak() {
        List<Fact> facts = List.of(Fact.of("test_failed", 900, "java.util.NoSuchElementException"),
                Fact.of("failure_is", 0, "java.util.NoSuchElementException"),
                Fact.of("failure_frame", 0, 0, "org.apache.commons.pool.impl.GenericObjectPool.borrowObject"),
                Fact.of("failure_frame", 0, 1, "com.example.Dao.run"));
        assertThat(classes(facts)).containsExactly(BugClass.RESOURCE_LEAK);
    }

    @Test
    void noSuchElementFromAnythingButAnAcquireIsNotAResourceLeak() {
        List<Fact> facts = List.of(Fact.of("test_failed", 900, "java.util.NoSuchElementException"),
                Fact.of("failure_is", 0, "java.util.NoSuchElementException"),
                Fact.of("failure_frame", 0, 0, "java.util.Optional.get"),
                Fact.of("failure_frame", 0, 1, "com.example.Dao.run"));
        assertThat(classes(facts)).isEmpty();
    }
}
