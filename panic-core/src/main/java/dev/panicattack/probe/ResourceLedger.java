package dev.panicattack.probe;

import dev.panicattack.internal.instrument.HookSlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Open/close balance of the JDK resources the subject opens. The advice reports
 * {@code ("open", resource)} and {@code ("close", resource)}; an opening counts when the nearest
 * non-JDK caller belongs to the subject, and stays until the same object is closed (by anyone).
 * Resources are held weakly: one collected without {@code close()} is still unclosed.
 */
final class ResourceLedger implements BiConsumer<Object, Object> {

    static final HookSlot<ResourceLedger> SLOT = HookSlot.named("probe.resources");
    static final String OPEN = "open";
    static final String CLOSE = "close";
    /** Openings tracked at once; more are counted in {@link #untracked()} only. */
    static final int MAX_TRACKED = 10_000;

    private final Callers callers;
    private final Map<IdentityKey, Opening> open = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> opened = new ConcurrentHashMap<>();
    private final AtomicLong untracked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Whether the calling thread is in {@link #accept} already. */
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> Boolean.FALSE);

    ResourceLedger(Callers callers) {
        this.callers = callers;
    }

    /** Where and how one resource was opened. */
    record Opening(String type, String openedAt, String stack) {
    }

    @Override
    public void accept(Object kind, Object resource) {
        if (inside.get()) {
            // Opened by this ledger's own work: walking the stack loads classes, and loading a class
            // opens its jar. Never the subject's, and following it would recurse until the stack overflows.
            return;
        }
        inside.set(Boolean.TRUE);
        try {
            if (CLOSE.equals(kind)) {
                if (!open.isEmpty()) {
                    open.remove(new IdentityKey(resource));
                }
            } else if (OPEN.equals(kind)) {
                opened(resource);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // Reported as probe_hook_failures; the subject's own I/O must go on as written.
            failures.incrementAndGet();
        } finally {
            inside.set(Boolean.FALSE);
        }
    }

    private void opened(Object resource) {
        IdentityKey key = new IdentityKey(resource);
        if (open.containsKey(key)) {
            // A constructor delegating to another one of the same class reports the same object twice.
            return;
        }
        Optional<List<String>> caller = callers.subjectCaller();
        if (caller.isEmpty()) {
            return;
        }
        List<String> frames = caller.get();
        String type = typeOf(resource);
        opened.computeIfAbsent(List.of(type, frames.get(0)), any -> new AtomicLong()).incrementAndGet();
        if (open.size() >= MAX_TRACKED) {
            untracked.incrementAndGet();
            return;
        }
        open.putIfAbsent(key, new Opening(type, frames.get(0), String.join(" <- ", frames)));
    }

    private static String typeOf(Object resource) {
        return resource.getClass().getName();
    }

    /** Openings by {@code [type, opened_at]}, with how many. */
    Map<List<String>, Long> opened() {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        opened.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    /** Still-open resources grouped by {@code [type, opened_at, stack]}, with how many. */
    Map<List<String>, Long> unclosed() {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (Opening opening : new ArrayList<>(open.values())) {
            counts.merge(List.of(opening.type(), opening.openedAt(), opening.stack()), 1L, Long::sum);
        }
        return counts;
    }

    long untracked() {
        return untracked.get();
    }

    long failures() {
        return failures.get();
    }
}
