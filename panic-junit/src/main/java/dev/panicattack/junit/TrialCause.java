package dev.panicattack.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.panicattack.breakingpoint.TrialOutcome;

/**
 * Why one breaking-point trial failed, from what the test failed with: the classified headline of a
 * {@link PanicSignatureError} ({@code LOCK_CONTENTION (confidence 0.91)}) with its first proof lines,
 * {@code UNCLASSIFIED} when the trial was diagnosed and no rule derived a class, or else the failure's
 * type; the proof of the last two is the failure's own first line.
 */
final class TrialCause {

    static final int PROOF_LINES = 8;

    private TrialCause() {
    }

    static TrialOutcome failed(Throwable failure, java.time.Duration duration) {
        if (failure instanceof PanicSignatureError classified) {
            return TrialOutcome.failed(classified.bugClass() + " (confidence "
                    + String.format(Locale.ROOT, "%.2f", classified.confidence()) + ")", proof(classified), duration);
        }
        List<String> proof = List.of(firstLine(failure));
        boolean diagnosed = Arrays.stream(failure.getSuppressed()).anyMatch(Outcome.Unclassified.class::isInstance);
        return TrialOutcome.failed(diagnosed ? "UNCLASSIFIED" : failure.getClass().getSimpleName(), proof, duration);
    }

    /** The lines under {@code proof:} in a classified failure's message, without their indentation. */
    private static List<String> proof(PanicSignatureError classified) {
        List<String> lines = new ArrayList<>();
        boolean inProof = false;
        for (String line : Optional.ofNullable(classified.getMessage()).orElse("").lines().toList()) {
            if (line.equals("proof:")) {
                inProof = true;
            } else if (inProof && line.startsWith("  ") && lines.size() < PROOF_LINES) {
                lines.add(line.strip());
            } else if (inProof) {
                break;
            }
        }
        return lines;
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return failure.getClass().getName() + (first.isEmpty() ? "" : ": " + first);
    }
}
