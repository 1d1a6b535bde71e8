package dev.panicattack.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.EvidenceStore;

class HangDetectorTest {

    private static final Duration PERIOD = Duration.ofMillis(50);

    @Test
    void lockCycleAmongTestThreadsIsAHangAtOnce() throws Exception {
        TestThreads testThreads = TestThreads.startingNow();
        EvidenceStore store = EvidenceStore.open();
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread first = new Thread(() -> lockBoth(a, b, bothHoldOne), "worker-1");
        Thread second = new Thread(() -> lockBoth(b, a, bothHoldOne), "worker-2");
        try (HangDetector detector = HangDetector.start(testThreads, Duration.ofSeconds(30), PERIOD, store)) {
            first.start();
            second.start();
            Hang hang = detector.hang().get(10, TimeUnit.SECONDS);
            assertThat(hang.kind()).isEqualTo(Hang.Kind.DEADLOCK);
            assertThat(hang.threads()).containsExactlyInAnyOrder(TestThreads.idOf(first), TestThreads.idOf(second));
            assertThat(store.facts("hang")).singleElement().satisfies(fact -> assertThat(fact.values().get(1)).isEqualTo("deadlock"));
        } finally {
            first.interrupt();
            second.interrupt();
            first.join();
            second.join();
        }
    }

    @Test
    void testThreadsWaitingWithoutProgressAreAStallAfterTheWindow() throws Exception {
        TestThreads testThreads = TestThreads.startingNow();
        EvidenceStore store = EvidenceStore.open();
        CountDownLatch never = new CountDownLatch(1);
        Thread waiter = new Thread(() -> awaitQuietly(never), "waiter");
        long started = System.nanoTime();
        try (HangDetector detector = HangDetector.start(testThreads, Duration.ofMillis(500), PERIOD, store)) {
            waiter.start();
            Hang hang = detector.hang().get(10, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(hang.kind()).isEqualTo(Hang.Kind.STALL);
            assertThat(hang.threads()).containsExactly(TestThreads.idOf(waiter));
            assertThat(tookMillis).isBetween(450L, 5_000L);
            assertThat(store.facts("no_progress")).singleElement()
                    .satisfies(fact -> assertThat((Long) fact.values().get(2)).isGreaterThanOrEqualTo(500L));
        } finally {
            never.countDown();
            waiter.join();
        }
    }

    @Test
    void sleepingIsNotStalling() throws Exception {
        TestThreads testThreads = TestThreads.startingNow();
        CountDownLatch stop = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> sleepUntil(stop), "sleeper");
        try (HangDetector detector = HangDetector.start(testThreads, Duration.ofMillis(300), PERIOD, EvidenceStore.open())) {
            sleeper.start();
            assertThatThrownBy(() -> detector.hang().get(1500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        } finally {
            stop.countDown();
            sleeper.interrupt();
            sleeper.join();
        }
    }

    @Test
    void threadsThatExistedBeforeTheTrialAreNotWatched() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Thread preexisting = new Thread(() -> awaitQuietly(never), "pre-existing");
        preexisting.start();
        try (HangDetector detector = HangDetector.start(TestThreads.startingNow(), Duration.ofMillis(200), PERIOD,
                EvidenceStore.open())) {
            assertThatThrownBy(() -> detector.hang().get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        } finally {
            never.countDown();
            preexisting.join();
        }
    }

    @Test
    void closeStopsTheWatcherAndIsIdempotent() {
        HangDetector detector = HangDetector.start(TestThreads.startingNow(), Duration.ofSeconds(1), PERIOD, EvidenceStore.open());
        detector.close();
        detector.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("panic-hang-detector"));
    }

    @Test
    void rejectsAPeriodLongerThanTheWindow() {
        assertThatThrownBy(() -> HangDetector.start(TestThreads.startingNow(), Duration.ofMillis(100),
                Duration.ofMillis(200), EvidenceStore.open()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("check period must be positive and at most the stall window (PT0.1S), but was PT0.2S");
    }

    private static void lockBoth(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldOne) {
        try {
            first.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                second.lockInterruptibly();
                second.unlock();
            } finally {
                first.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(CountDownLatch stop) {
        while (stop.getCount() > 0) {
            try {
                Thread.sleep(10_000); // the subject under watch sleeps; the test itself does not wait on it
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
