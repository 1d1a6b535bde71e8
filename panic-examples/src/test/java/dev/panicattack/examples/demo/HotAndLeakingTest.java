package dev.panicattack.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.ConstraintSet;

/** A named, composed constraint set from the built-in library, on an existing test. */
class HotAndLeakingTest {

    // tag::constraint-set[]
    @Test
    @ConstraintSet("hot-and-leaking")
    void countsWordsConcurrentlyUnderAHotLeakingHost() {
        ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

        IntStream.range(0, 500_000).parallel()
                .mapToObj(i -> "word-" + (i % 1_000))
                .forEach(word -> counts.merge(word, 1, Integer::sum));

        assertThat(counts).hasSize(1_000).allSatisfy((word, count) -> assertThat(count).isEqualTo(500));
    }
    // end::constraint-set[]

    @Test
    @ConstraintSet({"cpu-spikes", "heap-pressure"})
    void twoSetsMergeFieldByField() {
        assertThat(IntStream.rangeClosed(1, 1_000).sum()).isEqualTo(500_500);
    }
}
