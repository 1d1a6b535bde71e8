package dev.panicattack.examples.corpus.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Healthy;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.junit.UnderPressure.Time;

/** The same pacer and scheduler measuring waits on the monotonic clock, under the same clock steps. */
public class HealthyClockPrograms {

    /** One request per slot, measured on {@link System#nanoTime()}: a wall-clock step cannot move it. */
    static final class SlotPacer {
        private final long slotNanos;
        private long lastSlot = System.nanoTime();

        SlotPacer(long slotMillis) {
            this.slotNanos = TimeUnit.MILLISECONDS.toNanos(slotMillis);
        }

        synchronized void awaitSlot() throws InterruptedException {
            long next = lastSlot + slotNanos;
            long now;
            while ((now = System.nanoTime()) - next < 0) {
                TimeUnit.NANOSECONDS.timedWait(this, next - now);
            }
            lastSlot = now;
        }
    }

    // tag::monotonic-pacer[]
    @Test
    @Healthy
    @UnderPressure(time = @Time(jumps = "-1h every 300ms"))
    @Diagnose(stallWindow = "1s")
    void pacerWaitsOnTheMonotonicClock() throws InterruptedException {
        SlotPacer pacer = new SlotPacer(100);
        int sent = 0;
        for (int request = 0; request < 10; request++) {
            pacer.awaitSlot();
            sent++;
        }
        assertThat(sent).isEqualTo(10);
    }
    // end::monotonic-pacer[]

    /** Runs jobs due at a monotonic time, in nanoseconds. */
    static final class JobRunner {
        private final BlockingQueue<Integer> wakeUps = new LinkedBlockingQueue<>();
        private final AtomicInteger ran = new AtomicInteger();

        void runAll(List<Long> dueNanos, CountDownLatch done) throws InterruptedException {
            for (long due : dueNanos) {
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    wakeUps.poll(wait, TimeUnit.NANOSECONDS);
                }
                ran.incrementAndGet();
                done.countDown();
            }
        }
    }

    @Test
    @Healthy
    @UnderPressure(time = @Time(jumps = "-1h every 300ms"))
    @Diagnose(stallWindow = "1s")
    void schedulerWaitsOnTheMonotonicClock() throws InterruptedException {
        JobRunner runner = new JobRunner();
        List<Long> due = new ArrayList<>();
        long start = System.nanoTime();
        for (int id = 1; id <= 8; id++) {
            due.add(start + TimeUnit.MILLISECONDS.toNanos(100L * id));
        }
        CountDownLatch done = new CountDownLatch(due.size());
        Thread worker = new Thread(() -> {
            try {
                runner.runAll(due, done);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "job-runner");
        worker.start();
        try {
            done.await();
        } finally {
            worker.interrupt();
            worker.join();
        }
        assertThat(runner.ran).hasValue(8);
    }

    /** Wall-clock readings used only as labels are fine under any step: nothing waits on them. */
    @Test
    @Healthy
    @UnderPressure(time = @Time(jumps = "-1h every 300ms"))
    @Diagnose(stallWindow = "1s")
    void auditLogOnlyLabelsEntriesWithTheWallClock() {
        List<String> log = new ArrayList<>();
        for (int entry = 0; entry < 100; entry++) {
            log.add(LocalDateTime.now() + " entry " + entry);
        }
        assertThat(log).hasSize(100).allMatch(line -> line.contains(" entry "));
    }
}
