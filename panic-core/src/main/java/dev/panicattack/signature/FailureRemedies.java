package dev.panicattack.signature;

import static dev.panicattack.signature.ProofEvidence.number;
import static dev.panicattack.signature.ProofEvidence.text;

import java.util.ArrayList;
import java.util.List;

import dev.panicattack.evidence.Fact;

/** Remedies of failures the program let escape: the recursion to bound, the write to handle, the parse to guard. */
final class FailureRemedies {

    /** Refused writes named in a remedy; the rest are in the grounds. */
    private static final int REFUSED_SHOWN = 2;

    private FailureRemedies() {
    }

    /** The recursing method: the frame that recurs in the overflowing stack, a probe's depth, an {@code @Assail} finding. */
    static Remedy recursion(ProofEvidence evidence) {
        List<Remedy.Site> sites = new ArrayList<>();
        List<Fact> grounds = new ArrayList<>();
        List<Fact> repeated = evidence.proof("failure_repeated_frame");
        if (repeated.isEmpty()) {
            List<Long> overflowed = evidence.proof("failure_is").stream().map(type -> number(type, 0)).toList();
            repeated = evidence.all("failure_repeated_frame").stream()
                    .filter(frame -> overflowed.contains(number(frame, 0))).toList();
        }
        for (Fact frame : repeated) {
            sites.add(new Remedy.Site(text(frame, 1), "recurs " + text(frame, 2) + " times in the overflowing stack"));
            grounds.add(frame);
        }
        for (Fact depth : evidence.proof("probe_depth")) {
            sites.add(new Remedy.Site(text(depth, 1), "recursed " + text(depth, 2) + " frames deep on one thread"));
            grounds.add(depth);
        }
        for (Fact finding : evidence.proof("static_finding")) {
            sites.add(new Remedy.Site(text(finding, 1) + "." + text(finding, 2) + " (line " + text(finding, 3) + ")",
                    "@Assail found it in a recursion"));
            grounds.add(finding);
        }
        if (grounds.isEmpty()) {
            grounds.addAll(evidence.proof("failure_is"));
        }
        return new Remedy("bound the recursion: check a depth limit (or the input's nesting) and fail with a documented"
                + " error, or make it a loop over an explicit stack", sites,
                sites.isEmpty() ? "the recursing method: no recurring frame was recorded" : "", grounds);
    }

    /** The file write that failed on the full disk, how it escaped, and the files refused. */
    static Remedy diskFull(ProofEvidence evidence, CodeFrames frames) {
        List<Remedy.Site> sites = new ArrayList<>();
        List<Fact> grounds = new ArrayList<>();
        String escapedAs = evidence.proof("failure_cause").stream().map(cause -> text(cause, 1)).findFirst().orElse("");
        for (Fact type : evidence.proof("failure_is")) {
            if (text(type, 1).equals("java.io.IOException")) {
                frames.ofFailure(number(type, 0)).ifPresent(frame -> sites.add(new Remedy.Site(frame,
                        "writes to the full disk; the IOException " + (escapedAs.isEmpty() ? "is not handled"
                                : "escapes as " + escapedAs))));
            }
            grounds.add(type);
        }
        List<Fact> refused = evidence.proof("disk_refused");
        refused.stream().limit(REFUSED_SHOWN).forEach(write -> sites.add(new Remedy.Site(text(write, 1),
                "a write of " + text(write, 2) + " bytes was refused: no space left")));
        grounds.addAll(refused);
        return new Remedy("handle the failed write where it happens: catch the IOException there, keep the previous state"
                + " (write a temporary file and move it into place), and report the full disk as a documented error",
                sites, sites.stream().anyMatch(site -> site.role().startsWith("writes")) ? ""
                        : "the write that failed: no IOException from a file write is in the failure's chain",
                grounds);
    }

    /**
     * The parse call that let an unchecked exception escape on corrupted input; in a plain test, also
     * the program's call that handed a library its input ({@code failure_input_call}).
     */
    static Remedy malformedInput(ProofEvidence evidence, CodeFrames frames) {
        List<Fact> grounds = new ArrayList<>(evidence.proof("input_corrupted"));
        String input = grounds.stream().map(corrupted -> text(corrupted, 0)).findFirst().orElse("the input it was handed");
        String thrown = evidence.all("failure_cause").stream().filter(cause -> number(cause, 0) == 0)
                .map(cause -> text(cause, 1)).findFirst().orElse("an unchecked exception");
        grounds.addAll(evidence.proof("failure_is"));
        List<Fact> calls = evidence.proof("failure_input_call");
        grounds.addAll(calls);
        List<Remedy.Site> sites = new ArrayList<>();
        frames.ofFailure(0).ifPresent(frame -> sites.add(new Remedy.Site(frame, "throws " + thrown + " on " + input)));
        // A plain test: the program's call that handed the library its input is where to catch it.
        calls.stream().filter(call -> number(call, 0) == 0).findFirst().ifPresent(call -> sites.add(
                new Remedy.Site(text(call, 2), "calls " + text(call, 1) + " with the input, and lets " + thrown + " escape")));
        return new Remedy("validate the input where it is parsed and throw the documented error: catch " + thrown
                + " at the parse call and rethrow it as that error", sites,
                sites.isEmpty() ? "the parse call: the failure's recorded frames are all in the JDK" : "", grounds);
    }
}
