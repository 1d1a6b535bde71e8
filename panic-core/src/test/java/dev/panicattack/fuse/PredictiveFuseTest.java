package dev.panicattack.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class PredictiveFuseTest {

    private static PredictiveFuse heapFuse() {
        return PredictiveFuse.builder("heap-guard").limit("heap", 90).build();
    }

    /** Feeds 10 samples per second of {@code heapAt(seconds)} plus seeded noise of +-2 points, until {@code seconds}. */
    private static void feed(double from, double to, DoubleUnaryOperator heapAt, long seed, PredictiveFuse predictive,
            ThresholdFuse threshold) {
        Random noise = new Random(seed);
        for (long millis = Math.round(from * 1000); millis <= Math.round(to * 1000); millis += 100) {
            double value = heapAt.applyAsDouble(millis / 1000.0) + (noise.nextDouble() * 4 - 2);
            StateSample sample = StateSample.of(Duration.ofMillis(millis), Map.of("heap", value));
            predictive.observe(sample);
            threshold.observe(sample);
        }
    }

    @Test
    void aSteadyNoisyLevelNeverTrips() {
        PredictiveFuse predictive = heapFuse();
        ThresholdFuse threshold = new ThresholdFuse("threshold", "heap", 90);

        feed(0, 120, t -> 70, 7, predictive, threshold);

        assertThat(predictive.trips()).isZero();
        assertThat(predictive.state()).isEqualTo(FuseState.CLOSED);
        assertThat(predictive.projections()).singleElement().satisfies(projection -> {
            assertThat(projection.level()).isBetween(67.0, 73.0);
            assertThat(projection.leaves()).isFalse();
        });
    }

    @Test
    void aLeakTripsItOnTheTrajectoryLongBeforeTheThresholdFuse() {
        PredictiveFuse predictive = heapFuse();
        ThresholdFuse threshold = new ThresholdFuse("threshold", "heap", 90);

        feed(0, 25, t -> 50 + 2 * t, 11, predictive, threshold);

        // Heap 50 + 2t leaves "heap < 90" at 20 s; the 10 s horizon sees it coming from about 10 s on.
        double predictiveAt = predictive.trippedAtSample().orElseThrow().toNanos() / 1e9;
        double thresholdAt = threshold.trippedAtSample().orElseThrow().toNanos() / 1e9;
        assertThat(predictiveAt).isBetween(8.5, 11.5);
        assertThat(thresholdAt).isBetween(18.5, 20.5);
        assertThat(predictive.trips()).isEqualTo(1);
        assertThat(predictive.state()).isEqualTo(FuseState.OPEN);
    }

    @Test
    void theShedFractionRisesAsTheProjectionLeavesSoonerAndSheddingFollowsIt() {
        PredictiveFuse predictive = heapFuse();
        ThresholdFuse threshold = new ThresholdFuse("threshold", "heap", 90);

        feed(0, 11, t -> 50 + 2 * t, 3, predictive, threshold);
        double early = predictive.shedFraction();
        feed(11.1, 16, t -> 50 + 2 * t, 3, predictive, threshold);
        double later = predictive.shedFraction();
        feed(16.1, 21, t -> 50 + 2 * t, 3, predictive, threshold);

        assertThat(early).isBetween(0.0, 0.3);
        assertThat(later).isBetween(0.4, 0.8);
        assertThat(predictive.shedFraction()).isEqualTo(1.0);
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += predictive.admit() ? 1 : 0;
        }
        assertThat(admitted).isZero();
        assertThat(predictive.shedCount()).isEqualTo(10);
    }

    @Test
    void itHalfOpensAndClosesOnlyWhenTheProjectionReturnsInsideWithHysteresis() {
        PredictiveFuse predictive = heapFuse();
        ThresholdFuse threshold = new ThresholdFuse("threshold", "heap", 90);
        feed(0, 15, t -> 50 + 2 * t, 5, predictive, threshold);
        assertThat(predictive.state()).isEqualTo(FuseState.OPEN);

        // Flat at 88: inside the region, but not below 90 * 0.95 = 85.5, so it stays open.
        feed(15.1, 25, t -> 88, 5, predictive, threshold);
        assertThat(predictive.state()).isEqualTo(FuseState.OPEN);

        feed(25.1, 25.5, t -> 60, 5, predictive, threshold);
        assertThat(predictive.state()).isEqualTo(FuseState.HALF_OPEN);
        assertThat(predictive.shedFraction()).isZero();

        feed(25.6, 30, t -> 60, 5, predictive, threshold);
        assertThat(predictive.state()).isEqualTo(FuseState.CLOSED);
        assertThat(predictive.trips()).isEqualTo(1);
    }

    @Test
    void anyLimitedDimensionCanTripIt() {
        PredictiveFuse fuse = PredictiveFuse.builder("guard").limit("heap", 90).limit("latency_ms", 200).build();
        for (int i = 0; i <= 30; i++) {
            fuse.observe(StateSample.of(Duration.ofMillis(100L * i), Map.of("heap", 60.0, "latency_ms", 100.0 + 20 * i)));
        }
        assertThat(fuse.state()).isEqualTo(FuseState.OPEN);
        assertThat(fuse.projections()).extracting(PredictiveFuse.Projection::leaves).containsExactly(false, true);
    }

    @Test
    void rejectsBadConfigurationAndSamples() {
        assertThatThrownBy(() -> PredictiveFuse.builder("guard").build())
                .hasMessage("PredictiveFuse 'guard' has no limit, so its safe region is everything; declare at least one,"
                        + " like limit(\"heap\", 90)");
        assertThatThrownBy(() -> PredictiveFuse.builder("guard").horizon(Duration.ZERO))
                .hasMessage("PredictiveFuse 'guard': horizon must be positive, but was PT0S");
        assertThatThrownBy(() -> PredictiveFuse.builder("guard").window(Duration.ofSeconds(-2)))
                .hasMessage("PredictiveFuse 'guard': window must be positive, but was PT-2S");
        assertThatThrownBy(() -> PredictiveFuse.builder("guard").hysteresis(1))
                .hasMessage("PredictiveFuse 'guard': hysteresis must be at least 0 and below 1, but was 1.0");
        assertThatThrownBy(() -> PredictiveFuse.builder("guard").limit("heap", 90).limit("heap", 80))
                .hasMessage("PredictiveFuse 'guard' already has a limit on 'heap' (90); declare each dimension once");
        PredictiveFuse fuse = heapFuse();
        assertThatThrownBy(() -> fuse.observe(StateSample.of(Duration.ZERO, Map.of("cpu", 50.0))))
                .hasMessage("PredictiveFuse 'heap-guard' has a limit on 'heap' but the sample at 0s {cpu=50} does not"
                        + " have it; sample it or remove the limit");
    }
}
