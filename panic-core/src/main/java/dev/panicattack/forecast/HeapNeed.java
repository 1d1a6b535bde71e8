package dev.panicattack.forecast;

import java.util.List;
import java.util.Optional;

import dev.panicattack.evidence.Fact;

/**
 * The smallest maximum heap at which a run that did not run out of memory is predicted to pass
 * again: its peak live heap, which no smaller heap can hold, plus room for what it allocates while
 * a collection comes around, taken as the most its heap in use grew between two samples of the JVM
 * sensor (every 100 ms by default). A heap below {@code bytes} must collect more often than the run
 * did; below {@code peakLive} it cannot pass. An estimate, not a measurement: the {@code jvm.maxHeap}
 * breaking-point axis checks it. Written as the fact
 * {@value #PREDICATE}{@code (bytes, peak_live, allocation_room)}; see {@code docs/oom-prediction.md}.
 */
public record HeapNeed(long bytes, long peakLive, long allocationRoom) {

    /** The fact's predicate. */
    public static final String PREDICATE = "heap_needed";

    public HeapNeed {
        if (peakLive < 0 || allocationRoom < 0 || bytes != peakLive + allocationRoom) {
            throw new IllegalArgumentException("a heap need is peak live + allocation room, both >= 0, but was "
                    + bytes + " = " + peakLive + " + " + allocationRoom);
        }
    }

    /** The need of a run whose live heap peaked at {@code peakLive} and that grew its heap by at most {@code allocationRoom} between two samples. */
    public static HeapNeed of(long peakLive, long allocationRoom) {
        return new HeapNeed(peakLive + allocationRoom, peakLive, allocationRoom);
    }

    /** {@code heap_needed(bytes, peak_live, allocation_room)}. */
    public Fact toFact() {
        return Fact.of(PREDICATE, bytes, peakLive, allocationRoom);
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

    /** {@code smallest max heap to pass ~40 MiB (peak live 31 MiB + 9.0 MiB allocated between samples)}. */
    public String describe() {
        return "smallest max heap to pass ~" + ExhaustionForecast.mebibytes(bytes) + " (peak live "
                + ExhaustionForecast.mebibytes(peakLive) + " + " + ExhaustionForecast.mebibytes(allocationRoom)
                + " allocated between samples)";
    }
}
