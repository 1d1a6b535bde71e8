package dev.panicattack.examples.fuse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * A small media service that sheds optional work as the heap fills: each optional component stops
 * at its own heap level and resumes 15 points lower (hysteresis, so a GC dip does not flap it).
 */
final class MediaService {

    /** One optional component: sheds from {@code shedAt} percent of the heap, resumes below {@code shedAt - 15}. */
    static final class Optional {
        private final double shedAt;
        private volatile boolean shedding;

        Optional(double shedAt) {
            this.shedAt = shedAt;
        }

        boolean shedding(double heapPercent) {
            if (heapPercent >= shedAt) {
                shedding = true;
            } else if (heapPercent < shedAt - 15) {
                shedding = false;
            }
            return shedding;
        }
    }

    private final DoubleSupplier heapPercent;
    private final Map<String, Optional> optional;
    private final Map<String, String> database = new ConcurrentHashMap<>(Map.of("user-1", "Ada"));

    MediaService(DoubleSupplier heapPercent, Map<String, Optional> optional) {
        this.heapPercent = heapPercent;
        this.optional = Map.copyOf(optional);
    }

    /** The service as configured: previews and cache go first, then analytics and logging. */
    static MediaService configured() {
        return new MediaService(MediaService::heapUsedPercent, Map.of(
                "cache", new Optional(50), "preview-generator", new Optional(55),
                "analytics", new Optional(65), "logging", new Optional(70)));
    }

    boolean isShedding(String component) {
        return optional.get(component).shedding(heapPercent.getAsDouble());
    }

    String user(String id) {
        return database.get(id);
    }

    static double heapUsedPercent() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return 100.0 * heap.getUsed() / heap.getMax();
    }
}
