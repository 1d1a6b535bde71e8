package dev.panicattack.junit;

import java.util.List;
import java.util.Optional;

import org.opentest4j.AssertionFailedError;

import dev.panicattack.signature.Signature;
import dev.panicattack.trial.Hang;
import dev.panicattack.trial.Verdict;

/**
 * Turns a verdict into what the test reports: a {@link PanicSignatureError} when a class was
 * derived, the original failure unchanged when none was, and an explained failure for a hang or an
 * {@link OutOfMemoryError} that nothing classified (JUnit would otherwise abort the whole run on the
 * latter, and wait forever on the former).
 */
record Outcome(Optional<Throwable> failure, Optional<Hang> hang, Verdict verdict) {

    private static final int PROOF_LINES_IN_MESSAGE = 40;

    static Outcome of(Optional<Throwable> failure, Optional<Hang> hang, Verdict verdict) {
        return new Outcome(failure, hang, verdict);
    }

    void throwIfFailed() throws Throwable {
        Optional<Throwable> failed = failed();
        if (failed.isPresent()) {
            throw failed.get();
        }
    }

    /**
     * What the test fails with, or empty when it passes; what failed in the library while judging is
     * suppressed in the test's failure, or is the failure of a test that passed.
     */
    Optional<Throwable> failed() {
        Optional<Throwable> failed = judged();
        List<RuntimeException> library = verdict.libraryFailures();
        if (library.isEmpty()) {
            return failed;
        }
        Throwable leading = failed.orElse(library.get(0));
        library.stream().filter(problem -> problem != leading).forEach(leading::addSuppressed);
        return Optional.of(leading);
    }

    private Optional<Throwable> judged() {
        Optional<Signature> primary = verdict.primary();
        if (primary.isPresent()) {
            return Optional.of(classified(primary.get()));
        }
        PartialReasoning partial = new PartialReasoning(verdict.diagnosis());
        if (hang.isPresent()) {
            return Optional.of(new AssertionFailedError("panic-attack: the test hung (" + hang.get().kind() + " at "
                    + hang.get().at().toMillis() + " ms) and no rule classified it; " + reportLine() + partial.lines(),
                    hangCause()));
        }
        if (failure.isEmpty()) {
            return Optional.empty();
        }
        Throwable original = failure.get();
        if (original instanceof OutOfMemoryError) {
            return Optional.of(new AssertionFailedError("OutOfMemoryError under " + verdict.pressure().describe() + ";"
                    + " the library released its ballast at once; the original error is the cause; "
                    + verdict.exhaustion().map(forecast -> forecast.describe() + "; ").orElse("") + reportLine()
                    + partial.lines(), original));
        }
        // The test's own failure, unchanged; beside it, that no rule classified it and where the evidence is.
        original.addSuppressed(new Unclassified("panic: UNCLASSIFIED under " + verdict.pressure().describe()
                + "; " + partial.reason() + "; " + reportLine() + partial.lines()));
        return Optional.of(original);
    }

    private PanicSignatureError classified(Signature signature) {
        StringBuilder message = new StringBuilder(
                PanicSignatureError.headline(signature.bugClass(), signature.confidence(), verdict.pressure().describe()));
        message.append('\n');
        if (failure.isPresent()) {
            String original = failure.get().getMessage();
            message.append(original != null ? original : failure.get().getClass().getName()).append('\n');
        } else {
            hang.ifPresent(detected -> message.append("the test hung: ").append(detected.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" detected at ").append(detected.at().toMillis()).append(" ms\n"));
        }
        message.append("proof:\n");
        String[] lines = signature.proofs().get(0).split("\n");
        for (int i = 0; i < Math.min(lines.length, PROOF_LINES_IN_MESSAGE); i++) {
            message.append("  ").append(lines[i]).append('\n');
        }
        if (lines.length > PROOF_LINES_IN_MESSAGE) {
            message.append("  ... ").append(lines.length - PROOF_LINES_IN_MESSAGE).append(" more lines in the report\n");
        }
        alsoSupportedBy(signature, message);
        verdict.exhaustion().ifPresent(forecast -> message.append(forecast.describe()).append('\n'));
        signature.remedy().lines().forEach(line -> message.append(line).append('\n'));
        message.append(reportLine());
        Throwable cause = failure.orElseGet(() -> hang.isPresent() ? hangCause() : null);
        return new PanicSignatureError(signature.bugClass(), signature.confidence(), message.toString(), cause);
    }

    /**
     * For each further line of reasoning, the evidence it adds to the first proof: a static finding's code
     * location beside the blocked frame, for example. Its full proof is in the report.
     */
    private static void alsoSupportedBy(Signature signature, StringBuilder message) {
        java.util.Set<String> shown = new java.util.HashSet<>(signature.proofs().get(0).lines().map(String::strip).toList());
        for (String proof : signature.proofs().subList(1, signature.proofs().size())) {
            List<String> added = proof.lines().map(String::strip)
                    .filter(line -> line.endsWith("[input]") && !shown.contains(line)).toList();
            String first = proof.lines().findFirst().orElse("");
            if (!added.isEmpty() && first.endsWith("]") && first.contains("[")) {
                message.append("also by ").append(first, first.lastIndexOf('[') + 1, first.length() - 1).append(":\n");
                added.forEach(line -> message.append("  ").append(line).append('\n'));
                shown.addAll(added);
            }
        }
    }

    private String reportLine() {
        return verdict.report().map(files -> "report: " + files.html())
                .orElseGet(() -> "report: not written" + verdict.reportProblem().map(problem -> " (" + problem + ")").orElse(""));
    }

    /** A cause whose stack is where the first hung thread stands, so the IDE shows the spot. */
    private Throwable hangCause() {
        Hang detected = hang.orElseThrow();
        HungThread cause = new HungThread(detected.kind() + ": thread " + detected.threads().get(0)
                + " made no progress");
        if (!detected.stacks().isEmpty()) {
            cause.setStackTrace(detected.stacks().get(0));
        }
        return cause;
    }

    /** Said beside an unclassified failure: what the library concluded and where its report is. */
    static final class Unclassified extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unclassified(String message) {
            super(message, null, false, false);
        }
    }

    /** Where a hung thread stood when the hang was judged. */
    static final class HungThread extends RuntimeException {

        private static final long serialVersionUID = 1L;

        HungThread(String message) {
            super(message);
        }
    }
}
