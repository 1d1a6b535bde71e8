package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** Each class's remedy, read from hand-made evidence through the pattern library: exact lines. */
class RemedyTest {

    private static final long GIB = 1L << 30;

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader());

    private Remedy remedyOf(BugClass bugClass, List<Fact> facts) {
        return engine.diagnose(facts).stream().filter(signature -> signature.bugClass() == bugClass).findFirst()
                .orElseThrow(() -> new AssertionError(bugClass + " not derived from " + facts)).remedy();
    }

    private static List<Fact> threads(Fact... more) {
        List<Fact> facts = new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("thread", 40, "main", "false"), Fact.of("thread", 41, "teller-1", "false"),
                Fact.of("thread", 42, "teller-2", "false")));
        facts.addAll(Arrays.asList(more));
        return facts;
    }

    private static List<Fact> failed(String type, List<Fact> facts) {
        facts.add(Fact.of("test_failed", 900, type));
        facts.add(Fact.of("failure_cause", 0, type));
        facts.add(Fact.of("failure_is", 0, type));
        return facts;
    }

    /** A stalled thread 41 whose stack is {@code frames}, innermost first, sampled with lines by the JVM sensor. */
    private static List<Fact> stalledIn(List<String> frames, List<String> sampled) {
        List<Fact> facts = threads(Fact.of("hang", 1200, "stall"), Fact.of("stall_window", 1000),
                Fact.of("no_progress", 1200, 41, 1100));
        for (int depth = 0; depth < frames.size(); depth++) {
            facts.add(Fact.of("hang_frame", 1200, 41, depth, frames.get(depth)));
        }
        for (int depth = 0; depth < sampled.size(); depth++) {
            facts.add(Fact.of("thread_frame", 1100, 41, depth, sampled.get(depth)));
        }
        return facts;
    }

    @Test
    void aDeadlockNamesBothAcquisitionSitesAndTheLockOrder() {
        List<Fact> facts = threads(Fact.of("thread_blocked_on", 100, 41, "Lock@b", 42),
                Fact.of("thread_blocked_on", 100, 42, "Lock@a", 41),
                Fact.of("thread_frame", 100, 41, 0, "jdk.internal.misc.Unsafe.park(Native Method)"),
                Fact.of("thread_frame", 100, 41, 1, "com.acme.Bank.transfer(Bank.java:42)"),
                Fact.of("thread_frame", 100, 42, 0, "com.acme.Bank.refund(Bank.java:57)"),
                Fact.of("thread_frame", 200, 42, 0, "com.acme.Bank.elsewhere(Bank.java:1)"));

        assertThat(remedyOf(BugClass.DEADLOCK, facts).lines()).containsExactly(
                "fix: take Lock@b and Lock@a in one global order at every site below, or take the second with"
                        + " tryLock(timeout) and release the first when it fails",
                "  at com.acme.Bank.transfer(Bank.java:42): thread \"teller-1\" waits here for Lock@b while holding Lock@a",
                "  at com.acme.Bank.refund(Bank.java:57): thread \"teller-2\" waits here for Lock@a while holding Lock@b",
                "  because thread_blocked_on(100, 41, \"Lock@b\", 42)",
                "  because thread_blocked_on(100, 42, \"Lock@a\", 41)");
    }

    @Test
    void aDeadlockWithoutFramesSaysWhichThreadsItCouldNotLocate() {
        Remedy remedy = remedyOf(BugClass.DEADLOCK, threads(Fact.of("thread_blocked_on", 100, 41, "Lock@b", 42),
                Fact.of("thread_blocked_on", 100, 42, "Lock@a", 41)));

        assertThat(remedy.located()).isFalse();
        assertThat(remedy.unlocated()).isEqualTo("no stack frame of thread \"teller-1\" was recorded;"
                + " no stack frame of thread \"teller-2\" was recorded");
    }

    @Test
    void lockContentionNamesTheLockWhereItsWaiterWaitsAndItsOwnerHoldsIt() {
        List<Fact> facts = threads(Fact.of("test_failed", 900, "java.lang.AssertionError"));
        for (long t = 100; t <= 500; t += 100) {
            facts.add(Fact.of("thread_state", t, 41, "BLOCKED"));
            facts.add(Fact.of("thread_blocked_on", t, 41, "Ledger@1f", 42));
            facts.add(Fact.of("thread_frame", t, 41, 0, "com.acme.Ledger.post(Ledger.java:20)"));
            facts.add(Fact.of("thread_frame", t, 42, 0, "com.acme.Ledger.audit(Ledger.java:88)"));
        }

        assertThat(remedyOf(BugClass.LOCK_CONTENTION, facts).lines()).containsExactly(
                "fix: shorten the critical section on Ledger@1f (move slow work, I/O and waits out of it), or split the"
                        + " lock or use a concurrent structure so these threads stop queuing on one lock",
                "  at com.acme.Ledger.post(Ledger.java:20): thread \"teller-1\" waits here to enter Ledger@1f (5 samples)",
                "  at com.acme.Ledger.audit(Ledger.java:88): thread \"teller-2\" holds Ledger@1f here",
                "  because thread_blocked_on(100, 41, \"Ledger@1f\", 42)");
    }

    @Test
    void aRaceUnderNoiseNamesTheUnguardedWrite() {
        List<Fact> facts = threads(Fact.of("concurrency_seed", 7),
                Fact.of("noise_point", "com.acme.Counter", "add", 14L, "shared_write", 900L, 40L, 2L));
        facts.add(Fact.of("test_failed", 900, "java.lang.AssertionError"));
        facts.add(Fact.of("failure_is", 0, "java.lang.AssertionError"));

        assertThat(remedyOf(BugClass.DATA_RACE, facts).lines()).containsExactly(
                "fix: make each read-modify-write of the field atomic: guard every access with one lock, or use an Atomic"
                        + " or concurrent type",
                "  at com.acme.Counter.add (line 14): shared write of a plain shared field with no lock held, by 2 threads",
                "  because noise_point(\"com.acme.Counter\", \"add\", 14, \"shared_write\", 900, 40, 2)");
    }

    @Test
    void aConcurrentModificationNamesTheIteration() {
        List<Fact> facts = failed("java.util.ConcurrentModificationException", threads(
                Fact.of("failure_is", 0, "java.lang.RuntimeException"),
                Fact.of("thread_state", 100, 41, "RUNNABLE"), Fact.of("thread_state", 100, 42, "RUNNABLE"),
                Fact.of("failure_frame", 0, 0, "java.util.ArrayList$Itr.checkForComodification"),
                Fact.of("failure_frame", 0, 1, "java.util.ArrayList$Itr.next"),
                Fact.of("failure_frame", 0, 2, "com.acme.Orders.total")));

        assertThat(remedyOf(BugClass.DATA_RACE, facts).lines()).startsWith(
                "fix: guard the collection with one lock at every access, or use a concurrent collection (or iterate a"
                        + " copy)",
                "  at com.acme.Orders.total: iterates a collection another thread modifies");
    }

    @Test
    void aStallNamesWhereTheThreadWaitsWithNoDeadline() {
        List<Fact> facts = stalledIn(List.of("java.lang.Object.wait", "com.acme.Mailbox.take", "com.acme.Worker.run"),
                List.of("java.lang.Object.wait(Native Method)", "com.acme.Mailbox.take(Mailbox.java:31)"));

        assertThat(remedyOf(BugClass.STALL, facts).lines()).containsExactly(
                "fix: bound the wait (await, poll, join or get with a timeout) and make sure what it waits for is always"
                        + " signalled, also on the failure path",
                "  at com.acme.Mailbox.take(Mailbox.java:31): thread \"teller-1\" waits here with no deadline",
                "  because no_progress(1200, 41, 1100)");
    }

    @Test
    void aMissingTimeoutNamesTheBlockingCallAndTheConnection() {
        List<Fact> facts = stalledIn(List.of("sun.nio.ch.SocketDispatcher.read0", "java.net.Socket$SocketInputStream.read",
                "com.acme.Client.status"), List.of());
        facts.add(Fact.of("socket_read", 300, 41, "127.0.0.1", 8080L, 0L));
        facts.add(Fact.of("net_fault", 300, "latency", "127.0.0.1", 8080L));

        assertThat(remedyOf(BugClass.MISSING_TIMEOUT, facts).lines()).containsExactly(
                "fix: give this call a timeout (a socket read and connect timeout, an HTTP request timeout) and handle the"
                        + " timeout where it is thrown",
                "  at com.acme.Client.status: thread \"teller-1\" reads 127.0.0.1:8080 with no timeout",
                "  because no_progress(1200, 41, 1100)",
                "  because socket_read(300, 41, \"127.0.0.1\", 8080, 0)");
    }

    @Test
    void aPoolWhoseWorkerWaitsForItsOwnQueueIsNamedByItsThreads() {
        List<Fact> facts = stalledIn(List.of("jdk.internal.misc.Unsafe.park", "java.util.concurrent.FutureTask.get",
                "com.acme.Settlement.settle", "java.util.concurrent.ThreadPoolExecutor.runWorker"), List.of());
        facts.set(facts.indexOf(Fact.of("thread", 41, "teller-1", "false")), Fact.of("thread", 41, "ledger-thread-1", "false"));

        assertThat(remedyOf(BugClass.THREAD_POOL_SATURATION, facts).lines()).containsExactly(
                "fix: give the tasks that are waited for a pool of their own (a bulkhead), or compose them (thenCompose)"
                        + " instead of blocking a worker on get() or join()",
                "  at com.acme.Settlement.settle: thread \"ledger-thread-1\" waits here for a future that only a"
                        + " worker of pool \"ledger\" can run",
                "  because no_progress(1200, 41, 1100)");
    }

    @Test
    void aProbedPoolThatRejectedWorkIsNamedWhereItWasCreated() {
        List<Fact> facts = List.of(Fact.of("executor_pool", "java.util.concurrent.ThreadPoolExecutor@5e",
                        "com.acme.Dispatch.<init>(Dispatch.java:12)"),
                Fact.of("executor_rejected", 300, "java.util.concurrent.ThreadPoolExecutor@5e", 17L));

        assertThat(remedyOf(BugClass.THREAD_POOL_SATURATION, facts).lines()).containsExactly(
                "fix: bound the pool's queue (a bounded BlockingQueue) and handle rejection at the submitter"
                        + " (backpressure, CallerRunsPolicy), and size the pool for the blocking work it runs",
                "  at com.acme.Dispatch.<init>(Dispatch.java:12): creates the pool"
                        + " java.util.concurrent.ThreadPoolExecutor@5e which rejected 17 tasks",
                "  because executor_rejected(300, \"java.util.concurrent.ThreadPoolExecutor@5e\", 17)");
    }

    @Test
    void aResourceLeakNamesWhereTheUnclosedResourcesWereOpened() {
        List<Fact> facts = List.of(Fact.of("resource_unclosed", "java.io.FileInputStream",
                "com.acme.Import.read(Import.java:33)", 12L, "com.acme.Import.read(Import.java:33)"));

        assertThat(remedyOf(BugClass.RESOURCE_LEAK, facts).lines()).containsExactly(
                "fix: give back every unit on every path: take and return it in try/finally (try-with-resources for streams"
                        + " and sockets), also when the taker is interrupted or cancelled",
                "  at com.acme.Import.read(Import.java:33): opens 12 java.io.FileInputStream never closed",
                "  because resource_unclosed(\"java.io.FileInputStream\", \"com.acme.Import.read(Import.java:33)\", 12,"
                        + " \"com.acme.Import.read(Import.java:33)\")");
    }

    @Test
    void anExhaustedPoolSaysTheTakerThatDidNotReturnIsNotInTheEvidence() {
        List<Fact> facts = stalledIn(List.of("jdk.internal.misc.Unsafe.park",
                "org.apache.commons.pool2.impl.GenericObjectPool.borrowObject", "com.acme.Repository.find"), List.of());

        Remedy remedy = remedyOf(BugClass.RESOURCE_LEAK, facts);

        assertThat(remedy.sites()).containsExactly(new Remedy.Site("com.acme.Repository.find",
                "thread \"teller-1\" waits here for a unit nobody gave back"));
        assertThat(remedy.unlocated()).isEqualTo("the code that took a unit and did not return it: the evidence shows only"
                + " who waited");
    }

    @Test
    void metaspaceExhaustionNamesTheCallThatDefinesTheClasses() {
        List<Fact> facts = failed("java.lang.OutOfMemoryError", threads(
                Fact.of("pool_at_failure", 880, "Metaspace", 57_000_000L, 67_108_864L, 67_108_864L),
                Fact.of("failure_frame", 0, 0, "java.lang.ClassLoader.defineClass1"),
                Fact.of("failure_frame", 0, 1, "net.bytebuddy.ClassInjector.inject")));

        assertThat(remedyOf(BugClass.MEMORY_LEAK, facts).lines()).containsExactly(
                "fix: stop defining classes per call: cache and reuse the generated class (proxy, lambda, script,"
                        + " serializer), or let go of the class loader that defined them",
                "  at net.bytebuddy.ClassInjector.inject: defines the classes that fill Metaspace",
                "  because pool_at_failure(880, \"Metaspace\", 57000000, 67108864, 67108864)");
    }

    @Test
    void metaspaceExhaustionWithOnlyJdkFramesNamesTheThreadSeenDefiningClasses() {
        List<Fact> facts = failed("java.lang.OutOfMemoryError", threads(
                Fact.of("pool_at_failure", 880, "Metaspace", 57_000_000L, 67_108_864L, 67_108_864L),
                Fact.of("failure_frame", 0, 0, "java.lang.ClassLoader.defineClass0"),
                Fact.of("frame_at_failure", 850, 40, 0, "java.util.concurrent.FutureTask.get"),
                Fact.of("frame_at_failure", 850, 40, 1, "com.acme.ScriptsTest.compilesEach"),
                Fact.of("frame_at_failure", 850, 41, 0, "java.lang.ClassLoader.defineClass0"),
                Fact.of("frame_at_failure", 850, 41, 1, "com.acme.Scripts.compile"),
                Fact.of("thread_frame", 800, 41, 1, "com.acme.Scripts.compile(Scripts.java:27)")));

        Remedy remedy = remedyOf(BugClass.MEMORY_LEAK, facts);

        assertThat(remedy.sites()).extracting(Remedy.Site::line).containsExactly("at com.acme.Scripts.compile(Scripts.java:27):"
                + " thread \"teller-1\" was defining classes here at the last look before Metaspace ran out");
        assertThat(remedy.unlocated()).isEmpty();
    }

    @Test
    void aHeapLeakNamesTheAllocationThatMetTheFullHeapAndAGrowingStaticCollection() {
        List<Fact> facts = failed("java.lang.OutOfMemoryError", threads(Fact.of("heap_max", 0, GIB),
                Fact.of("retained_heap_trend", 200_000_000.0, 97.0, 10L, 600_000_000L),
                Fact.of("static_finding", "growing_static_collection", "com.acme.Sessions", "open", 19L),
                Fact.of("failure_frame", 0, 0, "com.acme.Sessions.open")));

        assertThat(remedyOf(BugClass.MEMORY_LEAK, facts).lines()).containsExactly(
                "fix: release what is retained: remove entries when their work is done, bound the cache (evict),"
                        + " unsubscribe listeners",
                "  at com.acme.Sessions.open (line 19): adds to a static collection that nothing removes from",
                "  at com.acme.Sessions.open: allocates what the heap retains; the heap ran out here",
                "  because retained_heap_trend(2.0E8, 97.0, 10, 600000000)",
                "  because static_finding(\"growing_static_collection\", \"com.acme.Sessions\", \"open\", 19)");
    }

    @Test
    void aHeapLeakInAPassingTestSaysItHasNoAllocationSite() {
        Remedy remedy = remedyOf(BugClass.MEMORY_LEAK, List.of(Fact.of("heap_max", 0, GIB), Fact.of("fail_on", "memory_leak"),
                Fact.of("retained_heap_trend", 30_000_000.0, 93.5, 12L, 87_000_000L)));

        assertThat(remedy.located()).isFalse();
        assertThat(remedy.lines()).contains("  not located: the allocation site that retains: the heap grew with no"
                + " OutOfMemoryError to show where, and no @Assail finding names a growing collection");
    }

    @Test
    void heapExhaustionNamesTheAllocation() {
        List<Fact> facts = failed("java.lang.OutOfMemoryError", threads(Fact.of("heap_max", 0, GIB),
                Fact.of("failure_frame", 0, 0, "com.acme.Report.render")));

        assertThat(remedyOf(BugClass.HEAP_EXHAUSTION, facts).lines()).startsWith(
                "fix: bound the allocation: stream or page the data instead of materialising it at once, cap sizes read"
                        + " from input, or give the heap what the load needs (-Xmx)",
                "  at com.acme.Report.render: allocates when the heap runs out");
    }

    @Test
    void heapExhaustionWithoutAStackNamesWhereTheTestThreadStoodAtTheLastLook() {
        List<Fact> facts = failed("java.lang.OutOfMemoryError", threads(Fact.of("heap_max", 0, GIB),
                Fact.of("frame_at_failure", 850, 40, 0, "com.acme.Report.render"),
                Fact.of("thread_frame", 800, 40, 0, "com.acme.Report.render(Report.java:12)")));

        Remedy remedy = remedyOf(BugClass.HEAP_EXHAUSTION, facts);

        assertThat(remedy.sites()).extracting(Remedy.Site::line).containsExactly("at com.acme.Report.render(Report.java:12):"
                + " thread \"main\" stood here at the last look before the heap ran out");
        assertThat(remedy.unlocated()).isEqualTo("the allocation itself: the OutOfMemoryError has no recorded frame outside"
                + " the JDK; the test's threads at the last look before it are above");
    }

    @Test
    void heapExhaustionNeverNamesTheLibrarysOwnPressureCodeAsTheProgramsCall() {
        // The last look caught the test thread releasing the heap ballast after the OutOfMemoryError.
        List<Fact> facts = failed("java.lang.OutOfMemoryError", threads(Fact.of("heap_max", 0, GIB),
                Fact.of("frame_at_failure", 850, 40, 0, "dev.panicattack.pressure.PressureSession.releaseHeap"),
                Fact.of("frame_at_failure", 850, 40, 1, "com.acme.Report.render"),
                Fact.of("thread_frame", 800, 40, 0, "dev.panicattack.pressure.PressureSession.releaseHeap(PressureSession.java:80)"),
                Fact.of("thread_frame", 800, 40, 1, "com.acme.Report.render(Report.java:12)")));

        Remedy remedy = remedyOf(BugClass.HEAP_EXHAUSTION, facts);

        assertThat(remedy.sites()).extracting(Remedy.Site::line).containsExactly("at com.acme.Report.render(Report.java:12):"
                + " thread \"main\" stood here at the last look before the heap ran out");
    }

    @Test
    void directMemoryExhaustionNamesTheBufferAllocation() {
        List<Fact> facts = failed("java.lang.OutOfMemoryError", threads(
                Fact.of("failure_frame", 0, 0, "java.nio.Bits.reserveMemory"),
                Fact.of("failure_frame", 0, 1, "java.nio.DirectByteBuffer.<init>"),
                Fact.of("failure_frame", 0, 2, "java.nio.ByteBuffer.allocateDirect"),
                Fact.of("failure_frame", 0, 3, "com.acme.Frames.buffer")));

        assertThat(remedyOf(BugClass.HEAP_EXHAUSTION, facts).lines()).startsWith(
                "fix: reuse or pool direct buffers and free them when done, or raise -XX:MaxDirectMemorySize to what the"
                        + " load needs",
                "  at com.acme.Frames.buffer: allocates the direct buffer the limit refused");
    }

    @Test
    void gcThrashingSaysTheEvidenceHoldsNoAllocationStacks() {
        List<Fact> facts = threads(Fact.of("hang", 3000, "stall"), Fact.of("gc_time", 0, "G1 Young Generation", 0L),
                Fact.of("gc_time", 2000, "G1 Young Generation", 1500L));

        Remedy remedy = remedyOf(BugClass.GC_THRASHING, facts);

        assertThat(remedy.action()).isEqualTo("cut the live set or the allocation rate (reuse buffers, bound caches and"
                + " queues), or give the heap room (-Xmx)");
        assertThat(remedy.unlocated()).isEqualTo("the allocation site: the evidence holds collection times, no allocation stacks");
    }

    @Test
    void aRefusedThreadStartNamesTheCreationSite() {
        List<Fact> facts = List.of(Fact.of("test_failed", 900, "java.util.concurrent.ExecutionException"),
                Fact.of("failure_is", 0, "java.util.concurrent.ExecutionException"),
                Fact.of("failure_is", 1, "java.lang.OutOfMemoryError"),
                Fact.of("failure_frame", 1, 0, "java.lang.Thread.start0"),
                Fact.of("failure_frame", 1, 1, "java.lang.Thread.start"),
                Fact.of("failure_frame", 1, 2, "com.acme.Notifier.notifyAsync"));

        assertThat(remedyOf(BugClass.THREAD_LEAK, facts).lines()).containsExactly(
                "fix: stop what you start: shut down (and await) the executors and join the threads started here when"
                        + " their work ends, or reuse one bounded pool instead of a thread per task",
                "  at com.acme.Notifier.notifyAsync: starts the thread the system refused",
                "  because failure_frame(1, 0, \"java.lang.Thread.start0\")");
    }

    @Test
    void leakedThreadsAreNamedWhereTheyRunAndTheMissingStartSiteIsSaid() {
        List<Fact> facts = threads(Fact.of("fail_on", "thread_leak"));
        for (long tid = 50; tid < 53; tid++) {
            facts.add(Fact.of("thread_alive_at_end", 900, tid, "poller-" + tid));
            facts.add(Fact.of("hang_frame", 900, tid, 0, "com.acme.Poller.loop"));
        }

        Remedy remedy = remedyOf(BugClass.THREAD_LEAK, facts);

        assertThat(remedy.sites()).extracting(Remedy.Site::line).containsExactly(
                "at com.acme.Poller.loop: thread \"poller-50\" still runs here after the test",
                "at com.acme.Poller.loop: thread \"poller-51\" still runs here after the test",
                "at com.acme.Poller.loop: thread \"poller-52\" still runs here after the test");
        assertThat(remedy.unlocated()).isEqualTo("where the threads were started: the evidence shows where they run, not"
                + " who started them");
    }

    @Test
    void cpuStarvationNamesWhereTheStarvedThreadRan() {
        List<Fact> facts = threads(Fact.of("test_failed", 900, "java.lang.AssertionError"));
        for (long t = 100; t <= 800; t += 100) {
            facts.add(Fact.of("thread_state", t, 41, "RUNNABLE"));
            facts.add(Fact.of("thread_cpu", t, 41, t * 100_000));
            facts.add(Fact.of("pressure_target", t, "cpu", 95.0));
            facts.add(Fact.of("pressure_achieved", t, "cpu", 94.0));
            facts.add(Fact.of("thread_frame", t, 41, 0, "com.acme.Pricing.quote(Pricing.java:70)"));
        }

        Remedy remedy = remedyOf(BugClass.CPU_STARVATION, facts);

        assertThat(remedy.sites()).extracting(Remedy.Site::line).containsExactly("at com.acme.Pricing.quote(Pricing.java:70):"
                + " thread \"teller-1\" was runnable here but got too little CPU to meet its time budget");
    }

    @Test
    void unboundedRecursionNamesTheRecurringMethod() {
        List<Fact> facts = List.of(Fact.of("test_failed", 900, "java.lang.StackOverflowError"),
                Fact.of("failure_is", 0, "java.lang.StackOverflowError"),
                Fact.of("failure_repeated_frame", 0, "com.acme.Tree.depth", 1021L));

        assertThat(remedyOf(BugClass.UNBOUNDED_RECURSION, facts).lines()).containsExactly(
                "fix: bound the recursion: check a depth limit (or the input's nesting) and fail with a documented error,"
                        + " or make it a loop over an explicit stack",
                "  at com.acme.Tree.depth: recurs 1021 times in the overflowing stack",
                "  because failure_repeated_frame(0, \"com.acme.Tree.depth\", 1021)");
    }

    @Test
    void aFullDiskNamesTheUnhandledWriteAndHowItEscaped() {
        List<Fact> facts = new ArrayList<>(List.of(Fact.of("disk_refused", 40, "/tmp/panic/ledger.dat", 4096L),
                Fact.of("test_failed", 900, "java.io.UncheckedIOException"),
                Fact.of("failure_cause", 0, "java.io.UncheckedIOException"),
                Fact.of("failure_is", 0, "java.io.UncheckedIOException"), Fact.of("failure_is", 0, "java.lang.RuntimeException"),
                Fact.of("failure_cause", 1, "java.io.IOException"), Fact.of("failure_is", 1, "java.io.IOException"),
                Fact.of("failure_frame", 1, 0, "java.io.FileOutputStream.write"),
                Fact.of("failure_frame", 1, 1, "com.acme.Ledger.save")));

        assertThat(remedyOf(BugClass.DISK_FULL_UNHANDLED, facts).lines()).startsWith(
                "fix: handle the failed write where it happens: catch the IOException there, keep the previous state (write"
                        + " a temporary file and move it into place), and report the full disk as a documented error",
                "  at com.acme.Ledger.save: writes to the full disk; the IOException escapes as java.io.UncheckedIOException",
                "  at /tmp/panic/ledger.dat: a write of 4096 bytes was refused: no space left");
    }

    @Test
    void aMalformedInputCrashNamesTheParseCall() {
        List<Fact> facts = failed("java.lang.NumberFormatException", new ArrayList<>(List.of(
                Fact.of("input_corrupted", "bit-flip#7 (seed 42)", "bit-flip", 42L),
                Fact.of("failure_frame", 0, 0, "java.lang.NumberFormatException.forInputString"),
                Fact.of("failure_frame", 0, 1, "java.lang.Integer.parseInt"),
                Fact.of("failure_frame", 0, 2, "com.acme.Header.length"),
                Fact.of("failure_is", 0, "java.lang.RuntimeException"))));

        assertThat(remedyOf(BugClass.MALFORMED_INPUT_CRASH, facts).lines()).startsWith(
                "fix: validate the input where it is parsed and throw the documented error: catch"
                        + " java.lang.NumberFormatException at the parse call and rethrow it as that error",
                "  at com.acme.Header.length: throws java.lang.NumberFormatException on bit-flip#7 (seed 42)",
                "  because input_corrupted(\"bit-flip#7 (seed 42)\", \"bit-flip\", 42)");
    }

    @Test
    void everyClassHasARemedyEvenFromItsProofAlone() {
        for (BugClass bugClass : BugClass.values()) {
            Signature signature = new Signature(bugClass, 0.5, List.of("proof"), List.of());

            assertThat(signature.remedy().lines().get(0)).as("%s", bugClass).startsWith("fix: ");
            assertThat(signature.remedy().located() || !signature.remedy().unlocated().isEmpty()).as("%s", bugClass).isTrue();
        }
    }

    @Test
    void aRemedyWithNoSiteMustSayWhatItCouldNotLocate() {
        assertThatThrownBy(() -> new Remedy("bound the wait", List.of(), "", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a remedy with no site must say what it could not locate: bound the wait");
    }
}
