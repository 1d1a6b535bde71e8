package dev.panicattack.signature;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.panicattack.evidence.Fact;

/**
 * Picks the frame of the program's own code out of the stacks the evidence recorded: the innermost
 * frame outside the JDK, where the program called into the JDK's wait, lock, read or allocation,
 * stepping over the methods the proof's rules name as the wait itself (a pool's borrow, a socket
 * read of a library). Other frames of a library count as the program's: the fix may belong in how
 * the program calls it, and the frames below it are in the report.
 */
final class CodeFrames {

    /**
     * The JDK's packages, the library's own sampling, trial, pressure and probe code (a sample taken
     * while the trial closes or the ballast is released, a fault or probe hook on the program's call),
     * the JUnit adapter classes that run the body, and JUnit itself: code that loads classes or waits on
     * the program's behalf but is never where its fix belongs.
     */
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.panicattack.evidence.", "dev.panicattack.trial.", "dev.panicattack.pressure.",
            "dev.panicattack.probe.", "dev.panicattack.junit.TrialRun.", "dev.panicattack.junit.TestBody.",
            "dev.panicattack.junit.TrialExtension.", "org.junit.");
    /** Rule-file facts that name a method the defect waits in (hangs.dl, resources.dl). */
    private static final List<String> WAIT_METHODS = List.of("blocking_io_method", "resource_acquire_method",
            "future_wait_method");

    private final ProofEvidence evidence;
    private final Set<String> waits = new HashSet<>();

    CodeFrames(ProofEvidence evidence) {
        this.evidence = evidence;
        WAIT_METHODS.forEach(predicate -> evidence.proof(predicate).forEach(method -> waits.add(ProofEvidence.text(method, 0))));
    }

    /** Whether {@code frame} ({@code pkg.Class.method...}) is outside the JDK and the library's own trial code. */
    static boolean application(String frame) {
        return JDK_PACKAGES.stream().noneMatch(frame::startsWith);
    }

    /** Outside the JDK, and not a method the proof names as the wait itself. */
    private boolean program(String frame) {
        int arguments = frame.indexOf('(');
        return application(frame) && !waits.contains(arguments < 0 ? frame : frame.substring(0, arguments));
    }

    /**
     * Where thread {@code tid} stood: its JVM sample at {@code at} when given ({@code thread_frame},
     * with file and line), else the hang detector's stack of it ({@code hang_frame}, then
     * {@code frame_at_failure}), else its latest JVM sample. A method without a line gets one from a
     * JVM sample of the same thread in that method.
     */
    Optional<String> ofThread(long tid, OptionalLong at) {
        if (at.isPresent()) {
            Optional<String> sampled = innermost(evidence.all("thread_frame"), tid, at.getAsLong());
            if (sampled.isPresent()) {
                return sampled;
            }
        }
        for (String predicate : List.of("hang_frame", "frame_at_failure", "thread_frame")) {
            Optional<String> frame = latest(evidence.all(predicate), tid).flatMap(t -> innermost(evidence.all(predicate), tid, t));
            if (frame.isPresent()) {
                return Optional.of(withLine(tid, frame.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * A thread seen in a method whose name contains {@code method} ({@code frame_at_failure},
     * {@code hang_frame}, then {@code thread_frame}, the first found), and the program's frame in that
     * same stack.
     */
    Optional<ThreadFrame> seenIn(String method) {
        for (String predicate : List.of("frame_at_failure", "hang_frame", "thread_frame")) {
            Optional<Fact> seen = evidence.all(predicate).stream()
                    .filter(fact -> fact.arity() == 4 && ProofEvidence.text(fact, 3).contains(method)).findFirst();
            if (seen.isPresent()) {
                long tid = ProofEvidence.number(seen.get(), 1);
                Optional<String> frame = innermost(evidence.all(predicate), tid, ProofEvidence.number(seen.get(), 0));
                if (frame.isPresent()) {
                    return Optional.of(new ThreadFrame(tid, withLine(tid, frame.get())));
                }
            }
        }
        return Optional.empty();
    }

    /** Where thread {@code tid} stood at the hang detector's last look before the failure ({@code frame_at_failure}). */
    Optional<String> lastLookOf(long tid) {
        List<Fact> looks = evidence.all("frame_at_failure");
        return latest(looks, tid).flatMap(t -> innermost(looks, tid, t)).map(frame -> withLine(tid, frame));
    }

    /** A thread and the program's frame it stood in. */
    record ThreadFrame(long tid, String frame) {
    }

    /** The innermost frame outside the JDK of the failure's throwable at cause {@code depth} ({@code failure_frame}). */
    Optional<String> ofFailure(long depth) {
        return evidence.all("failure_frame").stream()
                .filter(fact -> fact.arity() == 3 && ProofEvidence.number(fact, 0) == depth)
                .filter(fact -> program(ProofEvidence.text(fact, 2)))
                .min(Comparator.comparingLong(fact -> ProofEvidence.number(fact, 1)))
                .map(fact -> ProofEvidence.text(fact, 2));
    }

    /** The cause depth of the failure's first throwable of {@code type} ({@code failure_is}), if any. */
    OptionalLong failureDepth(String type) {
        return evidence.all("failure_is").stream()
                .filter(fact -> fact.arity() == 2 && ProofEvidence.text(fact, 1).equals(type))
                .mapToLong(fact -> ProofEvidence.number(fact, 0)).min();
    }

    private static Optional<Long> latest(List<Fact> frames, long tid) {
        return frames.stream().filter(fact -> fact.arity() == 4 && ProofEvidence.number(fact, 1) == tid)
                .map(fact -> ProofEvidence.number(fact, 0)).max(Long::compare);
    }

    private Optional<String> innermost(List<Fact> frames, long tid, long at) {
        return frames.stream()
                .filter(fact -> fact.arity() == 4 && ProofEvidence.number(fact, 0) == at && ProofEvidence.number(fact, 1) == tid)
                .filter(fact -> program(ProofEvidence.text(fact, 3)))
                .min(Comparator.comparingLong(fact -> ProofEvidence.number(fact, 2)))
                .map(fact -> ProofEvidence.text(fact, 3));
    }

    private String withLine(long tid, String frame) {
        if (frame.endsWith(")")) {
            return frame;
        }
        return evidence.all("thread_frame").stream()
                .filter(fact -> fact.arity() == 4 && ProofEvidence.number(fact, 1) == tid)
                .filter(fact -> ProofEvidence.text(fact, 3).startsWith(frame + "("))
                .max(Comparator.comparingLong(fact -> ProofEvidence.number(fact, 0)))
                .map(fact -> ProofEvidence.text(fact, 3)).orElse(frame);
    }
}
