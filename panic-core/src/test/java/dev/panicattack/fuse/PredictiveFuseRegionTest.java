package dev.panicattack.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/** The safe region as an intersection of half-spaces: limits on weighted combinations of dimensions. */
class PredictiveFuseRegionTest {

    /** heap + 0.2 * latency_ms < PRESSURE: a bound that no sample time lands exactly on. */
    private static final double PRESSURE = 119.05;
    private static final double HORIZON = 10;

    /** heap = 60 + t and latency_ms = 100 + 5t, so heap + 0.2 * latency_ms = 80 + 2t. */
    private static Map<String, Double> climbing(double seconds) {
        return Map.of("heap", 60 + seconds, "latency_ms", 100 + 5 * seconds);
    }

    /** Feeds one sample every 100 ms from {@code from} to {@code to} seconds, both included. */
    private static void feed(PredictiveFuse fuse, double from, double to, DoubleFunction<Map<String, Double>> state) {
        for (long tenth = Math.round(from * 10); tenth <= Math.round(to * 10); tenth++) {
            fuse.observe(StateSample.of(Duration.ofMillis(100 * tenth), state.apply(tenth / 10.0)));
        }
    }

    private static PredictiveFuse.Builder boxOnly() {
        return PredictiveFuse.builder("guard").limit("heap", 90).limit("latency_ms", 250);
    }

    private static PredictiveFuse withPressure() {
        return boxOnly().limit("pressure", Map.of("heap", 1.0, "latency_ms", 0.2), PRESSURE).build();
    }

    @Test
    void theCombinationLeavesWhileEachDimensionStaysInsideItsBox() {
        PredictiveFuse fuse = withPressure();

        feed(fuse, 0, 15, PredictiveFuseRegionTest::climbing);

        // 80 + 2t leaves at (PRESSURE - 80) / 2 = 19.525 s; the horizon sees it from 9.525 s, the
        // first sample after that is 9.6 s, where the exit is (PRESSURE - 99.2) / 2 = 9.925 s away.
        double seesItAt = (PRESSURE - 80) / 2 - HORIZON;
        long tripTenth = (long) Math.ceil(seesItAt * 10);
        double tripSeconds = tripTenth / 10.0;
        double fractionAtTrip = 1 - (PRESSURE - (80 + 2 * tripSeconds)) / 2 / HORIZON;
        assertThat(fuse.trippedAtSample()).hasValue(Duration.ofMillis(100 * tripTenth));
        assertThat(tripSeconds).isEqualTo(9.6);
        assertThat(fuse.trips()).isEqualTo(1);
        assertThat(fuse.state()).isEqualTo(FuseState.OPEN);
        // The fraction at the trip, and at 15 s where the exit is (PRESSURE - 110) / 2 = 4.525 s away.
        double fractionNow = 1 - (PRESSURE - 110) / 2 / HORIZON;
        assertThat(fractionNow).isCloseTo(0.5475, within(1e-12));
        assertThat(fuse.shedFraction()).isCloseTo(fractionNow, within(1e-9));
        PredictiveFuse again = withPressure();
        feed(again, 0, tripSeconds, PredictiveFuseRegionTest::climbing);
        assertThat(again.shedFraction()).isCloseTo(fractionAtTrip, within(1e-9));
        assertThat(fractionAtTrip).isCloseTo(0.0075, within(1e-12));

        assertThat(fuse.projections()).extracting(PredictiveFuse.Projection::dimension)
                .containsExactly("heap", "latency_ms", "pressure");
        assertThat(fuse.projections()).extracting(PredictiveFuse.Projection::leaves).containsExactly(false, false, true);
        PredictiveFuse.Projection pressure = fuse.projections().get(2);
        assertThat(pressure.limit()).isEqualTo(PRESSURE);
        assertThat(pressure.raw()).isCloseTo(110, within(1e-9));
        assertThat(pressure.slopePerSecond()).isCloseTo(2, within(1e-9));
        assertThat(pressure.describe()).isEqualTo("pressure 110 +2/s -> 130 at horizon, leaves in 4.5s");

        int served = 0;
        for (int call = 0; call < 100; call++) {
            served += fuse.admit() ? 1 : 0;
        }
        assertThat(fuse.shedCount()).isEqualTo((long) Math.floor(100 * fractionNow));
        assertThat(served).isEqualTo(100 - 54);
    }

    @Test
    void theSameTrajectoryInsideABoxAloneDoesNotTrip() {
        PredictiveFuse fuse = boxOnly().build();

        feed(fuse, 0, 15, PredictiveFuseRegionTest::climbing);

        assertThat(fuse.trips()).isZero();
        assertThat(fuse.state()).isEqualTo(FuseState.CLOSED);
        // Each box is 15 s away at 15 s: heap (90 - 75) / 1, latency (250 - 175) / 5.
        assertThat(fuse.projections()).extracting(PredictiveFuse.Projection::secondsToLeave)
                .allSatisfy(seconds -> assertThat(seconds).isCloseTo(15, within(1e-6)));
    }

    @Test
    void steadyNoiseInsideTheRegionNeverTrips() {
        PredictiveFuse fuse = withPressure();
        Random noise = new Random(17);

        // heap + 0.2 * latency_ms around 100, noise up to +-4 on the combination, for two minutes.
        feed(fuse, 0, 120, seconds -> Map.of("heap", 70 + noise.nextDouble() * 4 - 2,
                "latency_ms", 150 + noise.nextDouble() * 20 - 10));

        assertThat(fuse.trips()).isZero();
        assertThat(fuse.state()).isEqualTo(FuseState.CLOSED);
        assertThat(fuse.projections().get(2).level()).isBetween(96.0, 104.0);
    }

    @Test
    void itRecoversThroughHalfOpenOnceTheCombinationIsBackInsideWithMargin() {
        PredictiveFuse fuse = withPressure();
        feed(fuse, 0, 15, PredictiveFuseRegionTest::climbing);
        assertThat(fuse.state()).isEqualTo(FuseState.OPEN);

        // Flat at 75 + 0.2 * 175 = 110: inside, but not below the margin PRESSURE - 0.1 * |PRESSURE|.
        feed(fuse, 15.1, 25, seconds -> climbing(15));
        assertThat(fuse.state()).isEqualTo(FuseState.OPEN);
        assertThat(110.0).isGreaterThan(PRESSURE * 0.9);

        // Down to 65 + 0.2 * 150 = 95, below 107.145: HALF_OPEN within one window, then CLOSED
        // after closeAfter (1 s) inside, without shedding or reopening on the way.
        Duration halfOpenAt = null;
        for (long tenth = 251; tenth <= 320; tenth++) {
            fuse.observe(StateSample.of(Duration.ofMillis(100 * tenth), Map.of("heap", 65.0, "latency_ms", 150.0)));
            if (halfOpenAt == null && fuse.state() == FuseState.HALF_OPEN) {
                halfOpenAt = Duration.ofMillis(100 * tenth);
                assertThat(fuse.shedFraction()).isZero();
                assertThat(fuse.admit()).isTrue();
            }
            if (halfOpenAt != null) {
                assertThat(fuse.state()).isNotEqualTo(FuseState.OPEN);
            }
        }
        assertThat(halfOpenAt).isNotNull().isLessThanOrEqualTo(Duration.ofMillis(29_100));
        assertThat(fuse.state()).isEqualTo(FuseState.CLOSED);
        assertThat(fuse.trips()).isEqualTo(1);
    }

    @Test
    void aNegativeWeightAndBoundKeepLatencyAHeadroomBelowTheTimeout() {
        // latency_ms - timeout_ms < -49.5: latency stays 49.5 ms under a timeout that may itself move.
        PredictiveFuse fuse = PredictiveFuse.builder("headroom-guard")
                .limit("headroom", Map.of("latency_ms", 1.0, "timeout_ms", -1.0), -49.5).build();

        // latency 300 + 10t against a 500 ms timeout: -200 + 10t leaves at 15.05 s, seen from 5.05 s.
        feed(fuse, 0, 14.8, seconds -> Map.of("latency_ms", 300 + 10 * seconds, "timeout_ms", 500.0));
        assertThat(fuse.trippedAtSample()).hasValue(Duration.ofMillis(5100));
        assertThat(fuse.projections()).singleElement().satisfies(projection -> {
            assertThat(projection.dimension()).isEqualTo("headroom");
            assertThat(projection.raw()).isCloseTo(-52, within(1e-9));
        });

        // Held at -52: inside, but the margin is 0.1 * |-49.5|, so back inside means <= -54.45.
        feed(fuse, 14.9, 24, seconds -> Map.of("latency_ms", 448.0, "timeout_ms", 500.0));
        assertThat(fuse.state()).isEqualTo(FuseState.OPEN);
        // At -60, or with the timeout raised instead, it half-opens and closes.
        feed(fuse, 24.1, 34, seconds -> Map.of("latency_ms", 448.0, "timeout_ms", 508.0));
        assertThat(fuse.state()).isEqualTo(FuseState.CLOSED);
        assertThat(fuse.trips()).isEqualTo(1);
    }

    @Test
    void rejectsBadCombinedLimitsNamingTheFuseTheLimitTheValueAndTheFix() {
        Map<String, Double> pressure = Map.of("heap", 1.0, "latency_ms", 0.2);
        assertThatThrownBy(() -> boxOnly().limit("pressure", pressure, 120).limit("pressure", Map.of("cpu", 1.0), 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PredictiveFuse 'guard' already has a limit named 'pressure' (heap + 0.2 * latency_ms < 120);"
                        + " give each limit its own name");
        assertThatThrownBy(() -> boxOnly().limit("heap", Map.of("heap", 2.0), 150))
                .hasMessage("PredictiveFuse 'guard' already has a limit named 'heap' (heap < 90); give each limit its own"
                        + " name");
        assertThatThrownBy(() -> PredictiveFuse.builder("guard").limit("cpu", Map.of("cpu", 1.0, "heap", -0.5), 30)
                .limit("cpu", 90))
                .hasMessage("PredictiveFuse 'guard' already has a limit named 'cpu' (cpu - 0.5 * heap < 30); give each"
                        + " limit its own name");
        assertThatThrownBy(() -> boxOnly().limit("pressure", Map.of(), 120))
                .hasMessage("PredictiveFuse 'guard': the limit 'pressure' has no weights, so it limits nothing; give at"
                        + " least one dimension and its weight, like Map.of(\"heap\", 1.0, \"latency_ms\", 0.2)");
        assertThatThrownBy(() -> boxOnly().limit("pressure", Map.of("heap", 1.0, "latency_ms", Double.NaN), 120))
                .hasMessage("PredictiveFuse 'guard': the limit 'pressure' weighs 'latency_ms' by NaN, but a weight must"
                        + " be a finite non-zero number; give it a finite weight or leave the dimension out");
        assertThatThrownBy(() -> boxOnly().limit("pressure", Map.of("heap", Double.POSITIVE_INFINITY), 120))
                .hasMessage("PredictiveFuse 'guard': the limit 'pressure' weighs 'heap' by Infinity, but a weight must"
                        + " be a finite non-zero number; give it a finite weight or leave the dimension out");
        assertThatThrownBy(() -> boxOnly().limit("pressure", Map.of("heap", 0.0), 120))
                .hasMessage("PredictiveFuse 'guard': the limit 'pressure' weighs 'heap' by 0.0, but a weight must"
                        + " be a finite non-zero number; give it a finite weight or leave the dimension out");
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("heap", null);
        assertThatThrownBy(() -> boxOnly().limit("pressure", withNull, 120))
                .hasMessage("PredictiveFuse 'guard': the limit 'pressure' weighs 'heap' by null, but a weight must"
                        + " be a finite non-zero number; give it a finite weight or leave the dimension out");
        assertThatThrownBy(() -> boxOnly().limit("pressure", pressure, 0))
                .hasMessage("PredictiveFuse 'guard': the limit 'pressure' must have a finite non-zero max, but was 0.0;"
                        + " the way back inside is a margin of hysteresis * |max|, so give a bound away from 0");
        assertThatThrownBy(() -> boxOnly().limit("pressure", pressure, Double.NaN))
                .hasMessage("PredictiveFuse 'guard': the limit 'pressure' must have a finite non-zero max, but was NaN;"
                        + " the way back inside is a margin of hysteresis * |max|, so give a bound away from 0");
        assertThatThrownBy(() -> boxOnly().limit(" ", pressure, 120))
                .hasMessage("PredictiveFuse 'guard': a combined limit needs a name for projections and messages, but it"
                        + " was blank; name it after what it guards, like \"pressure\"");
    }

    @Test
    void aSampleLackingAWeightedDimensionIsRejectedNamingTheLimit() {
        PredictiveFuse fuse = PredictiveFuse.builder("guard")
                .limit("pressure", Map.of("heap", 1.0, "latency_ms", 0.2), 120).build();

        assertThatThrownBy(() -> fuse.observe(StateSample.of(Duration.ZERO, Map.of("heap", 50.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PredictiveFuse 'guard' has a limit 'pressure' (heap + 0.2 * latency_ms < 120) on 'latency_ms'"
                        + " but the sample at 0s {heap=50} does not have it; sample it or remove the limit");
    }

    @Test
    void aCombinationOfOneDimensionWeighedOneProjectsExactlyAsItsBoxLimit() {
        PredictiveFuse box = PredictiveFuse.builder("box").limit("heap", 90).build();
        PredictiveFuse combined = PredictiveFuse.builder("combined").limit("heap-only", Map.of("heap", 1.0), 90).build();
        Random noise = new Random(5);
        for (int tenth = 0; tenth <= 300; tenth++) {
            double seconds = tenth / 10.0;
            double heap = seconds < 15 ? 50 + 2 * seconds : 60;
            StateSample sample = StateSample.of(Duration.ofMillis(100L * tenth),
                    Map.of("heap", heap + noise.nextDouble() * 4 - 2));
            box.observe(sample);
            combined.observe(sample);
            assertThat(combined.state()).isEqualTo(box.state());
            assertThat(combined.shedFraction()).isEqualTo(box.shedFraction());
            PredictiveFuse.Projection expected = box.projections().get(0);
            assertThat(combined.projections().get(0)).isEqualTo(new PredictiveFuse.Projection("heap-only",
                    expected.limit(), expected.raw(), expected.level(), expected.slopePerSecond(), expected.atHorizon(),
                    expected.secondsToLeave(), expected.leaves(), expected.severity(), expected.highest()));
        }
        assertThat(box.trips()).isEqualTo(1);
        assertThat(box.state()).isEqualTo(FuseState.CLOSED);
    }
}
