package dev.panicattack.trial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;

class HeapTrendTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aRunThatPassedNeedsItsPeakLiveHeapOverTheOldGenerationsShare() {
        EvidenceStore store = EvidenceStore.open();
        // Parallel's default at -Xmx300m: the old generation may take two thirds of it; the reported
        // maximum leaves one survivor space out.
        store.add("max_heap_size", 300 * MIB);
        store.add("heap_max", 0L, 290 * MIB);
        store.add("heap_pool_max", "PS Old Gen", 200 * MIB);
        store.add("heap_pool_max", "PS Eden Space", 99 * MIB);
        store.add("gc_after", 100L, "PS Scavenge", 1L, 40 * MIB);
        store.add("gc_after", 200L, "PS Scavenge", 2L, 60 * MIB);
        store.add("gc_after", 300L, "PS Scavenge", 3L, 50 * MIB);

        HeapTrend.record(store);

        // 60 MiB at the peak, over 67%: 89.6 MiB, rounded up to the byte.
        assertThat(store.facts("heap_needed"))
                .containsExactly(Fact.of("heap_needed", (long) Math.ceil(60 * MIB * 100.0 / 67), 60 * MIB, 67L));
    }

    @Test
    void aRegionBasedCollectorLetsTheOldGenerationTakeTheWholeHeap() {
        assertThat(HeapTrend.oldGenerationPercent(512 * MIB, 512 * MIB)).isEqualTo(100);
        assertThat(HeapTrend.oldGenerationPercent(0, 512 * MIB)).as("no pool maximum seen").isEqualTo(100);
        assertThat(HeapTrend.oldGenerationPercent(341 * MIB, 512 * MIB)).isEqualTo(67);
    }

    @Test
    void aRunThatRanOutOfMemoryNeedsNoEstimate() {
        EvidenceStore store = EvidenceStore.open();
        store.add("heap_max", 0L, 64 * MIB);
        store.add("gc_after", 100L, "G1 Young Generation", 1L, 40 * MIB);
        store.add("heap_after_failure", 150L, 63 * MIB);

        HeapTrend.record(store);

        assertThat(store.facts("heap_needed")).isEmpty();
    }
}
