package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.signature.BugClass;

/**
 * Where the test body runs: on JUnit's own thread by default, so thread-bound context reaches it
 * under every entry point; hangs are still judged and freed; set-up stays out of the test's own
 * {@code @Timeout}; interrupts and unwritable reports never cost the verdict.
 */
class ThreadModelTests {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    @Test
    void threadBoundContextFromBeforeEachReachesTheBodyUnderEveryAnnotation() {
        Events tests = execute(AnnotatedContextTestCases.class, Map.of());

        tests.assertStatistics(stats -> stats.succeeded(3).failed(0));
    }

    @Test
    void threadBoundContextReachesTheBodyUnderRunWideDiagnosis() {
        Events tests = execute(PlainContextTestCases.class,
                Map.of(AUTODETECTION, "true", PanicConfiguration.DIAGNOSE_PROPERTY_NAME, "true"));

        tests.assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void threadBoundContextReachesTheBodyUnderARunWideSet() {
        Events tests = execute(PlainContextTestCases.class,
                Map.of(AUTODETECTION, "true", PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu"));

        tests.assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void aSeparateThreadIsChosenPerTestAndRunWide() {
        Events perTest = execute(SeparateThreadTestCases.class, Map.of());
        perTest.assertStatistics(stats -> stats.succeeded(1).failed(0));

        Events runWide = execute(RunWideSeparateTestCases.class,
                Map.of(PanicConfiguration.THREAD_MODE_PROPERTY_NAME, "separate_thread"));
        runWide.assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void aBadThreadModeIsRejectedWithTheValuesAllowed() {
        Events tests = execute(RunWideSeparateTestCases.class,
                Map.of(PanicConfiguration.THREAD_MODE_PROPERTY_NAME, "elsewhere"));

        assertThat(DiagnoseTests.singleFailure(tests)).hasMessage(
                "panic.diagnose.threadMode must be one of inferred, same_thread, separate_thread, but was 'elsewhere'");
    }

    @Test
    void aStallOnJUnitsThreadIsJudgedFreedAndLeavesNoInterruptToTheNextTest() {
        Events tests = execute(StallThenNextTestCases.class, Map.of());

        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.STALL);
        // The body came back through its interrupt: that is kept beside the verdict.
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
        tests.assertStatistics(stats -> stats.succeeded(1).failed(1));
        assertThat(StallThenNextTestCases.nextSawInterrupt.get()).isFalse();
    }

    @Test
    void aMonitorCycleInTheBodyFailsAtOnceOnASeparateThread() {
        Events tests = execute(MonitorCycleTestCases.class, Map.of());

        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.DEADLOCK);
    }

    @Test
    void establishingPressureDoesNotCountAgainstTheTestsOwnTimeout() {
        Events tests = execute(TimeoutUnderHeapPressureTestCases.class, Map.of());

        tests.assertStatistics(stats -> stats.succeeded(1).failed(0));
        // The ballast was filled between @BeforeEach and the body, longer than the test's 250 ms limit.
        assertThat(TimeoutUnderHeapPressureTestCases.setUpMillis.get()).isGreaterThan(250);
    }

    @Test
    void aTestStuckPastItsOwnTimeLimitIsJudgedAStallWithItsReportInEveryTimeoutAndThreadMode() {
        for (Class<?> fixture : List.of(SameThreadTimeoutTestCases.class, SeparateThreadTimeoutTestCases.class,
                SeparateBodyTimeoutTestCases.class)) {
            Events tests = execute(fixture, Map.of());

            Throwable failure = DiagnoseTests.singleFailure(tests);
            assertThat(failure).as(fixture.getSimpleName()).isInstanceOf(PanicSignatureError.class);
            assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.STALL);
            assertThat(failure.getMessage()).as(fixture.getSimpleName())
                    .contains("waitsPastItsLimit() timed out after 1000 milliseconds").contains("report: ")
                    .doesNotContain("report: not written");
            assertThat(failure.getCause()).isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(reportEntries(tests)).as(fixture.getSimpleName()).anyMatch(entry -> entry.endsWith(".html"));
        }
    }

    @Test
    void anUnclassifiedFailureKeepsItsTypeAndMessageAndSaysWhereTheReportIs() {
        Events tests = execute(PlainFailureTestCases.class, Map.of());

        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isExactlyInstanceOf(AssertionError.class).hasMessage("an ordinary assertion");
        assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("panic: UNCLASSIFIED under no pressure; no rule derived a class from the evidence; report: ");
    }

    @Test
    void anUnwritableReportDirectoryIsAWarningBesideTheVerdict(@TempDir Path temporary) throws Exception {
        Path notADirectory = Files.writeString(temporary.resolve("occupied"), "a file where the reports would go");
        Events tests = execute(RecursionTestCases.class,
                Map.of(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, notADirectory.toString()));

        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
        assertThat(failure.getMessage()).contains("report: not written (cannot create the report directory");
    }

    static Events execute(Class<?> fixture, Map<String, String> configuration) {
        Map<String, String> all = new HashMap<>(configuration);
        return EngineTestKit.engine("junit-jupiter").configurationParameters(all).selectors(selectClass(fixture))
                .execute().testEvents();
    }

    static List<String> reportEntries(Events tests) {
        return tests.reportingEntryPublished().stream()
                .flatMap(event -> event.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
                .flatMap(entry -> entry.getKeyValuePairs().values().stream()).toList();
    }

    /** A fixture a framework would bind to the test's thread (a transaction, MDC, a security context). */
    static final ThreadLocal<String> BOUND = new ThreadLocal<>();

    static class AnnotatedContextTestCases {

        @BeforeEach
        void bind() {
            BOUND.set("bound in @BeforeEach");
        }

        @AfterEach
        void unbind() {
            BOUND.remove();
        }

        @Test
        @Diagnose
        void diagnosed() {
            assertThat(BOUND.get()).isEqualTo("bound in @BeforeEach");
        }

        @Test
        @UnderPressure(cpu = 20)
        void underPressure() {
            assertThat(BOUND.get()).isEqualTo("bound in @BeforeEach");
        }

        @Test
        @ConstraintSet("gentle-cpu")
        void underASet() {
            assertThat(BOUND.get()).isEqualTo("bound in @BeforeEach");
        }
    }

    static class PlainContextTestCases {

        @BeforeEach
        void bind() {
            BOUND.set("bound in @BeforeEach");
        }

        @AfterEach
        void unbind() {
            BOUND.remove();
        }

        @Test
        void plain() {
            assertThat(BOUND.get()).isEqualTo("bound in @BeforeEach");
        }
    }

    static class SeparateThreadTestCases {

        @Test
        @Diagnose(threadMode = Diagnose.ThreadMode.SEPARATE_THREAD)
        void elsewhere() {
            assertThat(Thread.currentThread().getName()).isEqualTo("test-body-elsewhere");
        }
    }

    static class RunWideSeparateTestCases {

        @Test
        @Diagnose
        void elsewhere() {
            assertThat(Thread.currentThread().getName()).isEqualTo("test-body-elsewhere");
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StallThenNextTestCases {
        static final AtomicReference<Boolean> nextSawInterrupt = new AtomicReference<>();

        @Test
        @Order(1)
        @Diagnose(stallWindow = "300ms")
        void waitsForever() throws InterruptedException {
            new CountDownLatch(1).await();
        }

        @Test
        @Order(2)
        void next() {
            nextSawInterrupt.set(Thread.currentThread().isInterrupted());
        }
    }

    static class MonitorCycleTestCases {
        static final Object first = new Object();
        static final Object second = new Object();

        @Test
        @Diagnose(threadMode = Diagnose.ThreadMode.SEPARATE_THREAD, stallWindow = "30s")
        void entersACycleItself() throws InterruptedException {
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread other = new Thread(() -> lockBoth(second, first, bothHoldOne), "monitor-teller");
            // Stuck on a monitor for good: a daemon, so it cannot hold the JVM.
            other.setDaemon(true);
            other.start();
            lockBoth(first, second, bothHoldOne);
        }

        private static void lockBoth(Object a, Object b, CountDownLatch bothHoldOne) {
            synchronized (a) {
                bothHoldOne.countDown();
                try {
                    bothHoldOne.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                synchronized (b) {
                    bothHoldOne.countDown();
                }
            }
        }
    }

    static class TimeoutUnderHeapPressureTestCases {
        static final AtomicLong setUpMillis = new AtomicLong();
        private long beforeEachNanos;

        @BeforeEach
        void start() {
            beforeEachNanos = System.nanoTime();
        }

        @Test
        @Timeout(value = 250, unit = TimeUnit.MILLISECONDS)
        @UnderPressure(memory = 90)
        void quick() {
            setUpMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeEachNanos));
        }
    }

    static class SameThreadTimeoutTestCases {

        @Test
        @Timeout(value = 1000, unit = TimeUnit.MILLISECONDS)
        @UnderPressure(cpu = 30)
        void waitsPastItsLimit() throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }

    static class SeparateBodyTimeoutTestCases {

        @Test
        @Timeout(value = 1000, unit = TimeUnit.MILLISECONDS)
        @UnderPressure(cpu = 30)
        @Diagnose(threadMode = Diagnose.ThreadMode.SEPARATE_THREAD)
        void waitsPastItsLimit() throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }

    static class PlainFailureTestCases {

        @Test
        @Diagnose
        void fails() {
            throw new AssertionError("an ordinary assertion");
        }
    }

    static class SeparateThreadTimeoutTestCases {

        @Test
        @Timeout(value = 1000, unit = TimeUnit.MILLISECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        @UnderPressure(cpu = 30)
        void waitsPastItsLimit() throws InterruptedException {
            new CountDownLatch(1).await(5, TimeUnit.SECONDS);
        }
    }

    static class RecursionTestCases {

        @Test
        @Diagnose
        void recurses() {
            recurse(0);
        }

        private static int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }
    }
}
