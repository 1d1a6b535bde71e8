package dev.panicattack.signature;

import java.util.List;
import java.util.Objects;

import dev.panicattack.evidence.Fact;

/**
 * A class of defect derived from evidence: its confidence (0 to 1, from the calibrated precision of
 * the rules that concluded it and the number of independent lines of reasoning), the proofs as
 * rendered derivation trees, the evidence facts the proofs rest on, the lines of reasoning
 * (strongest first, in the order of the proofs), and the {@link Remedy}: where the protection
 * belongs, read from those facts.
 */
public record Signature(BugClass bugClass, double confidence, List<String> proofs, List<Fact> evidence,
        List<LineOfReasoning> reasoning, Remedy remedy) {

    public Signature {
        Objects.requireNonNull(bugClass, "bugClass");
        if (!(confidence > 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1], but was " + confidence);
        }
        proofs = List.copyOf(proofs);
        evidence = List.copyOf(evidence);
        reasoning = List.copyOf(reasoning);
        if (proofs.isEmpty()) {
            throw new IllegalArgumentException("a signature needs at least one proof: " + bugClass);
        }
        Objects.requireNonNull(remedy, "remedy");
    }

    /**
     * A signature whose remedy is read from {@code evidence} alone: without the rest of the trial's
     * evidence, frames of the threads the proof names are found only when the proof holds them.
     */
    public Signature(BugClass bugClass, double confidence, List<String> proofs, List<Fact> evidence,
            List<LineOfReasoning> reasoning) {
        this(bugClass, confidence, proofs, evidence, reasoning,
                Remedies.of(Objects.requireNonNull(bugClass, "bugClass"), ProofEvidence.ofProof(List.copyOf(evidence))));
    }

    /** A signature with no recorded lines of reasoning, its remedy read from {@code evidence} alone. */
    public Signature(BugClass bugClass, double confidence, List<String> proofs, List<Fact> evidence) {
        this(bugClass, confidence, proofs, evidence, List.of());
    }

    /** {@code DEADLOCK (confidence 0.97)}, with two decimals. */
    public String headline() {
        return bugClass + " (confidence " + String.format(java.util.Locale.ROOT, "%.2f", confidence) + ")";
    }
}
