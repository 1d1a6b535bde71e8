package dev.panicattack.forecast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.panicattack.evidence.Fact;

/**
 * How long the JVM takes to give up once the heap is full. HotSpot's G1, Parallel and Serial
 * collectors throw {@link OutOfMemoryError} only after a failed allocation has run a full collection
 * and then one more that also clears soft references; those two full collections run after the live
 * heap reached the limit. Their length is read from the run's own full collections.
 */
public final class FullCollections {

    /** Full collections the JVM runs after a failed allocation before it throws. */
    public static final int BEFORE_OUT_OF_MEMORY = 2;

    private FullCollections() {
    }

    /**
     * The longest full collection in {@code facts}: per collector named by {@code gc_old}, the time
     * ({@code gc_time}) over the count ({@code gc_count}) between two samples whose count grew;
     * zero when none was seen.
     */
    public static Duration longest(List<Fact> facts) {
        Set<String> full = new HashSet<>();
        Map<String, List<long[]>> samples = new HashMap<>();
        Map<String, Long> countAt = new HashMap<>();
        for (Fact fact : facts) {
            List<Object> v = fact.values();
            switch (fact.predicate()) {
                case "gc_old" -> full.add(String.valueOf(v.get(0)));
                case "gc_count" -> countAt.put(v.get(0) + "#" + v.get(1), ((Number) v.get(2)).longValue());
                default -> {
                    // read in the second pass
                }
            }
        }
        for (Fact fact : facts) {
            List<Object> v = fact.values();
            if (fact.predicate().equals("gc_time")) {
                Long count = countAt.get(v.get(0) + "#" + v.get(1));
                if (count != null) {
                    samples.computeIfAbsent(String.valueOf(v.get(1)), name -> new ArrayList<>())
                            .add(new long[] {((Number) v.get(0)).longValue(), count, ((Number) v.get(2)).longValue()});
                }
            }
        }
        double longest = 0;
        for (Map.Entry<String, List<long[]>> collector : samples.entrySet()) {
            if (!full.contains(collector.getKey())) {
                continue;
            }
            List<long[]> series = collector.getValue();
            series.sort(java.util.Comparator.comparingLong(sample -> sample[0]));
            for (int i = 1; i < series.size(); i++) {
                long collections = series.get(i)[1] - series.get(i - 1)[1];
                if (collections > 0) {
                    longest = Math.max(longest, (series.get(i)[2] - series.get(i - 1)[2]) / (double) collections);
                }
            }
        }
        return Duration.ofMillis(Math.round(longest));
    }
}
