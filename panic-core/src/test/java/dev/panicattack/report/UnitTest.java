package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void eachUnitAStressorDeclaresHasItsChart() {
        assertThat(Unit.ofTrace("%cpu")).isEqualTo(Unit.PERCENT);
        assertThat(Unit.ofTrace("%heap")).isEqualTo(Unit.PERCENT);
        assertThat(Unit.ofTrace("%disk")).isEqualTo(Unit.PERCENT);
        assertThat(Unit.ofTrace("bytes")).isEqualTo(Unit.BYTES);
        assertThat(Unit.ofTrace("MiB/s")).isEqualTo(Unit.MEBIBYTES_PER_SECOND);
        assertThat(Unit.ofTrace("threads")).isEqualTo(Unit.THREADS);
        assertThat(Unit.ofTrace("ms")).isEqualTo(Unit.MILLISECONDS);
        assertThat(Unit.ofTrace("ms offset")).isEqualTo(Unit.CLOCK_OFFSET);
        assertThat(Unit.ofTrace("jobs")).isEqualTo(Unit.OTHER);
    }

    @Test
    void bytesAreShownInTheLargestBinaryUnitBelowTheMaximum() {
        assertThat(Unit.BYTES.scale(900, "")).isEqualTo(new Unit.Scale(1, "bytes"));
        assertThat(Unit.BYTES.scale(2048, "")).isEqualTo(new Unit.Scale(1024, "KiB"));
        assertThat(Unit.BYTES.scale(480.0 * 1024 * 1024, "")).isEqualTo(new Unit.Scale(1024 * 1024, "MiB"));
        assertThat(Unit.BYTES.scale(3.0 * 1024 * 1024 * 1024, "")).isEqualTo(new Unit.Scale(1024 * 1024 * 1024, "GiB"));
        assertThat(Unit.PERCENT.scale(1e9, "")).isEqualTo(new Unit.Scale(1, "%"));
        assertThat(Unit.OTHER.scale(5, "jobs")).isEqualTo(new Unit.Scale(1, "jobs"));
    }

    @Test
    void headingsAndAxisTitlesNameTheUnit() {
        assertThat(Unit.BYTES.heading(Unit.BYTES.scale(480.0 * 1024 * 1024, ""))).isEqualTo("Memory (MiB)");
        assertThat(Unit.BYTES.axisTitle(Unit.BYTES.scale(480.0 * 1024 * 1024, ""))).isEqualTo("memory (MiB)");
        assertThat(Unit.THREADS.heading(Unit.THREADS.scale(8, ""))).isEqualTo("Threads");
        assertThat(Unit.THREADS.axisTitle(Unit.THREADS.scale(8, ""))).isEqualTo("threads");
        assertThat(Unit.CLOCK_OFFSET.id()).isEqualTo("clock-offset");
    }
}
