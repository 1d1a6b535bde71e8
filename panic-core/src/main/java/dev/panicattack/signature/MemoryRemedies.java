package dev.panicattack.signature;

import static dev.panicattack.signature.ProofEvidence.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.panicattack.evidence.Fact;

/** Remedies of the memory family: the allocation site that retains, the allocation to bound, the live set to cut. */
final class MemoryRemedies {

    private static final String OUT_OF_MEMORY = "java.lang.OutOfMemoryError";

    private MemoryRemedies() {
    }

    /**
     * Class metadata: the call that defines the classes that fill the pool. Heap: the static collection
     * {@code @Assail} found only ever added to, and the allocation that met the full heap.
     */
    static Remedy leak(ProofEvidence evidence, CodeFrames frames) {
        Optional<String> metadataPool = classMetadataPool(evidence);
        List<Fact> grounds = new ArrayList<>();
        List<Remedy.Site> sites = new ArrayList<>();
        OptionalLong failed = frames.failureDepth(OUT_OF_MEMORY);
        if (metadataPool.isPresent()) {
            String pool = metadataPool.get();
            grounds.addAll(evidence.proof("pool_at_failure"));
            grounds.addAll(evidence.proof("pool_peak"));
            grounds.addAll(evidence.proof("metaspace_trend"));
            failed.ifPresent(depth -> frames.ofFailure(depth).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                    "defines the classes that fill " + pool))));
            String missing = "";
            if (sites.isEmpty()) {
                // The failure's few recorded frames are the JDK's own class definition: the thread seen
                // defining classes at the last look before the failure shows the program's call.
                Optional<CodeFrames.ThreadFrame> defining = frames.seenIn("defineClass");
                defining.ifPresent(seen -> sites.add(new Remedy.Site(seen.frame(), evidence.threadName(seen.tid())
                        + " was defining classes here at the last look before " + pool + " ran out")));
                missing = defining.isPresent() ? "" : "the call that defines the classes: the failure has no recorded frame"
                        + " outside the JDK, and no thread was seen defining classes";
            }
            return new Remedy("stop defining classes per call: cache and reuse the generated class (proxy, lambda,"
                    + " script, serializer), or let go of the class loader that defined them", sites, missing, grounds);
        }
        grounds.addAll(evidence.proof("retained_heap_trend"));
        List<Fact> growing = new ArrayList<>(evidence.proof("static_finding"));
        if (growing.isEmpty()) {
            evidence.all("static_finding").stream().filter(finding -> text(finding, 0).equals("growing_static_collection"))
                    .forEach(growing::add);
        }
        for (Fact finding : growing) {
            sites.add(new Remedy.Site(text(finding, 1) + "." + text(finding, 2) + " (line " + text(finding, 3) + ")",
                    "adds to a static collection that nothing removes from"));
            grounds.add(finding);
        }
        failed.ifPresent(depth -> frames.ofFailure(depth).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                "allocates what the heap retains; the heap ran out here"))));
        if (sites.isEmpty() && failed.isPresent()) {
            sites.addAll(lastLooks(evidence, frames, "the heap"));
        }
        return new Remedy("release what is retained: remove entries when their work is done, bound the cache (evict),"
                + " unsubscribe listeners", sites, sites.isEmpty() ? "the allocation site that retains: the heap grew with no"
                + " OutOfMemoryError to show where, and no @Assail finding names a growing collection" : "", grounds);
    }

    /** Direct memory or the heap: the allocation that met the limit, from the failure's frames. */
    static Remedy exhaustion(ProofEvidence evidence, CodeFrames frames) {
        boolean direct = evidence.proof("pool_at_failure").stream().anyMatch(pool -> text(pool, 1).equals("direct"))
                || evidence.proof("failure_frame").stream().anyMatch(frame -> text(frame, 2).equals("java.nio.Bits.reserveMemory"));
        List<Fact> grounds = new ArrayList<>(evidence.proof("failure_is"));
        grounds.addAll(evidence.proof("pool_at_failure"));
        grounds.addAll(evidence.proof("failure_frame"));
        List<Remedy.Site> sites = new ArrayList<>();
        frames.failureDepth(OUT_OF_MEMORY).ifPresent(depth -> frames.ofFailure(depth).ifPresent(frame -> sites.add(
                new Remedy.Site(frame, direct ? "allocates the direct buffer the limit refused"
                        : "allocates when the heap runs out"))));
        String missing = "";
        if (sites.isEmpty()) {
            sites.addAll(lastLooks(evidence, frames, direct ? "direct memory" : "the heap"));
            missing = "the allocation itself: the OutOfMemoryError has no recorded frame outside the JDK"
                    + (sites.isEmpty() ? "" : "; the test's threads at the last look before it are above");
        }
        return direct
                ? new Remedy("reuse or pool direct buffers and free them when done, or raise -XX:MaxDirectMemorySize to"
                        + " what the load needs", sites, missing, grounds)
                : new Remedy("bound the allocation: stream or page the data instead of materialising it at once, cap sizes"
                        + " read from input, or give the heap what the load needs (-Xmx)", sites, missing, grounds);
    }

    /** Collections dominate: the evidence holds no allocation stacks, and the remedy says so. */
    static Remedy thrashing(ProofEvidence evidence) {
        List<Fact> grounds = new ArrayList<>(evidence.proof("gc_time"));
        return new Remedy("cut the live set or the allocation rate (reuse buffers, bound caches and queues), or give the"
                + " heap room (-Xmx)", List.of(), "the allocation site: the evidence holds collection times, no allocation"
                + " stacks", grounds);
    }

    /** Where each test thread stood at the hang detector's last look before the failure. */
    private static List<Remedy.Site> lastLooks(ProofEvidence evidence, CodeFrames frames, String memory) {
        List<Remedy.Site> sites = new ArrayList<>();
        for (Fact test : evidence.all("test_thread")) {
            long tid = ProofEvidence.number(test, 0);
            frames.lastLookOf(tid).ifPresent(frame -> sites.add(new Remedy.Site(frame, evidence.threadName(tid)
                    + " stood here at the last look before " + memory + " ran out")));
        }
        return sites;
    }

    private static Optional<String> classMetadataPool(ProofEvidence evidence) {
        for (String predicate : List.of("pool_at_failure", "pool_peak")) {
            for (Fact pool : evidence.proof(predicate)) {
                String name = text(pool, 1);
                if (name.equals("Metaspace") || name.equals("Compressed Class Space")) {
                    return Optional.of(name);
                }
            }
        }
        return evidence.proof("metaspace_trend").isEmpty() ? Optional.empty() : Optional.of("Metaspace");
    }
}
