package dev.panicattack.examples.fuse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.fuse.FuseReading;
import dev.panicattack.fuse.FuseState;
import dev.panicattack.fuse.SafetyInvariant;
import dev.panicattack.fuse.SafetyInvariantViolation;
import dev.panicattack.fuse.StateCondition;
import dev.panicattack.fuse.StateSample;
import dev.panicattack.fuse.StateSampler;
import dev.panicattack.fuse.ThresholdFuse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The safety invariant: the examples of {@code docs/safety-invariant.md}. */
class SafetyInvariantExampleTest {

    // tag::declare[]
    static final SafetyInvariant LATENCY_RECOVERS = SafetyInvariant.of("latency recovers",
            StateCondition.below("latency_ms", 100),          // SAFE
            StateCondition.atLeast("latency_ms", 500),        // CRITICAL
            Duration.ofSeconds(2));                           // T
    // end::declare[]

    @Test
    void samplesRealSensorsAndChecks() throws InterruptedException {
        ThresholdFuse breaker = new ThresholdFuse("breaker", "latency_ms", 400);
        // tag::sample[]
        try (StateSampler sampler = StateSampler.builder()
                .heap()                                           // heap %, from MemoryMXBean
                .cpu()                                            // process CPU %
                .gauge("latency_ms", () -> 20)                    // your own gauge, here a constant
                .fuse(breaker)                                    // state and shed count per sample
                .listener(breaker::observe)
                .start()) {
            assertThat(sampler.awaitFirstSample(Duration.ofSeconds(5))).isTrue();
            List<StateSample> samples = sampler.samples();
            assertThat(LATENCY_RECOVERS.check(samples).holds()).isTrue();   // no critical state at all
        }
        // end::sample[]
    }

    @Test
    void reportsTheCounterExample() {
        List<StateSample> samples = List.of(
                sample(0, 40, FuseState.CLOSED, 0),
                sample(500, 650, FuseState.CLOSED, 0),
                sample(1500, 700, FuseState.CLOSED, 0),
                sample(2500, 90, FuseState.CLOSED, 0));
        // tag::violation[]
        assertThatThrownBy(() -> LATENCY_RECOVERS.verify(samples))
                .isInstanceOf(SafetyInvariantViolation.class)
                .hasMessage("""
                        Safety invariant 'latency recovers' violated: the critical state (latency_ms >= 500) at 0.5s \
                        was not followed by a safe state (latency_ms < 100) through a fuse within 2s; it was safe at \
                        2.5s, but no fuse acted from the critical state to then.
                        Trajectory from 0.5s to 2.5s:
                          at    latency_ms  breaker   critical  safe
                          0.5s  650         CLOSED 0  yes       no
                          1.5s  700         CLOSED 0  yes       no
                          2.5s  90          CLOSED 0  no        yes""");
        // end::violation[]
    }

    private static StateSample sample(long millis, double latency, FuseState state, long shed) {
        return new StateSample(Duration.ofMillis(millis), Map.of("latency_ms", latency),
                Map.of("breaker", new FuseReading(state, shed)));
    }
}
