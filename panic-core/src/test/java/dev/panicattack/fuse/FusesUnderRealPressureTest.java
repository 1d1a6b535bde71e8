package dev.panicattack.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.pressure.memory.HeapBallast;
import dev.panicattack.pressure.memory.HeapPlan;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The predictive fuse and the safety invariant against the real heap ballast, with wide bands (shared 2-core machine). */
class FusesUnderRealPressureTest {

    @AfterEach
    void nothingLeftRunning() {
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("panic-"))).isEmpty();
    }

    @Test
    void underARealLeakThePredictiveFuseTripsLongBeforeTheThresholdFuseAndTheInvariantHolds() throws Exception {
        PredictiveFuse predictive = PredictiveFuse.builder("predictive").limit("heap", 90).build();
        ThresholdFuse threshold = new ThresholdFuse("threshold", "heap", 88);
        HeapBallast leak = new HeapBallast(new HeapPlan(OptionalDouble.of(70), 2, 92));
        StateSampler sampler = null;
        try (leak) {
            // Garbage left by earlier tests counts as used heap and would move both fuses' trips.
            System.gc();
            leak.start();
            assertThat(leak.awaitEstablished(Duration.ofSeconds(30))).isTrue();
            sampler = StateSampler.builder().heap().fuse(predictive).fuse(threshold)
                    .listener(predictive::observe).listener(threshold::observe)
                    // One request per sample: an open fuse sheds it, so shedding shows in the shed counts.
                    .listener(sample -> {
                        predictive.admit();
                        threshold.admit();
                    })
                    .start();
            await(() -> threshold.state() == FuseState.OPEN, Duration.ofSeconds(40), "the threshold fuse to open");
            // What a fuse protects against: the leaking work is shed, so the heap comes back.
            leak.release();
            StateSampler running = sampler;
            await(() -> running.samples().get(running.samples().size() - 1).value("heap") < 70, Duration.ofSeconds(10),
                    "the heap to fall below 70%");
        } finally {
            if (sampler != null) {
                sampler.close();
            }
        }
        List<StateSample> samples = sampler.samples();
        double predictiveAt = predictive.trippedAtSample().orElseThrow().toNanos() / 1e9;
        double thresholdAt = threshold.trippedAtSample().orElseThrow().toNanos() / 1e9;
        // 70% + 2%/s reaches 88% after 9 s; the trend is clear about 3-4 s in. The heap sampled includes the
        // young garbage of the ballast's own growth, which brings the threshold trip forward on a busy machine.
        assertThat(thresholdAt - predictiveAt).as("lead of the predictive fuse over the threshold fuse, in seconds")
                .isGreaterThan(2.0);
        double heapAtPredictiveTrip = samples.stream().filter(sample -> sample.at().toNanos() / 1e9 <= predictiveAt)
                .reduce((a, b) -> b).orElseThrow().value("heap");
        assertThat(heapAtPredictiveTrip).isLessThan(84);

        SafetyInvariant invariant = SafetyInvariant.of("heap comes back", StateCondition.below("heap", 75),
                StateCondition.atLeast("heap", 88), Duration.ofSeconds(5));
        SafetyInvariant.InvariantCheck check = invariant.check(samples);
        assertThat(check.holds()).as(check.message()).isTrue();
        assertThat(check.criticalStates()).isPositive();
    }

    @Test
    void aSteadySeventyPercentHeapDoesNotTripThePredictiveFuse() throws Exception {
        PredictiveFuse predictive = PredictiveFuse.builder("predictive").limit("heap", 90).build();
        try (HeapBallast steady = new HeapBallast(new HeapPlan(OptionalDouble.of(70), 0, 70))) {
            steady.start();
            assertThat(steady.awaitEstablished(Duration.ofSeconds(30))).isTrue();
            try (StateSampler sampler = StateSampler.builder().heap().listener(predictive::observe).start()) {
                await(() -> sampler.samples().size() >= 60, Duration.ofSeconds(30), "60 samples");
                assertThat(sampler.samples()).allSatisfy(sample -> assertThat(sample.value("heap")).isBetween(55.0, 88.0));
            }
        }
        assertThat(predictive.trips()).isZero();
        assertThat(predictive.projections()).singleElement()
                .satisfies(projection -> assertThat(projection.leaves()).isFalse());
    }

    static void await(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
