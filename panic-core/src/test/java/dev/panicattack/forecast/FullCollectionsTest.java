package dev.panicattack.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

class FullCollectionsTest {

    @Test
    void theLongestFullCollectionIsTheTimeOverTheCountBetweenSamplesOfAFullCollector() {
        List<Fact> facts = List.of(Fact.of("gc_old", "MarkSweepCompact"), Fact.of("gc_young", "Copy"),
                Fact.of("gc_count", 0L, "MarkSweepCompact", 1L), Fact.of("gc_time", 0L, "MarkSweepCompact", 10L),
                Fact.of("gc_count", 100L, "MarkSweepCompact", 3L), Fact.of("gc_time", 100L, "MarkSweepCompact", 70L),
                Fact.of("gc_count", 200L, "MarkSweepCompact", 4L), Fact.of("gc_time", 200L, "MarkSweepCompact", 110L),
                // a young collector's time is no full collection, however long
                Fact.of("gc_count", 0L, "Copy", 1L), Fact.of("gc_time", 0L, "Copy", 0L),
                Fact.of("gc_count", 100L, "Copy", 2L), Fact.of("gc_time", 100L, "Copy", 500L));

        assertThat(FullCollections.longest(facts)).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void noFullCollectionIsZero() {
        assertThat(FullCollections.longest(List.of(Fact.of("heap_max", 0L, 1L)))).isEqualTo(Duration.ZERO);
    }

    @Test
    void theHighEndWaitsForTheTwoFullCollectionsBeforeTheError() {
        long[] at = {0, 400, 800, 1200, 1600};
        long[] bytes = {10L << 20, 12L << 20, 14L << 20, 16L << 20, 18L << 20};
        ExhaustionForecast plain = HeapExhaustion.forecast(at, bytes, 64L << 20).orElseThrow();
        ExhaustionForecast waiting = HeapExhaustion.forecast(at, bytes, 64L << 20, Duration.ofMillis(150)).orElseThrow();

        assertThat(waiting.high()).isEqualTo(plain.high().plusMillis(300));
        assertThat(waiting.at()).isEqualTo(plain.at());
        assertThat(waiting.low()).isEqualTo(plain.low());
    }
}
