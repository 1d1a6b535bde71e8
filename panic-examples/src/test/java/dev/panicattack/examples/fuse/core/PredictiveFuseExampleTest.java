package dev.panicattack.examples.fuse.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
