package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.signature.BugClass;

/**
 * Under JUnit's parallel execution, in every mode and strategy, a trial never runs beside another
 * test: a plain test never meets a trial's heap ballast, trials of a run-wide set or run-wide
 * diagnosis follow one another, plain tests still run beside each other, and threads another test
 * left behind are never named in a passing trial's verdict.
 */
class ParallelIsolationTests {

    static final Timeline TIMELINE = new Timeline();

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";
    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";
    private static final String METHODS_MODE = "junit.jupiter.execution.parallel.mode.default";
    private static final String CLASSES_MODE = "junit.jupiter.execution.parallel.mode.classes.default";
    private static final String STRATEGY = "junit.jupiter.execution.parallel.config.strategy";
    private static final String FIXED_PARALLELISM = "junit.jupiter.execution.parallel.config.fixed.parallelism";
    private static final String EXECUTOR = "junit.jupiter.execution.parallel.config.executor-service";
    /** Sequential, classes in the order of their {@code @Order}. */
    private static final Map<String, String> IN_ORDER = Map.of("junit.jupiter.testclass.order.default",
            ClassOrderer.OrderAnnotation.class.getName());

    static Stream<Arguments> parallelRuns() {
        return Stream.of(
                arguments("classes and methods concurrent", Map.of(PARALLEL, "true", METHODS_MODE, "concurrent")),
                arguments("classes concurrent, methods same_thread",
                        Map.of(PARALLEL, "true", METHODS_MODE, "same_thread", CLASSES_MODE, "concurrent")),
                arguments("classes same_thread, methods concurrent",
                        Map.of(PARALLEL, "true", METHODS_MODE, "concurrent", CLASSES_MODE, "same_thread")),
                arguments("fixed parallelism 2",
                        Map.of(PARALLEL, "true", METHODS_MODE, "concurrent", STRATEGY, "fixed", FIXED_PARALLELISM, "2")),
                arguments("fixed parallelism 4",
                        Map.of(PARALLEL, "true", METHODS_MODE, "concurrent", STRATEGY, "fixed", FIXED_PARALLELISM, "4")),
                arguments("worker thread pool",
                        Map.of(PARALLEL, "true", METHODS_MODE, "concurrent", EXECUTOR, "worker_thread_pool")));
    }

    /** The runs in which classes and methods both run concurrently: plain tests can meet. */
    static Stream<Arguments> fullyConcurrentRuns() {
        return parallelRuns().filter(run -> !((String) run.get()[0]).contains("same_thread"));
    }

    @BeforeEach
    void startClean() {
        TIMELINE.clear();
        HeapHungryTestCases.outOfMemory.set(0);
        Rendezvous.reset();
        LeftBehind.reset();
    }

    @AfterEach
    void releaseWhatFixturesLeftBehind() throws InterruptedException {
        LeftBehind.release();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parallelRuns")
    void aPlainTestTakingAThirdOfTheHeapNeverRunsBesideATestUnderHeapPressure(String mode, Map<String, String> run) {
        Events tests = execute(run, PressuredHeapTestCases.class, HeapHungryTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertThat(HeapHungryTestCases.outOfMemory).hasValue(0);
        assertThat(TIMELINE.spans()).hasSize(3);
        assertThat(TIMELINE.besideATrial(test -> test.startsWith("PressuredHeap"))).isEmpty();
        assertThat(pressureEntries(tests)).singleElement().asString().startsWith("heap 85% |");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parallelRuns")
    void underARunWideSetNoTwoTrialsOverlap(String mode, Map<String, String> run) {
        Map<String, String> runWide = with(run, AUTODETECTION, "true",
                PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu");

        Events tests = execute(runWide, FirstRunWideTestCases.class, SecondRunWideTestCases.class,
                ThirdRunWideTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(6).failed(0));
        assertThat(TIMELINE.spans()).hasSize(6);
        assertThat(TIMELINE.besideATrial(test -> true)).isEmpty();
        assertThat(pressureEntries(tests)).hasSize(6).allSatisfy(entry -> assertThat(entry).startsWith("gentle-cpu (cpu 40%) |"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parallelRuns")
    void underARunWideHeapSetNoTwoTrialsOverlap(String mode, Map<String, String> run) {
        Map<String, String> runWide = with(run, AUTODETECTION, "true",
                PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "small-heap");

        Events tests = execute(runWide, FirstRunWideTestCases.class, SecondRunWideTestCases.class,
                ThirdRunWideTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(6).failed(0));
        assertThat(TIMELINE.besideATrial(test -> true)).isEmpty();
        assertThat(pressureEntries(tests)).hasSize(6).allSatisfy(entry -> assertThat(entry).startsWith("small-heap (heap 30%) |"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parallelRuns")
    void underRunWideDiagnosisNoTwoTrialsOverlap(String mode, Map<String, String> run) {
        Map<String, String> runWide = with(run, AUTODETECTION, "true", PanicConfiguration.DIAGNOSE_PROPERTY_NAME, "true");

        Events tests = execute(runWide, FirstRunWideTestCases.class, SecondRunWideTestCases.class,
                ThirdRunWideTestCases.class, PressedViaInterfaceTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(7).failed(0));
        assertThat(TIMELINE.spans()).hasSize(7);
        assertThat(TIMELINE.besideATrial(test -> true)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullyConcurrentRuns")
    void plainTestsRunBesideEachOtherButNeverBesideATrial(String mode, Map<String, String> run) {
        Map<String, String> detected = with(run, AUTODETECTION, "true");

        Events tests = execute(detected, DiagnosedTestCases.class, FirstRendezvousTestCases.class,
                SecondRendezvousTestCases.class, PressedViaInterfaceTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(4).failed(0));
        // Each plain test waited for the other one inside its body: they ran at the same time.
        assertThat(Rendezvous.met).hasValue(2);
        assertThat(TIMELINE.besideEachOther(ParallelIsolationTests::declaredTrial)).isNotEmpty();
        assertThat(TIMELINE.besideATrial(ParallelIsolationTests::declaredTrial)).isEmpty();
    }

    static Stream<Class<?>> declaredEveryWay() {
        return Stream.of(PressedViaInterfaceTestCases.class, PressedViaSuperclassTestCases.class,
                PressedViaMetaAnnotationTestCases.class, PressedViaOuterClassTestCases.class,
                PressedFactoryTestCases.class, PressedParameterizedTestCases.class);
    }

    @ParameterizedTest
    @MethodSource("declaredEveryWay")
    void aTrialDeclaredAnyWayJUnitSupportsRunsAloneBesidePlainTests(Class<?> fixture) {
        Map<String, String> concurrent = Map.of(PARALLEL, "true", METHODS_MODE, "concurrent");

        Events tests = execute(concurrent, fixture, FirstPlainTestCases.class, SecondPlainTestCases.class);

        tests.assertStatistics(stats -> stats.failed(0));
        assertThat(pressureEntries(tests)).isNotEmpty().allSatisfy(entry -> assertThat(entry).startsWith("cpu 20% |"));
        assertThat(TIMELINE.spans()).filteredOn(span -> declaredTrial(span.test())).isNotEmpty();
        assertThat(TIMELINE.besideATrial(ParallelIsolationTests::declaredTrial)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parallelRuns")
    void threadsOtherTestsLeaveBehindAreNotNamedInAPassingTrialsVerdict(String mode, Map<String, String> run)
            throws Exception {
        Events tests = execute(run, LeakyPlainTestCases.class, LeakyDiagnosedTestCases.class,
                PassingTrialTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertPassingTrialNamesNoneOfThem(tests);
    }

    @Test
    void aLockCycleAndLeakedThreadsOfEarlierTestsAreNotNamedInAPassingTrialsVerdict() throws Exception {
        // In this order the trial runs last: the earlier tests' tellers close their lock cycle while it runs.
        Events tests = execute(IN_ORDER, PassingTrialTestCases.class, LeakyPlainTestCases.class,
                LeakyDiagnosedTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertThat(LeftBehind.cycleSeenDuringTrial).isTrue();
        assertPassingTrialNamesNoneOfThem(tests);
    }

    @Test
    void aThreadThatAThreadLeftBehindStartsDuringATrialCountsAsTheTrials() {
        // The limit docs/parallel-execution.md states: a thread started while a trial runs is the trial's.
        Events tests = execute(IN_ORDER, PassingTrialTestCases.class, SpawnerPlainTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(1).failed(1));
        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.DEADLOCK);
        assertThat(failure.getMessage()).contains(LeftBehind.TELLER + LeftBehind.SPAWNER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parallelRuns")
    void underRunWideLeakDiagnosisEachLeakIsItsOwnTestsAndThePassingTrialPasses(String mode, Map<String, String> run)
            throws Exception {
        Map<String, String> runWide = with(run, AUTODETECTION, "true", PanicConfiguration.DIAGNOSE_PROPERTY_NAME,
                "true", PanicConfiguration.FAIL_ON_PROPERTY_NAME, "THREAD_LEAK");

        Events tests = execute(runWide, LeakyPlainTestCases.class, LeakyDiagnosedTestCases.class,
                PassingTrialTestCases.class);

        tests.assertStatistics(stats -> stats.succeeded(1).failed(2));
        for (Event failed : tests.failed().list()) {
            Throwable failure = failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            assertThat(failure).isInstanceOf(PanicSignatureError.class);
            assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.THREAD_LEAK);
        }
        assertPassingTrialNamesNoneOfThem(tests);
    }

    /**
     * The passing trial passed, and its report attributes none of the threads others left behind to
     * it: no signature, and neither a test thread nor a thread alive at its end among them (the
     * report's inventory of every live thread still lists them, as it lists the JVM's own).
     */
    private static void assertPassingTrialNamesNoneOfThem(Events tests) throws Exception {
        Event passed = tests.succeeded().filter(event -> event.getTestDescriptor().getDisplayName()
                .equals("passesWhileOthersLeaveThreadsBehind()")).findFirst().orElseThrow();
        String report = reportOf(tests, passed.getTestDescriptor().getUniqueId().toString());
        assertThat(report).contains("\"outcome\": \"PASSED\"").contains("\"signatures\": []");
        assertThat(report.lines().filter(line -> line.contains("\"thread_alive_at_end\"")
                || line.contains("\"test_thread\""))).noneMatch(LeftBehind::named);
    }

    /** The JSON report of one test, from its {@code panic.report} entry. */
    private static String reportOf(Events tests, String uniqueId) throws Exception {
        String html = tests.reportingEntryPublished()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().equals(uniqueId))
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(entry -> entry.containsKey(PanicConfiguration.REPORT_ENTRY))
                .map(entry -> entry.get(PanicConfiguration.REPORT_ENTRY)).findFirst().orElseThrow();
        return Files.readString(Path.of(html.replaceFirst("\\.html$", ".json")));
    }

    static boolean declaredTrial(String test) {
        return test.startsWith("Diagnosed") || test.endsWith(".pressed()");
    }

    private static Events execute(Map<String, String> configuration, Class<?>... fixtures) {
        List<ClassSelector> selectors = Stream.of(fixtures).map(fixture -> selectClass(fixture)).toList();
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectors.toArray(ClassSelector[]::new))
                .execute().testEvents();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }

    private static List<String> pressureEntries(Events tests) {
        return tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .map(entry -> entry.get(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .filter(Objects::nonNull).toList();
    }

    /** Keeps a test running for {@code duration} without sleeping, so that a test beside it would show. */
    static void busyFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Records each test's span on the timeline, from its {@code @BeforeEach} to its {@code @AfterEach}. */
    abstract static class Timed {
        private long startNanos;

        @BeforeEach
        void start() {
            startNanos = System.nanoTime();
        }

        @AfterEach
        void end(TestInfo test) {
            TIMELINE.record(getClass().getSimpleName() + "." + test.getDisplayName(), startNanos);
        }
    }

    static class PressuredHeapTestCases extends Timed {

        @Test
        @UnderPressure(memory = 85)
        void underHeapPressure() {
            busyFor(Duration.ofMillis(150));
        }
    }

    static class HeapHungryTestCases extends Timed {
        static final AtomicInteger outOfMemory = new AtomicInteger();
        /** Below G1's humongous size, so that a third of the heap costs a third of the heap. */
        private static final int CHUNK = 256 * 1024;

        @Test
        void takesAThirdOfTheHeap() {
            takeAThird();
        }

        @Test
        void takesAnotherThirdOfTheHeap() {
            takeAThird();
        }

        private static void takeAThird() {
            long third = Runtime.getRuntime().maxMemory() / 3;
            List<byte[]> held = new ArrayList<>();
            try {
                for (long taken = 0; taken < third; taken += CHUNK) {
                    held.add(new byte[CHUNK]);
                }
                busyFor(Duration.ofMillis(50));
            } catch (OutOfMemoryError e) {
                held.clear();
                outOfMemory.incrementAndGet();
                throw new AssertionError("ran out of memory holding a third of the heap", e);
            }
            assertThat(held).isNotEmpty();
        }
    }

    static class FirstRunWideTestCases extends Timed {

        @Test
        void first() {
            busyFor(Duration.ofMillis(30));
        }

        @Test
        void second() {
            busyFor(Duration.ofMillis(30));
        }
    }

    static class SecondRunWideTestCases extends FirstRunWideTestCases {
    }

    static class ThirdRunWideTestCases extends FirstRunWideTestCases {
    }

    static class DiagnosedTestCases extends Timed {

        @Test
        @Diagnose
        void diagnosed() {
            busyFor(Duration.ofMillis(100));
        }
    }

    static class FirstPlainTestCases extends Timed {

        @Test
        void first() {
            busyFor(Duration.ofMillis(150));
        }

        @Test
        void second() {
            busyFor(Duration.ofMillis(150));
        }
    }

    static class SecondPlainTestCases extends FirstPlainTestCases {
    }

    @UnderPressure(cpu = 20)
    interface Pressed {
    }

    static class PressedViaInterfaceTestCases extends Timed implements Pressed {

        @Test
        void pressed() {
            busyFor(Duration.ofMillis(150));
        }
    }

    @UnderPressure(cpu = 20)
    abstract static class PressedBase extends Timed {
    }

    static class PressedViaSuperclassTestCases extends PressedBase {

        @Test
        void pressed() {
            busyFor(Duration.ofMillis(150));
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @UnderPressure(cpu = 20)
    @interface Hot {
    }

    static class PressedViaMetaAnnotationTestCases extends Timed {

        @Test
        @Hot
        void pressed() {
            busyFor(Duration.ofMillis(150));
        }
    }

    @UnderPressure(cpu = 20)
    static class PressedViaOuterClassTestCases {

        @Nested
        class Inner extends Timed {

            @Test
            void pressed() {
                busyFor(Duration.ofMillis(150));
            }
        }
    }

    static class PressedFactoryTestCases extends Timed {

        @TestFactory
        @UnderPressure(cpu = 20)
        Stream<DynamicTest> pressed() {
            return Stream.of(1, 2).map(i -> DynamicTest.dynamicTest("dynamic " + i,
                    () -> busyFor(Duration.ofMillis(100))));
        }
    }

    static class PressedParameterizedTestCases extends Timed {

        @ParameterizedTest(name = "pressed()")
        @ValueSource(ints = {1, 2})
        @UnderPressure(cpu = 20)
        void pressed(int value) {
            busyFor(Duration.ofMillis(100));
        }
    }

    /** Two plain tests that each wait, inside the body, for the other to arrive. */
    static final class Rendezvous {
        static final AtomicInteger met = new AtomicInteger();
        static final AtomicReference<CountDownLatch> arrivals = new AtomicReference<>(new CountDownLatch(2));

        static void reset() {
            met.set(0);
            arrivals.set(new CountDownLatch(2));
        }

        static void arriveAndWait() throws InterruptedException {
            CountDownLatch both = arrivals.get();
            both.countDown();
            if (both.await(10, TimeUnit.SECONDS)) {
                met.incrementAndGet();
            }
        }
    }

    static class FirstRendezvousTestCases extends Timed {

        @Test
        void meets() throws InterruptedException {
            Rendezvous.arriveAndWait();
        }
    }

    static class SecondRendezvousTestCases extends FirstRendezvousTestCases {
    }

    /**
     * Threads tests leave behind: three that wait to be released, two tellers that hold one lock each
     * and close a lock cycle when the passing trial opens the cue (never after it ended), and a spawner
     * that starts such threads itself on the cue.
     */
    static final class LeftBehind {
        static final String LEAKED = "leaked-by-";
        static final String TELLER = "teller-of-";
        static final String SPAWNER = "spawner-of-";
        static final AtomicReference<CountDownLatch> cue = new AtomicReference<>(new CountDownLatch(1));
        static final AtomicBoolean passingTrialEnded = new AtomicBoolean();
        static final AtomicBoolean spawnerWaiting = new AtomicBoolean();
        static final AtomicReference<CountDownLatch> spawnedAll = new AtomicReference<>(new CountDownLatch(1));
        static final AtomicBoolean spawned = new AtomicBoolean();
        static final AtomicBoolean tellersWaiting = new AtomicBoolean();
        static final AtomicBoolean cycleSeenDuringTrial = new AtomicBoolean();
        private static final List<Thread> threads = new CopyOnWriteArrayList<>();

        static boolean named(String text) {
            return text.contains(LEAKED) || text.contains(TELLER) || text.contains(SPAWNER);
        }

        static void reset() {
            cue.set(new CountDownLatch(1));
            passingTrialEnded.set(false);
            spawnerWaiting.set(false);
            spawnedAll.set(new CountDownLatch(1));
            spawned.set(false);
            tellersWaiting.set(false);
            cycleSeenDuringTrial.set(false);
        }

        static void release() throws InterruptedException {
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            threads.clear();
        }

        static void leave(String name, Runnable work) {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        static void threads(String owner) {
            for (int i = 1; i <= 3; i++) {
                leave(LEAKED + owner + "-" + i, LeftBehind::waitForRelease);
            }
        }

        static void deadlock(String owner) throws InterruptedException {
            ReentrantLock a = new ReentrantLock();
            ReentrantLock b = new ReentrantLock();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            CountDownLatch cycleCue = cue.get();
            leave(TELLER + owner + "-1", () -> transfer(a, b, bothHoldOne, cycleCue));
            leave(TELLER + owner + "-2", () -> transfer(b, a, bothHoldOne, cycleCue));
            assertThat(bothHoldOne.await(5, TimeUnit.SECONDS)).as("both tellers hold their first lock").isTrue();
            tellersWaiting.set(true);
        }

        /** Whether two tellers are in a lock cycle, polled until {@code deadline} (nanoTime). */
        static boolean cycleBy(long deadline) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (System.nanoTime() < deadline) {
                long[] deadlocked = threads.findDeadlockedThreads();
                if (deadlocked != null && Arrays.stream(threads.getThreadInfo(deadlocked))
                        .filter(Objects::nonNull).filter(info -> info.getThreadName().startsWith(TELLER))
                        .count() >= 2) {
                    return true;
                }
                Thread.onSpinWait();
            }
            return false;
        }

        static void spawner(String owner) {
            CountDownLatch spawnCue = cue.get();
            CountDownLatch done = spawnedAll.get();
            spawnerWaiting.set(true);
            leave(SPAWNER + owner, () -> {
                try {
                    spawnCue.await();
                    if (!passingTrialEnded.get()) {
                        threads(SPAWNER + owner);
                        deadlock(SPAWNER + owner);
                        spawned.set(true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }

        private static void waitForRelease() {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void transfer(ReentrantLock from, ReentrantLock to, CountDownLatch bothHoldOne,
                CountDownLatch cycleCue) {
            try {
                from.lockInterruptibly();
                try {
                    bothHoldOne.countDown();
                    bothHoldOne.await();
                    cycleCue.await();
                    if (passingTrialEnded.get()) {
                        waitForRelease();
                        return;
                    }
                    to.lockInterruptibly();
                    to.unlock();
                } finally {
                    from.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Order(2)
    static class LeakyPlainTestCases {

        @Test
        void leavesThreadsAndADeadlockBehind() throws InterruptedException {
            LeftBehind.threads("plain");
            LeftBehind.deadlock("plain");
        }
    }

    @Order(3)
    static class LeakyDiagnosedTestCases {

        @Test
        @Diagnose
        void leavesThreadsBehind() {
            LeftBehind.threads("diagnosed");
        }
    }

    @Order(1)
    static class SpawnerPlainTestCases {

        @Test
        void leavesASpawnerBehind() {
            LeftBehind.spawner("plain");
        }
    }

    @Order(4)
    static class PassingTrialTestCases {

        @Test
        @Diagnose(failOn = BugClass.THREAD_LEAK)
        void passesWhileOthersLeaveThreadsBehind() throws InterruptedException {
            LeftBehind.cue.get().countDown();
            if (LeftBehind.tellersWaiting.get()) {
                LeftBehind.cycleSeenDuringTrial.set(LeftBehind.cycleBy(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
            }
            if (LeftBehind.spawnerWaiting.get()) {
                assertThat(LeftBehind.spawnedAll.get().await(5, TimeUnit.SECONDS)).as("the spawner is done").isTrue();
            }
            // Long enough for several of the heartbeat's checks to see whatever the others' threads do.
            busyFor(Duration.ofMillis(400));
            LeftBehind.passingTrialEnded.set(true);
        }
    }
}
