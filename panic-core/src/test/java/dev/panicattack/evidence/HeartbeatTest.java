package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The run's one heartbeat outlives whatever a beat throws, running out of memory included. */
class HeartbeatTest {

    private static final Duration PERIOD = Duration.ofMillis(5);

    @Test
    void aBeatWhoseFailureCannotBeRecordedIsCancelledAndTheOthersGoOn() throws InterruptedException {
        try (Heartbeat heartbeat = Heartbeat.start("panic-heartbeat-test")) {
            CountDownLatch failed = new CountDownLatch(1);
            heartbeat.every(PERIOD, Duration.ZERO, () -> {
                throw new IllegalStateException("the observation fails");
            }, failure -> {
                failed.countDown();
                throw new OutOfMemoryError("recording the failure runs out of memory");
            });
            assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch beats = new CountDownLatch(3);
            heartbeat.every(PERIOD, Duration.ZERO, beats::countDown, failure -> { });

            assertThat(beats.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(heartbeat.thread().isAlive()).isTrue();
        }
    }

    @Test
    void anObservationThatRunsOutOfMemoryIsSkippedCountedAndTheSamplingGoesOn() throws InterruptedException {
        EvidenceStore store = EvidenceStore.open();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch sampled = new CountDownLatch(2);
        PeriodicSampler sampler = new PeriodicSampler("panic-sampler-test", Optional.empty(), Duration.ZERO, PERIOD,
                "jvm", store, () -> {
                    if (calls.incrementAndGet() <= 2) {
                        throw new OutOfMemoryError("the heap is full for a moment");
                    }
                    store.add("sampled", (long) calls.get());
                    sampled.countDown();
                });
        sampler.start();
        try {
            assertThat(sampled.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            sampler.close();
        }

        assertThat(store.facts("sensor_failed")).isEmpty();
        assertThat(store.facts("samples_missed")).containsExactly(Fact.of("samples_missed", "jvm", 2L));
    }
}
