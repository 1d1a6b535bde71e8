package dev.panicattack.breakingpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BreakingAxisTest {

    @Test
    void keysParseAndSectionShorthandsToo() {
        for (BreakingAxis axis : BreakingAxis.values()) {
            assertThat(BreakingAxis.parse(axis.key())).isEqualTo(axis);
        }
        assertThat(BreakingAxis.parse("cpu")).isEqualTo(BreakingAxis.CPU_LOAD);
        assertThat(BreakingAxis.parse("memory")).isEqualTo(BreakingAxis.MEMORY_HEAP);
    }

    @Test
    void anUnknownAxisIsNamedWithTheValidKeys() {
        assertThatThrownBy(() -> BreakingAxis.parse("network.latancy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown breaking-point axis 'network.latancy'; use one of cpu.load, memory.heap,"
                        + " memory.leakRate, jvm.maxHeap, network.latency, network.loss, disk.fill, disk.latency,"
                        + " concurrency.contenders, time.skew");
    }

    @Test
    void levelsAsConstraintValuesAndInWords() {
        assertThat(BreakingAxis.CPU_LOAD.constraintValue(62)).contains("62");
        assertThat(BreakingAxis.NETWORK_LATENCY.constraintValue(180)).contains("180ms");
        assertThat(BreakingAxis.TIME_SKEW.constraintValue(-2500)).contains("-2500ms");
        assertThat(BreakingAxis.MEMORY_LEAK_RATE.constraintValue(2.5)).contains("2.5");
        assertThat(BreakingAxis.JVM_MAX_HEAP.constraintValue(512)).isEmpty();
        assertThat(BreakingAxis.CPU_LOAD.describe(62)).isEqualTo("cpu 62%");
        assertThat(BreakingAxis.NETWORK_LATENCY.describe(180)).isEqualTo("network latency 180 ms");
        assertThat(BreakingAxis.JVM_MAX_HEAP.describe(512)).isEqualTo("max heap 512 MiB");
        assertThat(BreakingAxis.MEMORY_LEAK_RATE.describe(0.25)).isEqualTo("leak rate 0.25%/s");
        assertThat(BreakingAxis.CONCURRENCY_CONTENDERS.describe(8)).isEqualTo("contenders 8");
        assertThat(BreakingAxis.DISK_LATENCY.format(5)).isEqualTo("5 ms");
    }

    @Test
    void onlyHeapSizeAndLeakRateNeedAJvmPerTrial() {
        assertThat(BreakingAxis.values()).filteredOn(BreakingAxis::forked)
                .containsExactly(BreakingAxis.MEMORY_LEAK_RATE, BreakingAxis.JVM_MAX_HEAP);
    }
}
