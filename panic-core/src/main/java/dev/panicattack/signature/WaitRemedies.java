package dev.panicattack.signature;

import static dev.panicattack.signature.ProofEvidence.number;
import static dev.panicattack.signature.ProofEvidence.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import dev.panicattack.evidence.Fact;

/** Remedies of the waiting family: the wait to bound, the call without a timeout, the pool to bound, the unit to return. */
final class WaitRemedies {

    private WaitRemedies() {
    }

    /** The wait with no end, where the stalled thread stands; a wall-clock deadline when the clock stepped back. */
    static Remedy stall(ProofEvidence evidence, CodeFrames frames) {
        List<Fact> stalled = evidence.proof("no_progress");
        List<Fact> clockReads = evidence.proof("clock_reads");
        boolean wallClock = !clockReads.isEmpty();
        Located located = threadSites(evidence, frames, stalled, 1, wallClock
                ? "computes a wait from the wall clock, which stepped back, and waits here"
                : "waits here with no deadline");
        List<Fact> grounds = new ArrayList<>(stalled);
        grounds.addAll(clockReads);
        grounds.addAll(evidence.proof("clock_jump"));
        String action = wallClock
                ? "measure the wait with System.nanoTime() (or a monotonic clock) instead of the wall clock"
                : "bound the wait (await, poll, join or get with a timeout) and make sure what it waits for is always"
                        + " signalled, also on the failure path";
        return new Remedy(action, located.sites(), located.missing(), grounds);
    }

    /**
     * The blocking call without a timeout, where the stalled thread stands in it, and the connection
     * it reads when the network faults recorded one ({@code socket_read}).
     */
    static Remedy missingTimeout(ProofEvidence evidence, CodeFrames frames) {
        List<Fact> stalled = evidence.proof("no_progress");
        List<Fact> reads = evidence.proof("socket_read");
        List<Fact> grounds = new ArrayList<>(stalled);
        grounds.addAll(reads);
        if (stalled.isEmpty()) {
            evidence.proof("hang_frame").forEach(grounds::add);
        }
        Located located;
        long timeout = reads.stream().mapToLong(read -> number(read, 4)).max().orElse(0);
        if (!reads.isEmpty()) {
            Fact read = reads.get(0);
            located = threadSites(evidence, frames, stalled.isEmpty() ? reads : stalled, 1,
                    "reads " + text(read, 2) + ":" + text(read, 3) + (timeout == 0 ? " with no timeout"
                            : " with a timeout of " + timeout + " ms, longer than the caller can wait"));
        } else {
            located = threadSites(evidence, frames, stalled, 1, "waits here on a peer with no timeout");
        }
        String action = timeout > 0
                ? "lower the read timeout (" + timeout + " ms) below what the caller can wait, and handle the timeout"
                : "give this call a timeout (a socket read and connect timeout, an HTTP request timeout) and handle the"
                        + " timeout where it is thrown";
        return new Remedy(action, located.sites(), located.missing(), grounds);
    }

    /**
     * The pool and the bound or bulkhead it needs: a probed pool's creation site, the worker that waits
     * for work only its own pool can run, or the call whose submission was rejected.
     */
    static Remedy poolSaturation(ProofEvidence evidence, CodeFrames frames) {
        List<Remedy.Site> sites = new ArrayList<>();
        List<Fact> grounds = new ArrayList<>();
        List<Fact> rejected = evidence.proof("executor_rejected");
        List<Fact> queued = evidence.proof("executor_queue");
        if (!rejected.isEmpty() || !queued.isEmpty()) {
            for (Fact fact : rejected.isEmpty() ? queued : rejected) {
                String pool = text(fact, 1);
                String what = rejected.isEmpty() ? "whose queue grew to " + text(fact, 2) + " tasks"
                        : "which rejected " + text(fact, 2) + " tasks";
                String createdAt = evidence.all("executor_pool").stream().filter(created -> text(created, 0).equals(pool))
                        .map(created -> text(created, 1)).findFirst().orElse("unknown");
                sites.add(new Remedy.Site(createdAt.equals("unknown") ? pool : createdAt, "creates the pool " + pool + " " + what));
                grounds.add(fact);
            }
            return new Remedy("bound the pool's queue (a bounded BlockingQueue) and handle rejection at the submitter"
                    + " (backpressure, CallerRunsPolicy), and size the pool for the blocking work it runs", sites, "", grounds);
        }
        List<Fact> stalled = evidence.proof("no_progress");
        if (!stalled.isEmpty()) {
            grounds.addAll(stalled);
            Set<String> pools = new LinkedHashSet<>();
            for (Fact fact : stalled) {
                String name = evidence.nameOf(number(fact, 1)).orElse("");
                int worker = name.lastIndexOf("-thread-");
                pools.add(worker > 0 ? "pool \"" + name.substring(0, worker) + "\"" : "its pool");
            }
            Located located = threadSites(evidence, frames, stalled, 1,
                    "waits here for a future that only a worker of " + String.join(", ", pools) + " can run");
            return new Remedy("give the tasks that are waited for a pool of their own (a bulkhead), or compose them"
                    + " (thenCompose) instead of blocking a worker on get() or join()", located.sites(), located.missing(), grounds);
        }
        OptionalLong depth = frames.failureDepth("java.util.concurrent.RejectedExecutionException");
        depth.ifPresent(d -> frames.ofFailure(d).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                "submits work the saturated pool rejected"))));
        grounds.addAll(evidence.proof("failure_is"));
        grounds.addAll(evidence.proof("thread_state"));
        return new Remedy("bound the submitters: a bounded queue with backpressure (CallerRunsPolicy or a semaphore"
                + " around submit), and size the pool for the blocking work it runs", sites,
                sites.isEmpty() ? "the pool: only its rejection is in the evidence (probes name where it was created)" : "",
                grounds);
    }

    /**
     * The unit taken and not returned: where the files or sockets were opened, where the stalled
     * thread waits for a unit, or the borrow that found the pool exhausted.
     */
    static Remedy resourceLeak(ProofEvidence evidence, CodeFrames frames) {
        List<Remedy.Site> sites = new ArrayList<>();
        List<Fact> grounds = new ArrayList<>();
        for (Fact unclosed : evidence.proof("resource_unclosed")) {
            sites.add(new Remedy.Site(text(unclosed, 1), "opens " + text(unclosed, 2) + " " + text(unclosed, 0)
                    + " never closed"));
            grounds.add(unclosed);
        }
        String missing = "";
        if (sites.isEmpty()) {
            List<Fact> stalled = evidence.proof("no_progress");
            grounds.addAll(stalled);
            Located located = threadSites(evidence, frames, stalled, 1, "waits here for a unit nobody gave back");
            sites.addAll(located.sites());
            for (Fact type : evidence.proof("failure_is")) {
                frames.ofFailure(number(type, 0)).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                        "finds the pool exhausted")));
                grounds.add(type);
            }
            missing = "the code that took a unit and did not return it: the evidence shows only who waited";
        }
        return new Remedy("give back every unit on every path: take and return it in try/finally (try-with-resources for"
                + " streams and sockets), also when the taker is interrupted or cancelled", sites, missing, grounds);
    }

    /** Sites of the threads named at {@code tidIndex} of {@code facts}, each where it stands, and which threads had no frame. */
    static Located threadSites(ProofEvidence evidence, CodeFrames frames, List<Fact> facts, int tidIndex, String role) {
        List<Remedy.Site> sites = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Fact fact : facts) {
            long tid = number(fact, tidIndex);
            if (seen.add(tid)) {
                frames.ofThread(tid, OptionalLong.empty()).ifPresentOrElse(
                        frame -> sites.add(new Remedy.Site(frame, evidence.threadName(tid) + " " + role)),
                        () -> missing.add("no stack frame of " + evidence.threadName(tid) + " outside the JDK was recorded"));
            }
        }
        if (seen.isEmpty()) {
            missing.add("the proof names no thread");
        }
        return new Located(List.copyOf(sites), String.join("; ", missing));
    }

    /** Sites found, and what was not ({@code ""} when nothing is missing). */
    record Located(List<Remedy.Site> sites, String missing) {
    }
}
