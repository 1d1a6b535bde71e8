package sample.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;

class CheckoutTest {

    @Test
    @UnderPressure(cpu = 50)
    void totalsTheBasketUnderCpuPressure() {
        assertThat(LongStream.rangeClosed(1, 2_000_000).sum()).isEqualTo(2_000_001_000_000L);
    }

    @Test
    @Diagnose(stallWindow = "5s")
    void transfersBetweenTwoAccountsAtOnce() throws InterruptedException {
        ReentrantLock alice = new ReentrantLock();
        ReentrantLock bob = new ReentrantLock();
        CountDownLatch bothBusy = new CountDownLatch(2);
        Thread aliceToBob = new Thread(() -> transfer(alice, bob, bothBusy), "alice-to-bob");
        Thread bobToAlice = new Thread(() -> transfer(bob, alice, bothBusy), "bob-to-alice");
        aliceToBob.setDaemon(true);
        bobToAlice.setDaemon(true);
        aliceToBob.start();
        bobToAlice.start();
        aliceToBob.join();
        bobToAlice.join();
    }

    private static void transfer(ReentrantLock from, ReentrantLock to, CountDownLatch bothBusy) {
        from.lock();
        try {
            bothBusy.countDown();
            bothBusy.await();
            to.lock();
            to.unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            from.unlock();
        }
    }
}
