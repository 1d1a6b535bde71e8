package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.google.common.util.concurrent.Striped;

import dev.panicattack.examples.corpus.Healthy;
import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.signature.BugClass;

/** Correct concurrent code, several of them under CPU pressure: each must pass with no signature. */
public class HealthyConcurrencyPrograms {

    /** A counter whose increments are all made under its monitor. */
    static final class SafeCounter {
        private long count;

        synchronized void increment() {
            count++;
        }

        synchronized long count() {
            return count;
        }
    }

    @Test
    @Healthy
    @UnderPressure(cpu = 80)
    @Diagnose(failOn = {BugClass.DATA_RACE, BugClass.LOCK_CONTENTION, BugClass.THREAD_LEAK})
    void synchronizedCounterUnderCpuPressure() throws InterruptedException {
        SafeCounter counter = new SafeCounter();
        runAll(4, worker -> {
            for (int i = 0; i < 100_000; i++) {
                counter.increment();
            }
        });
        assertThat(counter.count()).isEqualTo(400_000);
    }

    @Test
    @Healthy
    @UnderPressure(cpu = 80)
    void concurrentHashMapWordCount() throws InterruptedException {
        String text = "the quick brown fox jumps over the lazy dog the end";
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        runAll(4, worker -> {
            for (int round = 0; round < 2_000; round++) {
                for (String word : text.split(" ")) {
                    counts.computeIfAbsent(word, key -> new LongAdder()).increment();
                }
            }
        });
        assertThat(counts.get("the").sum()).isEqualTo(3L * 2_000 * 4);
        assertThat(counts.get("fox").sum()).isEqualTo(2_000L * 4);
    }

    @Test
    @Healthy
    @Diagnose(stallWindow = "2s", failOn = {BugClass.THREAD_LEAK, BugClass.STALL})
    void boundedProducerConsumer() throws InterruptedException, ExecutionException {
        BlockingQueue<Long> queue = new ArrayBlockingQueue<>(16);
        long poison = -1;
        CompletableFuture<Long> consumed = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            long sum = 0;
            try {
                for (long item = queue.take(); item != poison; item = queue.take()) {
                    sum += item;
                }
                consumed.complete(sum);
            } catch (InterruptedException e) {
                consumed.completeExceptionally(e);
            }
        }, "consumer");
        consumer.start();
        for (long item = 1; item <= 10_000; item++) {
            queue.put(item);
        }
        queue.put(poison);
        assertThat(consumed.get()).isEqualTo(10_000L * 10_001 / 2);
        consumer.join();
    }

    @Test
    @Healthy
    @Diagnose(failOn = {BugClass.THREAD_LEAK, BugClass.THREAD_POOL_SATURATION})
    void fixedPoolThatIsShutDown() throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                squares.add(pool.submit(() -> n * n));
            }
            int sum = 0;
            for (Future<Integer> square : squares) {
                sum += square.get();
            }
            assertThat(sum).isEqualTo(2470);
        } finally {
            pool.shutdown();
        }
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Healthy
    @ConstraintSet("cpu-spikes")
    void caffeineCacheUnderCpuSpikes() throws InterruptedException {
        LoadingCache<Integer, String> cache = Caffeine.newBuilder().maximumSize(500).build(key -> "v" + key);
        runAll(4, worker -> {
            for (int i = 0; i < 20_000; i++) {
                assertThat(cache.get(i % 1_000)).isEqualTo("v" + (i % 1_000));
            }
        });
        cache.cleanUp();
        assertThat(cache.estimatedSize()).isLessThanOrEqualTo(500);
    }

    @Test
    @Healthy
    @Diagnose(failOn = {BugClass.THREAD_LEAK, BugClass.THREAD_POOL_SATURATION, BugClass.STALL})
    void completableFuturePipeline() throws InterruptedException {
        ExecutorService stages = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Integer> price = CompletableFuture.supplyAsync(() -> 120, stages);
            CompletableFuture<Integer> discount = CompletableFuture.supplyAsync(() -> 20, stages);
            CompletableFuture<String> label = price.thenCombineAsync(discount, (p, d) -> p - d, stages)
                    .thenApplyAsync(total -> "total=" + total, stages);
            assertThat(label.join()).isEqualTo("total=100");
        } finally {
            stages.shutdown();
        }
        assertThat(stages.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Transfers that take both locks with a bounded tryLock and back off, so opposite orders cannot deadlock. */
    static boolean tryTransfer(Lock from, Lock to) throws InterruptedException {
        if (!from.tryLock(10, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            if (!to.tryLock(10, TimeUnit.MILLISECONDS)) {
                return false;
            }
            to.unlock();
            return true;
        } finally {
            from.unlock();
        }
    }

    /**
     * After a failed attempt, wait a random moment before the next: two threads that retry in
     * lockstep would otherwise time out against each other forever (a livelock, which the stall
     * detector rightly reports).
     */
    private static void backOff() throws InterruptedException {
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 5));
    }

    @Test
    @Healthy
    @Diagnose(stallWindow = "1s", failOn = {BugClass.DEADLOCK, BugClass.STALL})
    void reentrantLockTryLockWithTimeout() throws InterruptedException {
        Lock checking = new ReentrantLock();
        Lock savings = new ReentrantLock();
        LongAdder done = new LongAdder();
        runAll(2, worker -> {
            Lock first = worker == 0 ? checking : savings;
            Lock second = worker == 0 ? savings : checking;
            int transfers = 0;
            try {
                while (transfers < 500) {
                    if (tryTransfer(first, second)) {
                        transfers++;
                    } else {
                        backOff();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(transfers);
        });
        assertThat(done.sum()).isEqualTo(1_000);
    }

    @Test
    @Healthy
    @Diagnose(stallWindow = "1s", failOn = {BugClass.MISSING_TIMEOUT, BugClass.STALL})
    void loopbackReadWithTimeoutFallsBack() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
            client.setSoTimeout(200);
            String status;
            try {
                InputStream in = client.getInputStream();
                status = in.read() == -1 ? "closed" : "answered";
            } catch (SocketTimeoutException e) {
                status = "unknown (timed out)";
            }
            assertThat(status).isEqualTo("unknown (timed out)");
        }
    }

    /** A one-shot mailbox that waits only while nothing has arrived, so an early delivery is kept. */
    static final class GuardedMailbox {
        private String message;

        synchronized void deliver(String text) {
            message = text;
            notifyAll();
        }

        synchronized String take() throws InterruptedException {
            while (message == null) {
                wait();
            }
            return message;
        }
    }

    @Test
    @Healthy
    @Diagnose(stallWindow = "1s", failOn = BugClass.STALL)
    void guardedWaitSurvivesEarlyNotify() throws InterruptedException {
        GuardedMailbox mailbox = new GuardedMailbox();
        Thread postman = new Thread(() -> mailbox.deliver("parcel"), "postman");
        postman.start();
        postman.join();
        assertThat(mailbox.take()).isEqualTo("parcel");
    }

    @Test
    @Healthy
    @Diagnose(stallWindow = "1s", failOn = {BugClass.DEADLOCK, BugClass.THREAD_LEAK})
    void guavaStripedLocksTakenInOneOrder() throws InterruptedException {
        Striped<Lock> accounts = Striped.lock(16);
        long[] balances = new long[8];
        java.util.Arrays.fill(balances, 1_000);
        runAll(2, worker -> {
            for (int i = 0; i < 2_000; i++) {
                int from = (i + worker) % balances.length;
                int to = (from + 3 + worker) % balances.length;
                // bulkGet returns the stripes in a fixed global order: no two transfers lock in opposite order.
                Iterable<Lock> locks = accounts.bulkGet(List.of(from, to));
                List<Lock> held = new ArrayList<>();
                for (Lock lock : locks) {
                    lock.lock();
                    held.add(lock);
                }
                try {
                    synchronized (balances) {
                        balances[from] -= 1;
                        balances[to] += 1;
                    }
                } finally {
                    for (int h = held.size() - 1; h >= 0; h--) {
                        held.get(h).unlock();
                    }
                }
            }
        });
        assertThat(java.util.Arrays.stream(balances).sum()).isEqualTo(8_000);
    }

    /** Runs {@code threads} workers to completion; the first worker failure fails the test. */
    static void runAll(int threads, java.util.function.IntConsumer work) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                    work.accept(index);
                    outcome.complete(null);
                } catch (Throwable failure) {
                    // handed to the test thread below, not swallowed
                    outcome.completeExceptionally(failure);
                }
            }, "worker-" + i);
            workers.add(worker);
            worker.start();
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        outcomes.forEach(CompletableFuture::join);
    }
}
