package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/** Pools whose workers are all taken: by their own subtasks, or by a slow backend. */
public class PoolSaturationPrograms {

    private ExecutorService pool;
    private CountDownLatch backend;

    /**
     * Renders a page by rendering its fragments on the same pool and waiting for them. The defect:
     * with as many pages as workers, every worker waits for fragments queued behind it.
     */
    static String renderPage(ExecutorService renderers, int page) throws InterruptedException, ExecutionException {
        Future<String> header = renderers.submit(() -> "header-" + page);
        Future<String> body = renderers.submit(() -> "body-" + page);
        return header.get() + "|" + body.get();
    }

    @Test
    @Seeded(BugClass.THREAD_POOL_SATURATION)
    @Diagnose(stallWindow = "1s")
    void tasksWaitForSubtasksOnTheSamePool() throws InterruptedException, ExecutionException {
        pool = Executors.newFixedThreadPool(2);
        List<Future<String>> pages = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            int number = page;
            pages.add(pool.submit(() -> renderPage(pool, number)));
        }
        for (Future<String> page : pages) {
            assertThat(page.get()).startsWith("header-");
        }
    }

    /** Uploads go through a small bounded pool; the defect: it aborts when its queue fills while workers block. */
    static ThreadPoolExecutor uploadPool() {
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(2),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Test
    @Seeded(BugClass.THREAD_POOL_SATURATION)
    @Diagnose(stallWindow = "2s")
    void boundedPoolRejectsWhileWorkersBlock() throws InterruptedException {
        backend = new CountDownLatch(1);
        ThreadPoolExecutor uploads = uploadPool();
        pool = uploads;
        CountDownLatch started = new CountDownLatch(2);
        for (int file = 0; file < 6; file++) {
            uploads.execute(() -> {
                started.countDown();
                try {
                    backend.await(); // the slow backend: answers only when the test is over
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            if (file == 1) {
                started.await(); // both workers are inside the backend call
            }
        }
        assertThat(uploads.getCompletedTaskCount()).isEqualTo(6);
    }

    /** After the verdict: the backend answers and the pool stops. */
    @AfterEach
    void stopPool() throws InterruptedException {
        if (backend != null) {
            backend.countDown();
        }
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(2, TimeUnit.SECONDS)).as("pool stopped").isTrue();
        }
    }
}
