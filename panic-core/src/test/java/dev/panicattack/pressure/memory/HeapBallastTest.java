package dev.panicattack.pressure.memory;

import dev.panicattack.evidence.MaxHeap;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.StressorThreads;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs against a small heap budget (not the surefire JVM's real maximum) so the ballast stays a
 * few hundred MiB at most on a shared machine.
 */
class HeapBallastTest {

    private static final long BUDGET = 512L * 1024 * 1024;

    @AfterEach
    void nothingLeftRunning() {
        assertThat(StressorThreads.alive()).isEmpty();
    }

    @Test
    void reachesTargetOccupancy() {
        HeapBallast ballast = new HeapBallast(new HeapPlan(OptionalDouble.of(40), 0, 95), BUDGET, byte[]::new);
        try (ballast) {
            ballast.start();
            assertThat(StressorThreads.alive()).contains("panic-heap-ballast");
            StressorThreads.await(() -> ballast.trace().samples().size() >= 10, "10 heap samples");
            PressureSample last = lastSample(ballast.trace());
            assertThat(last.target()).isEqualTo(40);
            assertThat(last.achieved()).isBetween(35.0, 45.0);
            assertThat(ballast.ballastBytes()).isPositive().isLessThanOrEqualTo((long) (0.41 * BUDGET));
            assertThat(ballast.ballastBytes() % HeapBallast.PIECE_FOOTPRINT).isZero();
            assertThat(lastSample(ballast.ballastTrace()).achieved()).isEqualTo(ballast.ballastBytes());
        }
        assertThat(ballast.ballastBytes()).isZero();
        assertThat(ballast.isReleased()).isTrue();
    }

    @Test
    void growsAtTheLeakRateUpToTheCeiling() {
        // 10% growing 10%/s up to 60%: five seconds of growth, so a starved sampler still sees it grow.
        HeapBallast ballast = new HeapBallast(new HeapPlan(OptionalDouble.of(10), 10, 60), BUDGET, byte[]::new);
        try (ballast) {
            ballast.start();
            StressorThreads.await(() -> ballast.trace().samples().size() >= 25
                    && lastSample(ballast.trace()).target() == 60, "the ceiling and 25 heap samples");
        }
        List<PressureSample> samples = ballast.trace().samples();
        // Chosen by time, not by index: on a busy machine samples come late and irregularly.
        List<PressureSample> growing = samples.stream()
                .filter(sample -> seconds(sample.at()) >= 0.5 && seconds(sample.at()) <= 4.5).toList();
        assertThat(growing).hasSizeGreaterThanOrEqualTo(2);
        PressureSample first = growing.get(0);
        PressureSample last = growing.get(growing.size() - 1);
        assertThat(seconds(last.at()) - seconds(first.at())).isGreaterThanOrEqualTo(1.0);
        assertThat(first.target()).isCloseTo(10 + 10 * seconds(first.at()), org.assertj.core.data.Offset.offset(0.01));
        double rate = (last.achieved() - first.achieved()) / (seconds(last.at()) - seconds(first.at()));
        assertThat(rate).isBetween(5.0, 15.0);
        assertThat(samples.get(samples.size() - 1).target()).isEqualTo(60);
        assertThat(samples.get(samples.size() - 1).achieved()).isBetween(55.0, 65.0);
    }

    @Test
    void releaseFreesTheHeapAtOnceAndStopsGrowing() {
        HeapBallast ballast = new HeapBallast(new HeapPlan(OptionalDouble.of(40), 0, 95), BUDGET, byte[]::new);
        try (ballast) {
            ballast.start();
            StressorThreads.await(() -> ballast.ballastBytes() > 150L * 1024 * 1024, "150 MiB of ballast");
            long held = ballast.ballastBytes();
            long usedBefore = heapUsed();

            ballast.release();

            assertThat(ballast.ballastBytes()).isZero();
            assertThat(heapUsed()).isLessThan(usedBefore - held / 2);
            int samples = ballast.trace().samples().size();
            StressorThreads.await(() -> !workerAlive(), "the ballast thread to stop after release");
            assertThat(ballast.trace().samples().size()).isBetween(samples, samples + 1);
            assertThat(ballast.ballastBytes()).isZero();
            assertThat(ballast.yieldedToOutOfMemory()).isFalse();
        }
    }

    @Test
    void yieldsWhenItsOwnAllocationRunsOutOfMemory() {
        AtomicInteger allocations = new AtomicInteger();
        // Simulated: the tenth piece fails as a full heap would, without endangering this JVM.
        HeapBallast ballast = new HeapBallast(new HeapPlan(OptionalDouble.of(40), 0, 95), BUDGET, size -> {
            if (allocations.incrementAndGet() == 10) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
            return new byte[size];
        });
        try (ballast) {
            ballast.start();
            StressorThreads.await(ballast::yieldedToOutOfMemory, "the ballast to yield");
            StressorThreads.await(() -> !workerAlive(), "the ballast thread to stop after yielding");
            assertThat(ballast.ballastBytes()).isZero();
            assertThat(ballast.isReleased()).isTrue();
            assertThat(allocations.get()).isEqualTo(10);
        }
    }

    @Test
    void baseDefaultsToTheOccupancyAtStart() {
        HeapBallast ballast = new HeapBallast(new HeapPlan(OptionalDouble.empty(), 0, 95), BUDGET, byte[]::new);
        try (ballast) {
            ballast.start();
            assertThat(ballast.basePercent()).isBetween(0.0, 95.0);
            StressorThreads.await(() -> ballast.trace().samples().size() >= 3, "3 heap samples");
            assertThat(lastSample(ballast.trace()).target()).isEqualTo(ballast.basePercent());
        }
    }

    @Test
    void closeIsIdempotentAndWorksBeforeStart() {
        HeapBallast ballast = new HeapBallast(new HeapPlan(OptionalDouble.of(10), 0, 95), BUDGET, byte[]::new);
        ballast.close();
        ballast.close();
        assertThat(ballast.trace().samples()).isEmpty();
        assertThat(MaxHeap.ofThisJvm()).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }

    private static boolean workerAlive() {
        return StressorThreads.alive().contains("panic-heap-ballast");
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static PressureSample lastSample(PressureTrace trace) {
        return trace.samples().get(trace.samples().size() - 1);
    }

}
