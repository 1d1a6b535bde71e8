package dev.panicattack.examples.assail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.junit.Assail;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.PanicSignatureError;
import dev.panicattack.signature.BugClass;

/**
 * The examples of docs/assail.md, "Targeted attacks": what the ledger's findings choose, and the
 * deadlock proved from both the bytecode and the blocked threads. The deadlock fails for real; this
 * test runs it through the engine and asserts how, so the build stays green.
 */
class AssailExamplesTest {

    @AfterEach
    void freeTheTellers() {
        OppositeTransfersTest.tellers.forEach(Thread::interrupt);
        OppositeTransfersTest.tellers.clear();
    }

    @Test
    void theLedgersLockOrderChoosesCpuAndConcurrency() {
        Events tests = run(LedgerTest.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        String entry = tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(Assail.REPORT_ENTRY)).map(pairs -> pairs.get(Assail.REPORT_ENTRY))
                .findFirst().orElseThrow();
        assertThat(entry).startsWith("3 findings chose cpu, concurrency")
                .containsPattern("cpu chosen by LOCK_ORDER at dev\\.panicattack\\.examples\\.assail\\.Ledger"
                        + "\\.(cashToCredit|creditToCash):\\d+, applied");
    }

    @Test
    void oppositeTransfersDeadlockAndTheProofNamesTheCodeAndTheBlockedFrame() {
        Throwable failure = run(OppositeTransfersTest.class).failed().stream().findFirst()
                .flatMap(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable())
                .orElseThrow();

        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.DEADLOCK);
        assertThat(failure.getMessage()).startsWith("panic: DEADLOCK (confidence 1.00) under @Assail (cpu 80%, concurrency 2 contenders)\n")
                .contains("also by static-lock-order-inversion:")
                .containsPattern("static_lock_order\\(class=\"dev\\.panicattack\\.examples\\.assail\\.Ledger\", method="
                        + "\"(cashToCredit|creditToCash)\", line=\\d+, first_lock=")
                .containsPattern("hang_frame\\(.*method=\"dev\\.panicattack\\.examples\\.assail\\.Ledger\\."
                        + "(cashToCredit|creditToCash)\"\\)");
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .selectors(selectClass(testClass)).execute().testEvents();
    }

    static class OppositeTransfersTest {
        static final List<Thread> tellers = new CopyOnWriteArrayList<>();

        // tag::deadlock[]
        @Test
        @Assail(Ledger.class)
        @Diagnose(stallWindow = "30s")
        void transfersBothWaysAtOnce() throws InterruptedException {
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Ledger ledger = new Ledger(100, 100, step -> {
                bothHoldOne.countDown();
                bothHoldOne.await(10, TimeUnit.SECONDS);
            });
            Thread first = teller("teller-1", () -> ledger.cashToCredit(10));
            Thread second = teller("teller-2", () -> ledger.creditToCash(10));
            first.join();
            second.join();
        }
        // end::deadlock[]

        interface Transfer {
            void run() throws InterruptedException;
        }

        private static Thread teller(String name, Transfer transfer) {
            Thread thread = new Thread(() -> {
                try {
                    transfer.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name);
            tellers.add(thread);
            thread.start();
            return thread;
        }
    }
}
