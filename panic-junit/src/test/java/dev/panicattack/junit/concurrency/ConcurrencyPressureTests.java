package dev.panicattack.junit.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.PanicSignatureError;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.junit.UnderPressure.Concurrency;
import dev.panicattack.signature.BugClass;

/** The concurrency attributes of {@code @UnderPressure} through the engine: noise, parallel copies, safety, misuse. */
class ConcurrencyPressureTests {

    @AfterEach
    void nothingIsLeftBehind() {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.isAlive()
                && thread.getName().startsWith("panic-contender-"));
        assertThat(System.getProperties()).doesNotContainKey("dev.panicattack.concurrency.noise");
    }

    @Test
    void aLostUpdateUnderNoiseIsADataRaceNamingTheSeed() {
        Events tests = execute(RacyCounterTestCases.class);

        Throwable failure = singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.DATA_RACE);
        assertThat(failure.getMessage().lines().findFirst().orElseThrow())
                .matches("panic: DATA_RACE \\(confidence [01]\\.\\d\\d\\) under concurrency noise 50% seed 123");
        assertThat(failure.getMessage()).contains("noise-at-unsynchronized-write-broke-an-assertion")
                .contains("kind=\"shared_write\"").contains("concurrency_seed(seed=123)");
        assertThat(failure.getCause()).isInstanceOf(AssertionError.class);
        assertThat(pressureEntries(tests)).singleElement().asString()
                .contains("replay with @UnderPressure(concurrency = @Concurrency(seed = 123)) or concurrency: { seed: 123 }");
    }

    @Test
    void theSynchronizedCounterPassesUnderTheSameNoise() {
        Events tests = execute(GuardedCounterTestCases.class);

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(tests.failed().count()).isZero();
    }

    @Test
    void parallelCopiesRunAtOnceEachInATestThread() {
        ParallelTestCases.names.clear();
        Events tests = execute(ParallelTestCases.class);

        assertThat(tests.succeeded().count()).isEqualTo(1);
        // Copy 0 is the body itself, on JUnit's thread; the others run on threads of their own.
        assertThat(ParallelTestCases.names).hasSize(4).contains("test-body-copies-copy-1", "test-body-copies-copy-2",
                "test-body-copies-copy-3").noneMatch(name -> name.startsWith("panic-"));
        assertThat(pressureEntries(tests)).singleElement().asString().contains("4 parallel copies (0 failed)");
    }

    @Test
    void theFirstFailingCopyFailsTheTestWithTheOthersSuppressed() {
        Events tests = execute(AllCopiesFailTestCases.class);

        Throwable failure = singleFailure(tests);
        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class).hasMessage("copy failed");
        assertThat(failure.getSuppressed()).filteredOn(IllegalStateException.class::isInstance).hasSize(2);
        assertThat(pressureEntries(tests)).singleElement().asString().contains("3 parallel copies (3 failed)");
    }

    @Test
    void theThunderingHerdSetStartsSixteenCopiesAmongContenders() {
        HerdTestCases.names.clear();
        Events tests = execute(HerdTestCases.class);

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(HerdTestCases.names).hasSize(16).filteredOn(name -> name.startsWith("test-body-burst-copy-")).hasSize(15);
        assertThat(pressureEntries(tests)).singleElement().asString()
                .startsWith("thundering-herd (concurrency noise 5% seed ")
                .contains("8 contenders, 16 parallel copies) | concurrency seed ")
                .contains("16 parallel copies (0 failed)");
    }

    @Test
    void aFailingBodyStillStopsEverything() {
        Events tests = execute(FailingUnderContendersTestCases.class);

        assertThat(singleFailure(tests)).isExactlyInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    void badAttributesAreRefusedBeforeAnythingStarts() {
        Throwable failure = singleFailure(execute(BadNoiseTestCases.class));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@UnderPressure(concurrency = @Concurrency(noise)) must be between 0 and 100 (percent of"
                        + " noise point hits), but was 150 on BadNoiseTestCases.noisy()");
        failure = singleFailure(execute(BadParallelTestCases.class));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@UnderPressure(concurrency = @Concurrency(parallel)) must be between 1 and 256 (copies of"
                        + " the test body), but was 0 on BadParallelTestCases.none()");
    }

    private static Events execute(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static List<String> pressureEntries(Events tests) {
        return tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .map(pairs -> pairs.get(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .toList();
    }

    private static Throwable singleFailure(Events tests) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    /** Two threads, 2000 increments each, of a counter whose increment is a plain read-modify-write. */
    static class RacyCounterTestCases {
        private int count;

        void increment() {
            count++;
        }

        @Test
        @UnderPressure(concurrency = @Concurrency(noise = 50, seed = 123))
        void counts() throws InterruptedException {
            runTwice(this::increment);
            assertThat(count).isEqualTo(4000);
        }
    }

    /** The same counter, its increment synchronized. */
    static class GuardedCounterTestCases {
        private int count;

        synchronized void increment() {
            count++;
        }

        @Test
        @UnderPressure(concurrency = @Concurrency(noise = 50, seed = 123))
        void counts() throws InterruptedException {
            runTwice(this::increment);
            synchronized (this) {
                assertThat(count).isEqualTo(4000);
            }
        }
    }

    static void runTwice(Runnable increment) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[2];
        for (int index = 0; index < threads.length; index++) {
            threads[index] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 2000; i++) {
                    increment.run();
                }
            }, "counter-" + index);
            threads[index].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static class ParallelTestCases {
        static final Set<String> names = ConcurrentHashMap.newKeySet();

        @Test
        @UnderPressure(concurrency = @Concurrency(parallel = 4))
        void copies() {
            names.add(Thread.currentThread().getName());
        }
    }

    static class AllCopiesFailTestCases {
        static final AtomicInteger runs = new AtomicInteger();

        @Test
        @UnderPressure(concurrency = @Concurrency(parallel = 3))
        void fails() {
            runs.incrementAndGet();
            throw new IllegalStateException("copy failed");
        }
    }

    static class HerdTestCases {
        static final Set<String> names = ConcurrentHashMap.newKeySet();
        private final Object lock = new Object();

        @Test
        @dev.panicattack.junit.ConstraintSet("thundering-herd")
        void burst() {
            synchronized (lock) {
                names.add(Thread.currentThread().getName());
            }
        }
    }

    static class FailingUnderContendersTestCases {
        private final Object lock = new Object();

        @Test
        @UnderPressure(concurrency = @Concurrency(contenders = 4, noise = 20, commonPool = UnderPressure.WHOLE_COMMON_POOL))
        void fails() {
            synchronized (lock) {
                throw new IllegalStateException("boom");
            }
        }
    }

    static class BadNoiseTestCases {
        @Test
        @UnderPressure(concurrency = @Concurrency(noise = 150))
        void noisy() {
        }
    }

    static class BadParallelTestCases {
        @Test
        @UnderPressure(concurrency = @Concurrency(parallel = 0))
        void none() {
        }
    }
}
