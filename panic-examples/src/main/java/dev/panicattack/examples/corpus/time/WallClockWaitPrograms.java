package dev.panicattack.examples.corpus.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.junit.UnderPressure.Time;
import dev.panicattack.signature.BugClass;

/**
 * Programs that measure a wait with the wall clock; the clock steps back an hour every 300 ms, as an
 * NTP correction can, so the next wall-clock deadline is suddenly an hour away.
 */
public class WallClockWaitPrograms {

    /** Lets one request through per slot of {@code slotMillis}; the defect: slots are measured on the wall clock. */
    static final class SlotPacer {
        private final long slotMillis;
        private long lastSlot = System.currentTimeMillis();

        SlotPacer(long slotMillis) {
            this.slotMillis = slotMillis;
        }

        synchronized void awaitSlot() throws InterruptedException {
            long next = lastSlot + slotMillis;
            long now;
            while ((now = System.currentTimeMillis()) < next) {
                wait(next - now);
            }
            lastSlot = now;
        }
    }

    // tag::pacer[]
    @Test
    @Seeded(BugClass.STALL)
    @UnderPressure(time = @Time(jumps = "-1h every 300ms"))
    @Diagnose(stallWindow = "1s")
    void pacerWaitsForTheWallClock() throws InterruptedException {
        SlotPacer pacer = new SlotPacer(100);
        int sent = 0;
        for (int request = 0; request < 10; request++) {
            pacer.awaitSlot();
            sent++;
        }
        assertThat(sent).isEqualTo(10);
    }
    // end::pacer[]

    /** A job due at a wall-clock instant. */
    record Job(int id, Instant dueAt) {
    }

    /**
     * Runs jobs at their due time on one worker, waking early when a job is submitted; the defect: the
     * wait until the next job is measured on the wall clock.
     */
    static final class JobRunner {
        private final BlockingQueue<Job> wakeUps = new LinkedBlockingQueue<>();
        private final AtomicInteger ran = new AtomicInteger();

        void runAll(List<Job> jobs, CountDownLatch done) throws InterruptedException {
            for (Job job : jobs) {
                long wait;
                while ((wait = job.dueAt().toEpochMilli() - Instant.now().toEpochMilli()) > 0) {
                    wakeUps.poll(wait, TimeUnit.MILLISECONDS);
                }
                ran.incrementAndGet();
                done.countDown();
            }
        }
    }

    @Test
    @Seeded(BugClass.STALL)
    @UnderPressure(time = @Time(jumps = "-1h every 300ms"))
    @Diagnose(stallWindow = "1s")
    void schedulerWaitsForTheWallClock() throws InterruptedException {
        JobRunner runner = new JobRunner();
        List<Job> jobs = new ArrayList<>();
        Instant start = Instant.now();
        for (int id = 1; id <= 8; id++) {
            jobs.add(new Job(id, start.plusMillis(100L * id)));
        }
        CountDownLatch done = new CountDownLatch(jobs.size());
        Thread worker = new Thread(() -> {
            try {
                runner.runAll(jobs, done);
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
}
