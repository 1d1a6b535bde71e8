package dev.panicattack.forecast;

import java.util.List;
import java.util.Optional;

import dev.panicattack.evidence.Fact;

/**
 * The smallest maximum heap at which a run that did not run out of memory is predicted to pass
 * again: its peak live heap, which must fit in the generation that keeps long-lived objects, so the
 * peak divided by the share of the maximum heap that generation may take. A region-based collector
 * (G1, ZGC, Shenandoah) lets it take the whole heap; Parallel and Serial fix it (two thirds by
 * default). A smaller heap collects more often; below {@code bytes} the live data no longer fits.
 * An estimate, not a measurement: the {@code jvm.maxHeap} breaking-point axis checks it. Written as
 * the fact {@value #PREDICATE}{@code (bytes, peak_live, old_generation_percent)}; see
 * {@code docs/oom-prediction.md}.
 */
public record HeapNeed(long bytes, long peakLive, long oldGenerationPercent) {

    /** The fact's predicate. */
    public static final String PREDICATE = "heap_needed";

    public HeapNeed {
        if (peakLive < 0 || oldGenerationPercent < 1 || oldGenerationPercent > 100
                || bytes != needed(peakLive, oldGenerationPercent)) {
            throw new IllegalArgumentException("a heap need is the peak live heap (>= 0) over the old generation's"
                    + " share (1-100%), but was " + bytes + " for " + peakLive + " at " + oldGenerationPercent + "%");
        }
    }

    /**
     * The need of a run whose live heap peaked at {@code peakLive}, with an old generation that may
     * take {@code oldGenerationPercent} of the heap.
     */
    public static HeapNeed of(long peakLive, long oldGenerationPercent) {
        return new HeapNeed(needed(peakLive, oldGenerationPercent), peakLive, oldGenerationPercent);
    }

    private static long needed(long peakLive, long oldGenerationPercent) {
        return (long) Math.ceil(peakLive * 100.0 / oldGenerationPercent);
    }

    /** {@code heap_needed(bytes, peak_live, old_generation_percent)}. */
    public Fact toFact() {
        return Fact.of(PREDICATE, bytes, peakLive, oldGenerationPercent);
    }

    /** The need among {@code facts}, if the trial estimated one. */
    public static Optional<HeapNeed> in(List<Fact> facts) {
        for (Fact fact : facts) {
            if (fact.predicate().equals(PREDICATE) && fact.arity() == 3) {
                List<Object> v = fact.values();
                return Optional.of(new HeapNeed(((Number) v.get(0)).longValue(), ((Number) v.get(1)).longValue(),
                        ((Number) v.get(2)).longValue()));
            }
        }
        return Optional.empty();
    }

    /** {@code smallest max heap to pass ~46 MiB (peak live 31 MiB; the old generation may take 67% of the heap)}. */
    public String describe() {
        return "smallest max heap to pass ~" + ExhaustionForecast.mebibytes(bytes) + " (peak live "
                + ExhaustionForecast.mebibytes(peakLive) + "; the old generation may take " + oldGenerationPercent
                + "% of the heap)";
    }
}
