package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.signature.BugClass;

/** {@code @Diagnose}: classified failures, hangs judged instead of waited out, failOn, and misuse. */
class DiagnoseTests {

    @Test
    void lockCycleFailsTheTestAsSoonAsItFormsWithTheProof() {
        long started = System.nanoTime();
        Events tests = execute(DeadlockTestCases.class, Map.of());
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        Throwable failure = singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        PanicSignatureError error = (PanicSignatureError) failure;
        assertThat(error.bugClass()).isEqualTo(BugClass.DEADLOCK);
        assertThat(error.getMessage().lines().findFirst().orElseThrow())
                .matches("panic: DEADLOCK \\(confidence [01]\\.\\d\\d\\) under no pressure");
        assertThat(error.getMessage()).contains("proof:").contains("thread_blocked_on").contains("ReentrantLock")
                .contains("report: ");
        // the stall window is 30 s: the verdict came from the lock cycle, long before any stall or timeout
        assertThat(tookMillis).isLessThan(15_000);
        DeadlockTestCases.release();
    }

    @Test
    void waitingForeverIsAStallAfterTheWindowWithTheStuckFrameAsCause() {
        Events tests = execute(StallTestCases.class, Map.of());

        Throwable failure = singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.STALL);
        assertThat(failure.getMessage()).startsWith("panic: STALL (confidence 0.98) under no pressure\nthe test hung: stall");
        assertThat(failure.getCause().getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("waitsForever"));
        StallTestCases.never.countDown();
    }

    @Test
    void anUnclassifiedFailurePropagatesUnchanged() {
        Events tests = execute(PlainFailureTestCases.class, Map.of());

        Throwable failure = singleFailure(tests);
        assertThat(failure).isExactlyInstanceOf(AssertionError.class).hasMessage("an ordinary assertion");
    }

    @Test
    void aStackOverflowRethrownUnderAnotherNameIsStillUnboundedRecursion() {
        Events tests = execute(DisguisedRecursionTestCases.class, Map.of());

        Throwable failure = singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
        assertThat(failure.getMessage().lines().skip(1).findFirst()).contains("deadlock?");
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(StackOverflowError.class);
    }

    @Test
    void failOnFailsAPassingTestThatLeavesThreadsBehind() {
        Events tests = execute(LeakingThreadsTestCases.class, Map.of());

        Throwable failure = singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.THREAD_LEAK);
        assertThat(failure.getCause()).isNull();
        LeakingThreadsTestCases.stop.countDown();
    }

    @Test
    void aReportIsWrittenAndNamedForEveryJudgedFailure() {
        Events tests = execute(PlainFailureTestCases.class, Map.of());

        List<String> reports = tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(PanicConfiguration.REPORT_ENTRY))
                .map(pairs -> pairs.get(PanicConfiguration.REPORT_ENTRY)).toList();
        assertThat(reports).singleElement().asString().endsWith("PlainFailureTestCases.fails.html");
        java.nio.file.Path page = java.nio.file.Path.of(reports.get(0));
        assertThat(page).exists();
        // the run's index is written when the run ends, and links the page
        assertThat(page.resolveSibling("index.html")).exists().content().contains(page.getFileName().toString());
    }

    @Test
    void aBadStallWindowIsRejectedBeforeAnythingStarts() {
        Events tests = execute(BadWindowTestCases.class, Map.of());

        assertThat(singleFailure(tests)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@Diagnose(stallWindow) expected a duration such as 50ms, 2s or 1m, but was 'soon'"
                        + " on BadWindowTestCases.run(); write it like 500ms, 10s or 1m");
        assertThat(PanicThreads.alive()).isEmpty();
    }

    @Test
    void aStallWindowOutOfRangeIsRejected() {
        Events tests = execute(TinyWindowTestCases.class, Map.of());

        assertThat(singleFailure(tests)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@Diagnose(stallWindow) must be between 100ms and 1h, but was 10ms on TinyWindowTestCases.run()");
    }

    @Test
    void anUnknownRunWideFailOnClassNamesTheValidOnes() {
        Events tests = execute(PlainFailureTestCases.class, Map.of(PanicConfiguration.FAIL_ON_PROPERTY_NAME, "LEAKS"));

        assertThat(singleFailure(tests)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("panic.diagnose.failOn names 'LEAKS', which is not a bug class; use any of [DEADLOCK,");
    }

    @Test
    void runWideDiagnosisReachesUnannotatedTests() {
        Events tests = execute(UnannotatedRecursionTestCases.class, Map.of(
                "junit.jupiter.extensions.autodetection.enabled", "true",
                PanicConfiguration.DIAGNOSE_PROPERTY_NAME, "true"));

        assertThat(singleFailure(tests)).isInstanceOf(PanicSignatureError.class);
    }

    @Test
    void nothingIsLeftRunningAfterJudgedTests() {
        execute(PlainFailureTestCases.class, Map.of());
        execute(DisguisedRecursionTestCases.class, Map.of());
        assertThat(PanicThreads.alive()).isEmpty();
    }

    static Events execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    static Throwable singleFailure(Events tests) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    static class DeadlockTestCases {
        static final ReentrantLock from = new ReentrantLock();
        static final ReentrantLock to = new ReentrantLock();
        static final java.util.List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Test
        @Diagnose(stallWindow = "30s")
        void transfersInOppositeOrder() throws InterruptedException {
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread first = new Thread(() -> lockBoth(from, to, bothHoldOne), "teller-1");
            Thread second = new Thread(() -> lockBoth(to, from, bothHoldOne), "teller-2");
            workers.add(first);
            workers.add(second);
            first.start();
            second.start();
            first.join();
            second.join();
        }

        static void release() {
            workers.forEach(Thread::interrupt);
            workers.clear();
        }

        private static void lockBoth(ReentrantLock a, ReentrantLock b, CountDownLatch bothHoldOne) {
            try {
                a.lockInterruptibly();
                try {
                    bothHoldOne.countDown();
                    bothHoldOne.await();
                    b.lockInterruptibly();
                    b.unlock();
                } finally {
                    a.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static class StallTestCases {
        static final CountDownLatch never = new CountDownLatch(1);

        @Test
        @Diagnose(stallWindow = "500ms")
        void waitsForever() throws InterruptedException {
            never.await();
        }
    }

    static class PlainFailureTestCases {
        @Test
        @Diagnose
        void fails() {
            throw new AssertionError("an ordinary assertion");
        }
    }

    static class DisguisedRecursionTestCases {
        @Test
        @Diagnose
        void run() {
            try {
                depth(0);
            } catch (StackOverflowError e) {
                throw new IllegalStateException("deadlock?", e);
            }
        }

        private static int depth(int n) {
            return depth(n + 1) + 1;
        }
    }

    static class LeakingThreadsTestCases {
        static final CountDownLatch stop = new CountDownLatch(1);

        @Test
        @Diagnose(failOn = BugClass.THREAD_LEAK)
        void startsWorkersAndForgetsThem() {
            for (int i = 0; i < 4; i++) {
                Thread worker = new Thread(() -> {
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "forgotten-" + i);
                worker.setDaemon(true);
                worker.start();
            }
        }
    }

    static class BadWindowTestCases {
        @Test
        @Diagnose(stallWindow = "soon")
        void run() {
        }
    }

    static class TinyWindowTestCases {
        @Test
        @Diagnose(stallWindow = "10ms")
        void run() {
        }
    }

    static class UnannotatedRecursionTestCases {
        @Test
        void run() {
            recurse(0);
        }

        private static int recurse(int n) {
            return recurse(n + 1) + 1;
        }
    }
}
