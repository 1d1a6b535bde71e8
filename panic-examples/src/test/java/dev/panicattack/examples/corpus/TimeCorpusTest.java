package dev.panicattack.examples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/** The clock-fault corpus through the whole engine: each wall-clock wait classified STALL, each monotonic one clean. */
class TimeCorpusTest {

    @Test
    void everyProgramIsClassifiedExactly() {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of()).run(TimeCorpus.CLASSES);

        CorpusAssertions.everyResultCorrect(results);
        assertThat(results).filteredOn(result -> result.expected().isPresent())
                .extracting(CorpusRun.Result::test)
                .containsExactlyInAnyOrder("WallClockWaitPrograms.pacerWaitsForTheWallClock",
                        "WallClockWaitPrograms.schedulerWaitsForTheWallClock");
        assertThat(results).filteredOn(result -> result.expected().isEmpty()).hasSize(3);
        // The clock facts are in the proof: the classification rests on the jump, not on the stall alone.
        assertThat(results).filteredOn(result -> result.expected().equals(java.util.Optional.of(BugClass.STALL)))
                .allSatisfy(result -> assertThat(result.failure().orElseThrow().getMessage())
                        .contains("wall-clock-wait-after-backward-jump").contains("clock_jump("));
        assertThat(System.getProperties()).doesNotContainKey("dev.panicattack.time.clock");
    }
}
