package dev.panicattack.signature;

import static dev.panicattack.signature.ProofEvidence.number;
import static dev.panicattack.signature.ProofEvidence.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import dev.panicattack.evidence.Fact;

/** Remedies of threads themselves: the creation that leaks, the work that starves for CPU. */
final class ThreadRemedies {

    /** Leaked threads named in a remedy; the rest are in the grounds. */
    private static final int LEAKED_SHOWN = 3;

    private ThreadRemedies() {
    }

    /**
     * The thread start the system refused (the failure's first frame outside the JDK above
     * {@code Thread.start0}), and where the leaked threads still run, which names their task.
     */
    static Remedy leak(ProofEvidence evidence, CodeFrames frames) {
        List<Remedy.Site> sites = new ArrayList<>();
        List<Fact> grounds = new ArrayList<>();
        for (Fact refused : evidence.proof("failure_frame")) {
            if (text(refused, 2).equals("java.lang.Thread.start0")) {
                frames.ofFailure(number(refused, 0)).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                        "starts the thread the system refused")));
                grounds.add(refused);
            }
        }
        List<Fact> alive = evidence.proof("thread_alive_at_end");
        int shown = 0;
        for (Fact thread : alive) {
            grounds.add(thread);
            if (shown < LEAKED_SHOWN) {
                var frame = frames.ofThread(number(thread, 1), OptionalLong.empty());
                if (frame.isPresent()) {
                    sites.add(new Remedy.Site(frame.get(), "thread \"" + text(thread, 2) + "\" still runs here after the test"));
                    shown++;
                }
            }
        }
        String missing = sites.stream().anyMatch(site -> site.role().startsWith("starts")) ? ""
                : "where the threads were started: the evidence shows where they run, not who started them";
        return new Remedy("stop what you start: shut down (and await) the executors and join the threads started here"
                + " when their work ends, or reuse one bounded pool instead of a thread per task", sites, missing, grounds);
    }

    /** Where the runnable thread that got too little CPU stood. */
    static Remedy starvation(ProofEvidence evidence, CodeFrames frames) {
        Set<Long> threads = new LinkedHashSet<>();
        evidence.proof("thread_cpu").forEach(cpu -> threads.add(number(cpu, 1)));
        List<Remedy.Site> sites = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (long tid : threads) {
            frames.ofThread(tid, OptionalLong.empty()).ifPresentOrElse(
                    frame -> sites.add(new Remedy.Site(frame, evidence.threadName(tid)
                            + " was runnable here but got too little CPU to meet its time budget")),
                    () -> missing.add("no stack frame of " + evidence.threadName(tid) + " outside the JDK was recorded"));
        }
        if (threads.isEmpty()) {
            missing.add("the proof names no thread");
        }
        List<Fact> grounds = new ArrayList<>(evidence.proof("thread_cpu"));
        grounds.addAll(evidence.proof("pressure_achieved"));
        return new Remedy("make the time budget hold under load: take CPU-heavy work off this path, size pools to the"
                + " cores, or give the deadline the room a loaded machine needs", sites, String.join("; ", missing), grounds);
    }
}
