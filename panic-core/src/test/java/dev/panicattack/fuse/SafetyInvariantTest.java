package dev.panicattack.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetyInvariantTest {

    private static final SafetyInvariant HEAP_RECOVERS = SafetyInvariant.of("heap recovers",
            StateCondition.below("heap", 80), StateCondition.atLeast("heap", 95), Duration.ofSeconds(1));

    private static StateSample sample(long millis, double heap, FuseState state, long shed) {
        Map<String, Double> dimensions = new LinkedHashMap<>();
        dimensions.put("heap", heap);
        dimensions.put("latency_ms", 10.0);
        return new StateSample(Duration.ofMillis(millis), dimensions, Map.of("breaker", new FuseReading(state, shed)));
    }

    @Test
    void holdsWhenEveryCriticalStateRecoversThroughAFuse() {
        List<StateSample> samples = List.of(
                sample(0, 70, FuseState.CLOSED, 0),
                sample(500, 96, FuseState.CLOSED, 0),
                sample(1000, 85, FuseState.OPEN, 4),
                sample(1500, 75, FuseState.OPEN, 9),
                sample(2000, 97, FuseState.HALF_OPEN, 9),
                sample(2500, 70, FuseState.HALF_OPEN, 9));

        SafetyInvariant.InvariantCheck check = HEAP_RECOVERS.check(samples);

        assertThat(check.holds()).isTrue();
        assertThat(check.message()).isEqualTo("Safety invariant 'heap recovers' holds over 6 samples: 2 critical states"
                + " (heap >= 95), each followed by a safe state (heap < 80) through a fuse within 1s");
        HEAP_RECOVERS.verify(samples);
    }

    @Test
    void reportsTheFirstCriticalStateThatNoFuseBroughtBack() {
        List<StateSample> samples = List.of(
                sample(0, 70, FuseState.CLOSED, 0),
                sample(500, 96, FuseState.CLOSED, 0),
                sample(1000, 97.5, FuseState.CLOSED, 0),
                sample(1500, 98, FuseState.CLOSED, 0),
                sample(2000, 99, FuseState.OPEN, 1));

        SafetyInvariant.InvariantCheck check = HEAP_RECOVERS.check(samples);

        assertThat(check.holds()).isFalse();
        assertThat(check.counterExample().orElseThrow().trajectory()).hasSize(3);
        assertThat(check.message()).isEqualTo("""
                Safety invariant 'heap recovers' violated: the critical state (heap >= 95) at 0.5s was not followed \
                by a safe state (heap < 80) through a fuse within 1s; no sample up to 1.5s is safe.
                Trajectory from 0.5s to 1.5s:
                  at    heap  latency_ms  breaker   critical  safe
                  0.5s  96    10          CLOSED 0  yes       no
                  1s    97.5  10          CLOSED 0  yes       no
                  1.5s  98    10          CLOSED 0  yes       no""");
        assertThatThrownBy(() -> HEAP_RECOVERS.verify(samples))
                .isInstanceOf(SafetyInvariantViolation.class).hasMessage(check.message());
    }

    @Test
    void aSafeStateWithoutAnyFuseActingIsNotARecovery() {
        List<StateSample> samples = List.of(
                sample(0, 96, FuseState.OPEN, 3),
                sample(400, 70, FuseState.OPEN, 3),
                sample(800, 60, FuseState.OPEN, 3),
                sample(1200, 60, FuseState.OPEN, 3));

        assertThat(HEAP_RECOVERS.check(samples).message()).isEqualTo("""
                Safety invariant 'heap recovers' violated: the critical state (heap >= 95) at 0s was not followed \
                by a safe state (heap < 80) through a fuse within 1s; it was safe at 0.4s, but no fuse acted from \
                the critical state to then.
                Trajectory from 0s to 0.8s:
                  at    heap  latency_ms  breaker  critical  safe
                  0s    96    10          OPEN 3   yes       no
                  0.4s  70    10          OPEN 3   no        yes
                  0.8s  60    10          OPEN 3   no        yes""");
    }

    @Test
    void aFuseTrippingAtTheCriticalSampleCounts() {
        List<StateSample> samples = List.of(
                sample(0, 70, FuseState.CLOSED, 0),
                sample(400, 96, FuseState.OPEN, 0),
                sample(800, 60, FuseState.OPEN, 0));

        assertThat(HEAP_RECOVERS.check(samples).holds()).isTrue();
    }

    @Test
    void samplesThatEndBeforeTheDeadlineWithoutRecoveryAreAViolation() {
        List<StateSample> samples = List.of(sample(0, 70, FuseState.CLOSED, 0), sample(300, 96, FuseState.CLOSED, 0));

        assertThat(HEAP_RECOVERS.check(samples).counterExample().orElseThrow().reason())
                .isEqualTo("the samples end at 0.3s, before 1.3s, with no safe state: sample for longer");
    }

    @Test
    void noCriticalStateHoldsTrivially() {
        assertThat(HEAP_RECOVERS.check(List.of(sample(0, 70, FuseState.CLOSED, 0))).message())
                .isEqualTo("Safety invariant 'heap recovers' holds over 1 samples: 0 critical states (heap >= 95),"
                        + " each followed by a safe state (heap < 80) through a fuse within 1s");
    }

    @Test
    void rejectsADurationOfZeroOrBelow() {
        assertThatThrownBy(() -> SafetyInvariant.of("heap recovers", StateCondition.below("heap", 80),
                StateCondition.atLeast("heap", 95), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Safety invariant 'heap recovers': within must be positive, but was PT0S; give the time a"
                        + " fuse has to bring the system back, like Duration.ofSeconds(2)");
        assertThatThrownBy(() -> SafetyInvariant.of("heap recovers", StateCondition.below("heap", 80),
                StateCondition.atLeast("heap", 95), Duration.ofSeconds(-1)))
                .hasMessageContaining("within must be positive, but was PT-1S");
    }

    @Test
    void aPredicateThatThrowsIsNamedWithTheSample() {
        SafetyInvariant latency = SafetyInvariant.of("latency recovers", StateCondition.below("latency", 100),
                StateCondition.atLeast("heap", 95), Duration.ofSeconds(1));

        assertThatThrownBy(() -> latency.check(List.of(sample(0, 70, FuseState.CLOSED, 0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Safety invariant 'latency recovers': the SAFE predicate 'latency < 100' threw"
                        + " java.lang.IllegalArgumentException: The sample at 0s has no dimension 'latency'; it has"
                        + " [heap, latency_ms]: sample it with StateSampler.Builder.gauge(\"latency\", ...) or correct the"
                        + " name on the sample at 0s {heap=70, latency_ms=10} fuses {breaker=CLOSED 0}; make the predicate"
                        + " hold or fail for every sampled state")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesWithoutFusesAreRejected() {
        assertThatThrownBy(() -> HEAP_RECOVERS.check(List.of(StateSample.of(Duration.ZERO, Map.of("heap", 96.0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Safety invariant 'heap recovers' needs at least one fuse in the samples, but they have none;"
                        + " add the fuses that should act with StateSampler.Builder.fuse(...)");
    }

    @Test
    void noSamplesAndSamplesOutOfOrderAreRejected() {
        assertThatThrownBy(() -> HEAP_RECOVERS.check(List.of()))
                .hasMessage("Safety invariant 'heap recovers' has no samples to check; record them with a StateSampler"
                        + " while pressure is applied");
        assertThatThrownBy(() -> HEAP_RECOVERS.check(List.of(sample(500, 70, FuseState.CLOSED, 0),
                sample(100, 70, FuseState.CLOSED, 0))))
                .hasMessageStartingWith("Safety invariant 'heap recovers' needs samples in time order, but the sample at 0.1s");
    }
}
