package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/** Waits for a signal that was lost or never sent: no lock cycle, no I/O, just no progress. */
public class StallPrograms {

    /** A one-shot mailbox whose reader waits without checking whether the message already came. */
    static final class Mailbox {
        private String message;

        synchronized void deliver(String text) {
            message = text;
            notifyAll();
        }

        /** The defect: waits unconditionally, so a notify that came before the wait is lost. */
        synchronized String take() throws InterruptedException {
            wait();
            return message;
        }
    }

    @Test
    @Seeded(BugClass.STALL)
    @Diagnose(stallWindow = "1s")
    void lostWakeUp() throws InterruptedException {
        Mailbox mailbox = new Mailbox();
        Thread postman = new Thread(() -> mailbox.deliver("parcel"), "postman");
        postman.start();
        postman.join();
        // The delivery (and its notify) happened first: this wait has nobody left to wake it.
        assertThat(mailbox.take()).isEqualTo("parcel");
    }

    /** Settles orders asynchronously; the defect: the failure path never completes the future. */
    static CompletableFuture<Long> settle(long orderId, CountDownLatch settled) {
        CompletableFuture<Long> receipt = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                if (orderId % 2 == 0) {
                    receipt.complete(orderId * 10);
                }
                // odd ids are "rejected" and simply forgotten: neither complete nor completeExceptionally
            } finally {
                settled.countDown();
            }
        }, "settlement-" + orderId);
        worker.start();
        return receipt;
    }

    @Test
    @Seeded(BugClass.STALL)
    @Diagnose(stallWindow = "1s")
    void futureNeverCompleted() throws InterruptedException, ExecutionException {
        CountDownLatch settled = new CountDownLatch(2);
        CompletableFuture<Long> even = settle(42, settled);
        CompletableFuture<Long> odd = settle(43, settled);
        settled.await();
        assertThat(even.get()).isEqualTo(420);
        assertThat(odd.get()).isPositive();
    }
}
