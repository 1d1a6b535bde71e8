package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.signature.BugClass;

/**
 * A latency-sensitive request that needs 150 ms of CPU and must answer within 500 ms, sharing the
 * JVM with a CPU-bound batch job. The defect: the batch pool is sized for a big server (12 threads)
 * on a machine with far fewer cores, with no priority or admission control for the request; the
 * CPU pressure takes whatever the program leaves. The request is runnable all along and gets a
 * fraction of a core.
 */
public class CpuStarvationPrograms {

    private static final int BATCH_THREADS = 12;
    private static final long REQUEST_CPU_MILLIS = 150;
    private static final long BUDGET_MILLIS = 500;

    /** The request's work: exactly this much CPU time of the calling thread, whatever the machine's speed. */
    static long serve(long cpuMillis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(cpuMillis);
        long digest = 17;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                digest = digest * 31 + i;
            }
        }
        return digest;
    }

    @Test
    @Seeded(BugClass.CPU_STARVATION)
    @UnderPressure(cpu = 100)
    void requestStarvedByOversizedBatchPool() throws InterruptedException {
        ExecutorService batch = Executors.newFixedThreadPool(BATCH_THREADS);
        AtomicBoolean stop = new AtomicBoolean();
        for (int i = 0; i < BATCH_THREADS; i++) {
            batch.execute(() -> {
                long sink = 0;
                while (!stop.get()) {
                    sink += serve(5);
                }
                if (sink == 42) {
                    Thread.yield(); // keeps the work observable to the JIT
                }
            });
        }
        try {
            long start = System.nanoTime();
            serve(REQUEST_CPU_MILLIS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(elapsed).as("request latency, ms").isLessThan(BUDGET_MILLIS);
        } finally {
            stop.set(true);
            batch.shutdownNow();
            assertThat(batch.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * A session heartbeat (10 beats of 15 ms CPU each, all due within 500 ms) beside a parallel
     * re-index on a {@link ForkJoinPool} of 16 workers. The defect: the re-index's parallelism is a
     * constant chosen for another machine, not the cores this one has.
     */
    @Test
    @Seeded(BugClass.CPU_STARVATION)
    @UnderPressure(cpu = 100)
    void heartbeatStarvedByOversizedForkJoinPool() throws InterruptedException, ExecutionException {
        ForkJoinPool reindex = new ForkJoinPool(16);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            CompletableFuture<Long> index = CompletableFuture.supplyAsync(() -> reindex.submit(() -> LongStream
                    .range(0, 64).parallel().map(shard -> {
                        long sink = 0;
                        while (!stop.get()) {
                            sink += serve(5);
                        }
                        return sink;
                    }).sum()).join(), reindex);
            CompletableFuture<Long> heartbeat = new CompletableFuture<>();
            Thread beats = new Thread(() -> {
                long start = System.nanoTime();
                for (int beat = 0; beat < 10; beat++) {
                    serve(15);
                }
                heartbeat.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }, "heartbeat");
            beats.start();
            assertThat(heartbeat.get()).as("time to send 10 heartbeats, ms").isLessThan(BUDGET_MILLIS);
            stop.set(true);
            index.get();
        } finally {
            stop.set(true);
            reindex.shutdownNow();
            assertThat(reindex.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
