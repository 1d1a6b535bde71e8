package dev.panicattack.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.UnderPressure;

/** An ordinary test of ordinary code, run on a hot processor. */
class SortingUnderPressureTest {

    // tag::under-pressure[]
    @Test
    @UnderPressure(cpu = 80)
    void sortsAMillionNumbersOnAHotProcessor() {
        long[] numbers = new SplittableRandom(42).longs(1_000_000).toArray();

        Arrays.parallelSort(numbers);

        for (int i = 1; i < numbers.length; i++) {
            assertThat(numbers[i - 1]).isLessThanOrEqualTo(numbers[i]);
        }
    }
    // end::under-pressure[]
}
