package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.trial.TrialEnvironment;

/** Pressure is on exactly while the test method runs, and off afterwards on every path. */
class PressureLifecycleTests {

    @Test
    void pressureIsAppliedDuringTheTestAndReportedAfterIt() {
        Events tests = execute(GentleCpuTestCases.class, Map.of());
        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(GentleCpuTestCases.threadsSeen.get()).anyMatch(name -> name.startsWith("panic-cpu-burner-"));
        assertThat(reportEntries(tests)).singleElement().asString()
                .startsWith("gentle-cpu (cpu 40%) | cpu target 40% achieved ");
        assertThat(PanicThreads.alive()).isEmpty();
    }

    @Test
    void everyFailurePathStopsAllPressure() {
        Events tests = execute(FailurePathTestCases.class, Map.of());
        tests.assertStatistics(stats -> stats.started(5).failed(5));
        tests.assertThatEvents()
                .haveExactly(1, event(test("assertionFails"), finishedWithFailure(instanceOf(AssertionError.class))))
                .haveExactly(1, event(test("overflowsTheStack"), finishedWithFailure(
                        instanceOf(PanicSignatureError.class), cause(instanceOf(StackOverflowError.class)))))
                .haveExactly(1, event(test("exhaustsTheHeap"), finishedWithFailure(
                        instanceOf(PanicSignatureError.class), cause(instanceOf(OutOfMemoryError.class)))))
                // Stuck for the whole of its time limit: judged a stall, the limit's TimeoutException the cause.
                .haveExactly(1, event(test("timesOut"), finishedWithFailure(
                        instanceOf(PanicSignatureError.class), cause(instanceOf(java.util.concurrent.TimeoutException.class)))))
                .haveExactly(1, event(test("isInterrupted"), finishedWithFailure(instanceOf(InterruptedException.class))));
        assertThat(PanicThreads.alive()).isEmpty();
        assertThat(heapUsedAfterGcPercent()).isLessThan(25);
    }

    @Test
    void outOfMemoryFailsOnlyThatTestClassifiedWithThePressureItRanUnder() {
        Events tests = execute(FailurePathTestCases.class, Map.of());
        String message = tests.failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow())
                .filter(thrown -> thrown.getCause() instanceof OutOfMemoryError)
                .map(Throwable::getMessage)
                .findFirst().orElseThrow();
        assertThat(message.lines().findFirst().orElseThrow())
                .isEqualTo("panic: HEAP_EXHAUSTION (confidence 0.98) under cpu 30%, heap 30%");
        assertThat(heapUsedAfterGcPercent()).isLessThan(25);
    }

    @Test
    void heapBallastIsHeldDuringTheTestAndDroppedAfter() {
        Events tests = execute(HeapTestCases.class, Map.of());
        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(HeapTestCases.usedPercentDuringTest.get()).isGreaterThan(20);
        assertThat(heapUsedAfterGcPercent()).isLessThan(20);
    }

    @Test
    void methodAnnotationOverridesClassAnnotation() {
        Events tests = execute(OverrideTestCases.class, Map.of());
        tests.assertStatistics(stats -> stats.succeeded(2));
        assertThat(reportEntries(tests)).hasSize(2)
                .anyMatch(entry -> entry.startsWith("cpu 20% |"))
                .anyMatch(entry -> entry.startsWith("cpu 50% |"));
    }

    @Test
    void constraintSetAndUnderPressureCompose() {
        Events tests = execute(ComposedTestCases.class, Map.of());
        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(reportEntries(tests)).singleElement().asString().startsWith("gentle-cpu + @UnderPressure (cpu 40%, heap 20%) |");
    }

    @Test
    void disabledRunAppliesNoPressure() {
        Events tests = execute(GentleCpuTestCases.class, Map.of(PanicConfiguration.ENABLED_PROPERTY_NAME, "false"));
        tests.assertStatistics(stats -> stats.succeeded(1));
        // Still diagnosed (the run's heartbeat watches it), with no stressor running.
        assertThat(GentleCpuTestCases.threadsSeen.get()).filteredOn(name -> name.startsWith("panic-"))
                .containsOnly(TrialEnvironment.HEARTBEAT_THREAD_NAME);
        assertThat(reportEntries(tests)).isEmpty();
    }

    @Test
    void runWideSetReachesUnannotatedTests() {
        Events tests = execute(PlainTestCases.class, Map.of(
                "junit.jupiter.extensions.autodetection.enabled", "true",
                PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu"));
        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(reportEntries(tests)).singleElement().asString().startsWith("gentle-cpu (cpu 40%) |");
    }

    @Test
    void pressureTestsNeverRunInParallelWithEachOther() {
        Events tests = execute(ParallelTestCases.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent"));
        tests.assertStatistics(stats -> stats.succeeded(3));
        assertThat(ParallelTestCases.maxConcurrent.get()).isEqualTo(1);
    }

    private static Events execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static List<String> reportEntries(Events events) {
        return events.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow())
                .map(entry -> entry.getKeyValuePairs().get(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static long heapUsedAfterGcPercent() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed() * 100 / Runtime.getRuntime().maxMemory();
    }

    static class GentleCpuTestCases {
        static final AtomicReference<List<String>> threadsSeen = new AtomicReference<>(List.of());

        @Test
        @ConstraintSet("gentle-cpu")
        void run() {
            threadsSeen.set(Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList());
        }
    }

    @UnderPressure(cpu = 30, memory = 30)
    static class FailurePathTestCases {
        @Test
        void assertionFails() {
            throw new AssertionError("expected failure");
        }

        @Test
        void overflowsTheStack() {
            recurse(0);
        }

        @Test
        void exhaustsTheHeap() {
            long[] tooLarge = new long[Integer.MAX_VALUE - 8];
            assertThat(tooLarge).isNotNull();
        }

        @Test
        @Timeout(value = 1, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SAME_THREAD)
        void timesOut() throws InterruptedException {
            new CountDownLatch(1).await();
        }

        @Test
        void isInterrupted() throws InterruptedException {
            Thread.currentThread().interrupt();
            new CountDownLatch(1).await();
        }

        private static int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }
    }

    static class HeapTestCases {
        static final AtomicInteger usedPercentDuringTest = new AtomicInteger();

        @Test
        @ConstraintSet("small-heap")
        void run() {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            usedPercentDuringTest.set((int) (used * 100 / Runtime.getRuntime().maxMemory()));
        }
    }

    @UnderPressure(cpu = 20)
    static class OverrideTestCases {
        @Test
        void inheritsClass() {
        }

        @Test
        @UnderPressure(cpu = 50)
        void overridesClass() {
        }
    }

    static class ComposedTestCases {
        @Test
        @ConstraintSet("gentle-cpu")
        @UnderPressure(memory = 20)
        void run() {
        }
    }

    static class PlainTestCases {
        @Test
        void run() {
        }
    }

    @UnderPressure(cpu = 10)
    static class ParallelTestCases {
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger maxConcurrent = new AtomicInteger();

        @Test
        void first() {
            overlapCheck();
        }

        @Test
        void second() {
            overlapCheck();
        }

        @Test
        void third() {
            overlapCheck();
        }

        private static void overlapCheck() {
            int now = running.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            // Give a concurrent sibling the chance to overlap, without sleeping: spin briefly on the clock.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            running.decrementAndGet();
        }
    }
}
