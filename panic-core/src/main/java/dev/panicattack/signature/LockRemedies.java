package dev.panicattack.signature;

import static dev.panicattack.signature.ProofEvidence.number;
import static dev.panicattack.signature.ProofEvidence.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.panicattack.evidence.Fact;

/** Remedies of the lock family: the order to fix, the critical section to shorten, the access to guard. */
final class LockRemedies {

    private LockRemedies() {
    }

    /**
     * Both (every) acquisition sites of the cycle: where each thread waits for the next one's lock
     * while holding its own, from the proof's {@code thread_blocked_on} edges of one observation and
     * the threads' frames at that observation; and an {@code @Assail} lock-order finding's line.
     */
    static Remedy deadlock(ProofEvidence evidence, CodeFrames frames) {
        List<Fact> edges = evidence.proof("thread_blocked_on");
        List<Remedy.Site> sites = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> locks = new LinkedHashSet<>();
        List<Fact> cycle = cycleFrom(edges);
        for (Fact edge : cycle) {
            long at = number(edge, 0);
            long tid = number(edge, 1);
            String waitsFor = text(edge, 2);
            Optional<String> holds = cycle.stream().filter(other -> number(other, 3) == tid).map(other -> text(other, 2)).findFirst();
            locks.add(waitsFor);
            holds.ifPresent(locks::add);
            String role = evidence.threadName(tid) + " waits here for " + waitsFor
                    + holds.map(lock -> " while holding " + lock).orElse("");
            frames.ofThread(tid, OptionalLong.of(at)).ifPresentOrElse(frame -> sites.add(new Remedy.Site(frame, role)),
                    () -> missing.add("no stack frame of " + evidence.threadName(tid) + " was recorded"));
        }
        List<Fact> grounds = new ArrayList<>(cycle);
        for (Fact order : evidence.proof("static_lock_order")) {
            sites.add(new Remedy.Site(text(order, 0) + "." + text(order, 1) + " (line " + text(order, 2) + ")",
                    "takes " + text(order, 4) + " while holding " + text(order, 3) + "; other code takes them the other way round"));
            grounds.add(order);
        }
        if (cycle.isEmpty()) {
            missing.add("the proof names no lock cycle edge");
        }
        String action = "take " + (locks.isEmpty() ? "the locks" : String.join(" and ", locks))
                + " in one global order at every site below, or take the second with tryLock(timeout) and release the"
                + " first when it fails";
        return new Remedy(action, sites, String.join("; ", missing), grounds);
    }

    /**
     * The edges of the first observation in the proof, in the cycle's order from its lowest thread id
     * (each thread, then the owner of the lock it waits for), so the sites read the same every run.
     */
    private static List<Fact> cycleFrom(List<Fact> edges) {
        if (edges.isEmpty()) {
            return List.of();
        }
        List<Fact> observed = edges.stream().filter(edge -> number(edge, 0) == number(edges.get(0), 0)).toList();
        Map<Long, Fact> byThread = new LinkedHashMap<>();
        observed.forEach(edge -> byThread.putIfAbsent(number(edge, 1), edge));
        List<Fact> cycle = new ArrayList<>();
        Fact edge = byThread.get(byThread.keySet().stream().min(Long::compare).orElseThrow());
        while (edge != null && !cycle.contains(edge)) {
            cycle.add(edge);
            edge = byThread.get(number(edge, 3));
        }
        observed.stream().filter(other -> !cycle.contains(other)).forEach(cycle::add);
        return List.copyOf(cycle);
    }

    /**
     * The contended lock and where its waiters wait and its owner holds it, from the proof's blocked
     * threads and their {@code thread_blocked_on} samples.
     */
    static Remedy contention(ProofEvidence evidence, CodeFrames frames) {
        Set<Long> threads = new LinkedHashSet<>();
        evidence.proof("thread_state").forEach(state -> threads.add(number(state, 1)));
        evidence.proof("monitor_enter").forEach(enter -> threads.add(number(enter, 1)));
        Map<String, List<Fact>> waitsByLock = new LinkedHashMap<>();
        for (Fact blocked : evidence.all("thread_blocked_on")) {
            if (threads.contains(number(blocked, 1))) {
                waitsByLock.computeIfAbsent(text(blocked, 2), lock -> new ArrayList<>()).add(blocked);
            }
        }
        List<Remedy.Site> sites = new ArrayList<>();
        List<Fact> grounds = new ArrayList<>();
        Optional<Map.Entry<String, List<Fact>>> most = waitsByLock.entrySet().stream()
                .max(java.util.Comparator.comparingInt(entry -> entry.getValue().size()));
        String lock;
        if (most.isPresent()) {
            lock = most.get().getKey();
            Fact wait = most.get().getValue().get(0);
            long at = number(wait, 0);
            grounds.add(wait);
            frames.ofThread(number(wait, 1), OptionalLong.of(at)).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                    evidence.threadName(number(wait, 1)) + " waits here to enter " + lock + " ("
                            + most.get().getValue().size() + " samples)")));
            frames.ofThread(number(wait, 3), OptionalLong.of(at)).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                    evidence.threadName(number(wait, 3)) + " holds " + lock + " here")));
        } else {
            lock = evidence.proof("monitor_enter").stream().map(enter -> "a " + text(enter, 2) + " monitor").findFirst()
                    .orElse("the contended lock");
        }
        grounds.addAll(evidence.proof("monitor_enter"));
        if (grounds.isEmpty()) {
            grounds.addAll(evidence.proof("thread_state"));
        }
        String action = "shorten the critical section on " + lock + " (move slow work, I/O and waits out of it), or split"
                + " the lock or use a concurrent structure so these threads stop queuing on one lock";
        return new Remedy(action, sites, sites.isEmpty() ? "no sample showed where the threads wait for " + lock : "", grounds);
    }

    /**
     * The unguarded access: a noise point's class, method and line, the frame that iterated a
     * collection modified concurrently, or the frames of two threads that ran unsynchronized side by side.
     */
    static Remedy race(ProofEvidence evidence, CodeFrames frames) {
        List<Remedy.Site> sites = new ArrayList<>();
        List<Fact> grounds = new ArrayList<>();
        for (Fact point : evidence.proof("noise_point")) {
            sites.add(new Remedy.Site(text(point, 0) + "." + text(point, 1) + " (line " + text(point, 2) + ")",
                    text(point, 3).replace('_', ' ') + " of a plain shared field with no lock held, by " + text(point, 6)
                            + " threads"));
            grounds.add(point);
        }
        if (!sites.isEmpty()) {
            return new Remedy("make each read-modify-write of the field atomic: guard every access with one lock, or use an"
                    + " Atomic or concurrent type", sites, "", grounds);
        }
        OptionalLong modified = frames.failureDepth("java.util.ConcurrentModificationException");
        if (modified.isPresent() && !evidence.proof("failure_is").isEmpty()) {
            frames.ofFailure(modified.getAsLong()).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                    "iterates a collection another thread modifies")));
            grounds.addAll(evidence.proof("failure_is"));
            return new Remedy("guard the collection with one lock at every access, or use a concurrent collection (or"
                    + " iterate a copy)", sites, sites.isEmpty() ? "the failure's frames are all in the JDK" : "", grounds);
        }
        Map<Long, Long> runnableAt = new LinkedHashMap<>();
        for (Fact state : evidence.proof("thread_state")) {
            runnableAt.putIfAbsent(number(state, 1), number(state, 0));
            grounds.add(state);
        }
        List<String> missing = new ArrayList<>();
        runnableAt.forEach((tid, at) -> frames.ofThread(tid, OptionalLong.of(at)).ifPresentOrElse(
                frame -> sites.add(new Remedy.Site(frame, evidence.threadName(tid) + " runs here with no lock held")),
                () -> missing.add("no stack frame of " + evidence.threadName(tid) + " was recorded")));
        if (runnableAt.isEmpty()) {
            missing.add("the proof names no thread or field");
        }
        return new Remedy("guard the state these threads share with one lock (or make it immutable, atomic or"
                + " thread-confined); the frames show where they ran together", sites, String.join("; ", missing), grounds);
    }
}
