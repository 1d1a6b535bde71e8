package dev.panicattack.examples.fuse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.panicattack.fuse.FuseState;
import dev.panicattack.fuse.PredictiveFuse;
import dev.panicattack.fuse.StateSample;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The predictive fuse on a known trajectory: the examples of {@code docs/predictive-fuse.md}. */
class PredictiveFuseExampleTest {

    @Test
    void tripsOnTheTrajectoryAndShedsProportionally() {
        // tag::build[]
        PredictiveFuse guard = PredictiveFuse.builder("report-generator")
                .limit("heap", 90)                      // percent of the maximum heap
                .limit("latency_ms", 250)               // milliseconds
                .window(Duration.ofSeconds(4))          // fit over the last 4 s (default)
                .horizon(Duration.ofSeconds(10))        // project 10 s ahead (default)
                .build();
        // end::build[]

        // tag::observe[]
        // Heap leaking 2%/s from 50%, latency steady: samples every 100 ms, as a StateSampler takes them.
        for (int tenth = 0; tenth <= 120; tenth++) {
            double seconds = tenth / 10.0;
            guard.observe(StateSample.of(Duration.ofMillis(100L * tenth),
                    Map.of("heap", 50 + 2 * seconds, "latency_ms", 40.0)));
        }
        assertThat(guard.state()).isEqualTo(FuseState.OPEN);        // at heap 74%, 8 s before 90%
        assertThat(guard.trippedAtSample()).hasValue(Duration.ofSeconds(10));
        assertThat(guard.shedFraction()).isBetween(0.15, 0.25);      // 1 - 8 s / 10 s

        int served = 0;
        for (int call = 0; call < 100; call++) {
            if (guard.admit()) {
                served++;                                            // do the work
            }
        }
        assertThat(served).isEqualTo(100 - (int) guard.shedCount());
        // end::observe[]
        assertThat(guard.shedCount()).isBetween(15L, 25L);
    }

    @Test
    void tripsWhenAWeightedCombinationLeavesThoughEachDimensionStaysInside() {
        // tag::region[]
        PredictiveFuse guard = PredictiveFuse.builder("checkout")
                .limit("heap", 90)                      // box: heap < 90 (percent)
                .limit("latency_ms", 400)               // box: latency_ms < 400
                .limit("pressure", Map.of("heap", 1.0, "latency_ms", 0.2), 120) // heap + 0.2 * latency_ms < 120
                .build();

        // Heap +1%/s from 60%, latency +10 ms/s from 100 ms: each is 20 s away from its own limit,
        // but heap + 0.2 * latency_ms = 80 + 3t leaves 120 at 13.3 s.
        for (int tenth = 0; tenth <= 80; tenth++) {
            double seconds = tenth / 10.0;
            guard.observe(StateSample.of(Duration.ofMillis(100L * tenth),
                    Map.of("heap", 60 + seconds, "latency_ms", 100 + 10 * seconds)));
        }
        assertThat(guard.trippedAtSample()).hasValue(Duration.ofMillis(3400)); // first sample within 10 s of 13.3 s
        assertThat(guard.projections()).extracting(PredictiveFuse.Projection::dimension)
                .containsExactly("heap", "latency_ms", "pressure");
        assertThat(guard.projections()).extracting(PredictiveFuse.Projection::leaves)
                .containsExactly(false, false, true);
        // At 8 s the combination is 104, (120 - 104) / 3 = 5.3 s from leaving: 1 - 5.3 s / 10 s.
        assertThat(guard.shedFraction()).isCloseTo(1 - (120 - 104) / 3.0 / 10, within(1e-9));
        // end::region[]
        assertThat(guard.projections().get(2).describe())
                .isEqualTo("pressure 104 +3/s -> 134 at horizon, leaves in 5.3s");
    }
}
