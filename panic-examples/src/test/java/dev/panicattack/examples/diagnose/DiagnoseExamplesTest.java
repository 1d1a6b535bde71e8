package dev.panicattack.examples.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicSignatureError;
import dev.panicattack.signature.BugClass;

/**
 * The examples of docs/diagnose.md. They fail for real; this test runs them through the engine and
 * asserts how, so the build stays green while the demo still fails.
 */
class DiagnoseExamplesTest {

    @AfterEach
    void freeTheTellers() {
        Bank.tellers.forEach(Thread::interrupt);
        Bank.tellers.clear();
    }

    @Test
    void theDeadlockIsClassifiedWithItsProof() {
        PanicSignatureError error = (PanicSignatureError) failureOf(BankTransferTest.class);

        assertThat(error.bugClass()).isEqualTo(BugClass.DEADLOCK);
        assertThat(error.getMessage()).startsWith("panic: DEADLOCK (confidence 1.00) under no pressure");
    }

    @Test
    void theDeadlockEndsWithBothAcquisitionSitesToFix() {
        String message = failureOf(BankTransferTest.class).getMessage();

        String site = "  at " + Bank.class.getName() + ".transfer(DiagnoseExamplesTest.java:%d): thread \"%s\" waits here for ";
        assertThat(message).containsPattern("\nfix: take \\S+ and \\S+ in one global order at every site below, or take the"
                        + " second with tryLock\\(timeout\\) and release the first when it fails\n")
                .contains(String.format(site, TRANSFER_SECOND_LOCK, "alice-to-bob"),
                        String.format(site, TRANSFER_SECOND_LOCK, "bob-to-alice"));
    }

    @Test
    void aCaughtAndRenamedStackOverflowIsStillRecursion() {
        PanicSignatureError error = (PanicSignatureError) failureOf(ExpressionTest.class);

        assertThat(error.bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
        assertThat(error.getCause()).isInstanceOf(IllegalStateException.class);
    }

    private static Throwable failureOf(Class<?> example) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("panic.diagnose.flightRecorder", "false")
                .selectors(selectClass(example)).execute().testEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
    }

    /** The line of {@link Bank#transfer}'s second lock: where both tellers wait. */
    private static final int TRANSFER_SECOND_LOCK = 79;

    static final class Bank {
        static final List<Thread> tellers = new CopyOnWriteArrayList<>();

        static void transfer(ReentrantLock from, ReentrantLock to, CountDownLatch bothBusy) {
            try {
                from.lockInterruptibly();
                try {
                    bothBusy.countDown();
                    bothBusy.await();
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

    // tag::deadlock[]
    static class BankTransferTest {

        @Test
        @Diagnose(stallWindow = "5s")
        void transfersBetweenTwoAccountsAtOnce() throws InterruptedException {
            ReentrantLock alice = new ReentrantLock();
            ReentrantLock bob = new ReentrantLock();
            CountDownLatch bothBusy = new CountDownLatch(2);

            Thread aliceToBob = new Thread(() -> Bank.transfer(alice, bob, bothBusy), "alice-to-bob");
            Thread bobToAlice = new Thread(() -> Bank.transfer(bob, alice, bothBusy), "bob-to-alice");
            Bank.tellers.addAll(List.of(aliceToBob, bobToAlice));
            aliceToBob.start();
            bobToAlice.start();
            aliceToBob.join();
            bobToAlice.join();
        }
    }
    // end::deadlock[]

    // tag::recursion[]
    static class ExpressionTest {

        @Test
        @Diagnose
        void evaluatesADeeplyNestedExpression() {
            String expression = "(".repeat(200_000) + "1" + ")".repeat(200_000);
            try {
                assertThat(Parser.evaluate(expression)).isEqualTo(1);
            } catch (StackOverflowError e) {
                throw new IllegalStateException("deadlock?", e); // a misleading name fools nothing
            }
        }
    }
    // end::recursion[]

    /** A recursive descent evaluator for parenthesised integers: recursion depth grows with the input. */
    static final class Parser {
        private final String text;
        private int position;

        private Parser(String text) {
            this.text = text;
        }

        static int evaluate(String text) {
            return new Parser(text).value();
        }

        private int value() {
            if (text.charAt(position) == '(') {
                position++;
                int inner = value();
                position++;
                return inner;
            }
            return text.charAt(position++) - '0';
        }
    }
}
