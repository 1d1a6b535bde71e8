package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.common.util.concurrent.ThreadFactoryBuilder;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/** Passing tests whose code starts threads and never stops them. */
public class ThreadLeakPrograms {

    private final List<ExecutorService> pools = new ArrayList<>();
    private final List<Timer> timers = new ArrayList<>();

    /** Fetches prices in parallel; the defect: each call builds its own pool and never shuts it down. */
    List<Integer> fetchAll(List<String> skus) throws InterruptedException, ExecutionException {
        ExecutorService fetchers = Executors.newFixedThreadPool(2,
                new ThreadFactoryBuilder().setNameFormat("price-fetcher-%d").build());
        pools.add(fetchers); // only so that the corpus can clean up after the verdict
        List<Future<Integer>> prices = new ArrayList<>();
        for (String sku : skus) {
            prices.add(fetchers.submit(() -> sku.length() * 100));
        }
        List<Integer> result = new ArrayList<>();
        for (Future<Integer> price : prices) {
            result.add(price.get());
        }
        return result;
    }

    @Test
    @Seeded(BugClass.THREAD_LEAK)
    @Diagnose(failOn = BugClass.THREAD_LEAK)
    void executorPerCallNeverShutDown() throws InterruptedException, ExecutionException {
        for (int call = 0; call < 3; call++) {
            assertThat(fetchAll(List.of("apple", "kiwi", "fig"))).containsExactly(500, 400, 300);
        }
    }

    /** Schedules a retry; the defect: a new {@link Timer} (one thread each) per call, never cancelled. */
    CompletableFuture<String> retryLater(String request) {
        Timer timer = new Timer("retry-" + request);
        timers.add(timer); // only so that the corpus can clean up after the verdict
        CompletableFuture<String> answer = new CompletableFuture<>();
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                answer.complete(request + ":retried");
            }
        }, 10);
        return answer;
    }

    @Test
    @Seeded(BugClass.THREAD_LEAK)
    @Diagnose(failOn = BugClass.THREAD_LEAK)
    void timerPerRetryNeverCancelled() throws InterruptedException, ExecutionException {
        CountDownLatch answered = new CountDownLatch(4);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int request = 0; request < 4; request++) {
            CompletableFuture<String> answer = retryLater("req" + request);
            answer.thenRun(answered::countDown);
            answers.add(answer);
        }
        assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answers.get(3).get()).isEqualTo("req3:retried");
    }

    /** After the verdict: what the programs leaked is stopped, so the build's JVM does not keep it. */
    @AfterEach
    void stopLeakedThreads() throws InterruptedException {
        timers.forEach(Timer::cancel);
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(2, TimeUnit.SECONDS)).isTrue();
        }
    }
}
