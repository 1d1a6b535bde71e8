package dev.panicattack.trial;

import dev.panicattack.constraint.Axis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PressureTraceFactsTest {

    @Test
    void turnsEachSampleIntoTargetAndAchievedAtItsMillisecond() {
        PressureTrace trace = new PressureTrace(Axis.CPU, "%cpu", List.of(
                new PressureSample(Duration.ofMillis(100), 80.0, 78.5),
                new PressureSample(Duration.ofNanos(200_900_000), 80.0, 79.25)));

        assertThat(PressureTraceFacts.of(trace)).containsExactly(
                Fact.of("pressure_unit", "cpu", "%cpu"),
                Fact.of("pressure_target", 100L, "cpu", 80.0),
                Fact.of("pressure_achieved", 100L, "cpu", 78.5),
                Fact.of("pressure_target", 200L, "cpu", 80.0),
                Fact.of("pressure_achieved", 200L, "cpu", 79.25));
    }

    @Test
    void recordsIntoAStore() {
        EvidenceStore store = EvidenceStore.open();
        PressureTraceFacts.record(new PressureTrace(Axis.MEMORY, "%heap", List.of()), store);

        assertThat(store.snapshot()).containsExactly(Fact.of("pressure_unit", "memory", "%heap"));
    }
}
