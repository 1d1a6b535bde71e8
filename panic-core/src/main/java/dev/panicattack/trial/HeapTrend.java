package dev.panicattack.trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;
import dev.panicattack.forecast.FullCollections;
import dev.panicattack.forecast.HeapExhaustion;
import dev.panicattack.forecast.HeapNeed;

/**
 * Turns the JVM sensor's after-collection figures ({@code gc_after}) into the subject's retained heap over time, and
 * fits a line through it. A leak is retention that grows steadily across collections, which no
 * single sample shows; the fit is measured here, the judgement is left to the rules.
 *
 * <p>Facts: {@code retained_heap(t, bytes)} at each collection seen (heap used after the collection,
 * all heap pools, minus the library's ballast at that time); {@code retained_heap_trend(slope, r2,
 * points, growth)} fitted through the live-heap points when there are any, else through the
 * retention floor (see {@link #floor}), with the slope in bytes
 * per second, the fit's r² in percent, and the growth from first to last point in bytes; {@code metaspace_trend(slope, r2, points, growth)} the same for
 * metaspace used.
 *
 * <p>From the same points: {@code heap_exhaustion_forecast(at_ms, low_ms, high_ms, bytes)} when the
 * retained heap grows ({@link HeapExhaustion}), against the maximum heap less the ballast held at the
 * last point; and, when the test did not run out of memory, {@code heap_needed(bytes, peak_live,
 * old_generation_percent)} ({@link HeapNeed}) from the largest retained point and the largest heap
 * pool's maximum ({@code heap_pool_max}).
 */
final class HeapTrend {

    private HeapTrend() {
    }

    static void record(EvidenceStore store) {
        // One point per collection: the first sample that saw a collector's new collection id.
        Map<String, long[]> collections = new LinkedHashMap<>();
        List<long[]> live = new ArrayList<>();
        TreeMap<Long, Long> ballast = new TreeMap<>();
        Map<Long, Long> metaspace = new TreeMap<>();
        long largestHeapPool = 0;
        long maxHeapSize = 0;
        long heapMax = 0;
        boolean ranOut = false;
        long failedAt = Long.MAX_VALUE;
        for (Fact fact : store.snapshot()) {
            List<Object> v = fact.values();
            switch (fact.predicate()) {
                case "gc_after" -> collections.putIfAbsent(v.get(1) + "#" + v.get(2),
                        new long[] {(Long) v.get(0), (Long) v.get(3)});
                case "ballast_bytes" -> ballast.put((Long) v.get(0), (Long) v.get(1));
                case "live_heap" -> live.add(new long[] {(Long) v.get(0), (Long) v.get(1)});
                case "heap_max" -> heapMax = Math.max(heapMax, (Long) v.get(1));
                case "heap_pool_max" -> largestHeapPool = Math.max(largestHeapPool, (Long) v.get(1));
                case "max_heap_size" -> maxHeapSize = (Long) v.get(0);
                case "heap_after_failure" -> ranOut = true;
                case "test_failed" -> failedAt = Math.min(failedAt, (Long) v.get(0));
                case "pool_used" -> {
                    if ("Metaspace".equals(v.get(1))) {
                        metaspace.put((Long) v.get(0), (Long) v.get(2));
                    }
                }
                default -> {
                    // other facts do not bear on retention
                }
            }
        }
        List<long[]> points = new ArrayList<>(collections.values());
        points.sort(java.util.Comparator.comparingLong(point -> point[0]));
        List<double[]> retained = new ArrayList<>();
        if (live.size() >= 3) {
            // Exact live-heap points from full collections (LiveHeapProbe): the ballast is already out.
            for (long[] point : live) {
                store.add("retained_heap", point[0], point[1]);
                retained.add(new double[] {point[0] / 1000.0, point[1]});
            }
        } else {
            for (long[] point : points) {
                long bytes = Math.max(0, point[1] - ballast.getOrDefault(point[0], 0L));
                store.add("retained_heap", point[0], bytes);
                retained.add(new double[] {point[0] / 1000.0, bytes});
            }
        }
        // Full-collection points are exact already; only after-young-collection points need the floor.
        List<double[]> fitted = live.size() >= 3 ? retained : floor(retained);
        fit(fitted).ifPresent(line -> store.add("retained_heap_trend", line.slope(), line.r2Percent(),
                (long) retained.size(), line.growth()));
        // What the heap held after the failure (the test's clean-up) says nothing about where it was heading.
        long failure = failedAt;
        forecast(store, fitted.stream().filter(point -> point[0] * 1000 <= failure).toList(), heapMax, ballast);
        if (!ranOut && !retained.isEmpty()) {
            long peakLive = Math.round(retained.stream().mapToDouble(point -> point[1]).max().orElseThrow());
            store.add(HeapNeed.of(peakLive, oldGenerationPercent(largestHeapPool,
                    maxHeapSize > 0 ? maxHeapSize : heapMax)).toFact());
        }
        List<double[]> meta = metaspace.entrySet().stream()
                .map(sample -> new double[] {sample.getKey() / 1000.0, sample.getValue()}).toList();
        fit(meta).ifPresent(line -> store.add("metaspace_trend", line.slope(), line.r2Percent(),
                (long) meta.size(), line.growth()));
    }

    /** The exhaustion forecast through {@code points} (seconds, bytes), against the heap the ballast leaves. */
    private static void forecast(EvidenceStore store, List<double[]> points, long heapMax, TreeMap<Long, Long> ballast) {
        if (heapMax <= 0 || points.isEmpty()) {
            return;
        }
        long[] at = new long[points.size()];
        long[] bytes = new long[points.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = Math.round(points.get(i)[0] * 1000);
            bytes[i] = Math.round(points.get(i)[1]);
        }
        long held = ballastAt(ballast, at[at.length - 1]);
        if (heapMax - held > 0) {
            HeapExhaustion.forecast(at, bytes, heapMax - held, FullCollections.longest(store.snapshot()))
                    .ifPresent(forecast -> store.add(forecast.toFact()));
        }
    }

    /** The ballast of the latest sample at or before {@code t}; none before the first. */
    private static long ballastAt(TreeMap<Long, Long> ballast, long t) {
        Map.Entry<Long, Long> entry = ballast.floorEntry(t);
        return entry == null ? 0 : entry.getValue();
    }

    /**
     * The share of the maximum heap ({@code -Xmx}, else the heap's reported maximum), in percent, that
     * the largest heap pool may take: the old generation, where live data ends up (the whole heap for a
     * region-based collector); 100 when the sensor saw no pool's maximum.
     */
    static long oldGenerationPercent(long largestHeapPool, long heapMax) {
        if (largestHeapPool <= 0 || heapMax <= 0) {
            return 100;
        }
        return Math.max(1, Math.min(100, Math.round(100.0 * largestHeapPool / heapMax)));
    }

    /**
     * The retention floor: at each collection, the least retained at it or at any later collection,
     * without the last collection, which no later one confirms. A young collection leaves the old
     * generation's garbage in place (promoted scratch objects, an earlier test's leftovers), so one
     * after-collection figure overstates what is live; whatever a later collection freed was not.
     * Live data that is never freed, a leak, keeps its figure.
     */
    static List<double[]> floor(List<double[]> points) {
        List<double[]> floor = new ArrayList<>(points.size());
        double least = Double.MAX_VALUE;
        for (int i = points.size() - 1; i >= 0; i--) {
            least = Math.min(least, points.get(i)[1]);
            if (i < points.size() - 1) {
                floor.add(0, new double[] {points.get(i)[0], least});
            }
        }
        return floor;
    }

    /** Least squares through (seconds, bytes); needs three points over a positive time span. */
    static java.util.Optional<Line> fit(List<double[]> points) {
        int n = points.size();
        if (n < 3) {
            return java.util.Optional.empty();
        }
        double sx = 0;
        double sy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
            syy += (p[1] - my) * (p[1] - my);
        }
        if (sxx == 0) {
            return java.util.Optional.empty();
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        long growth = Math.round(points.get(n - 1)[1] - points.get(0)[1]);
        return java.util.Optional.of(new Line(slope, 100 * r2, growth));
    }

    record Line(double slope, double r2Percent, long growth) {
    }
}
