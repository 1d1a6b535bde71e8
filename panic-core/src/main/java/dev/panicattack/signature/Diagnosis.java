package dev.panicattack.signature;

import java.util.List;

/**
 * What the rules made of one test's evidence: every signature derived (strongest first), the
 * confidence a class needs to be concluded, and, when none reaches it, the concluding rules that
 * came nearest to firing with the evidence they lacked.
 */
public record Diagnosis(List<Signature> signatures, double minConfidence, List<NearMiss> nearMisses) {

    public Diagnosis {
        signatures = List.copyOf(signatures);
        nearMisses = List.copyOf(nearMisses);
    }

    /** Nothing derived, nothing missed: a test that was not judged. */
    public static Diagnosis none() {
        return new Diagnosis(List.of(), 0, List.of());
    }

    /** The signatures at or above {@link #minConfidence()}: the classes concluded. */
    public List<Signature> concluded() {
        return signatures.stream().filter(signature -> signature.confidence() >= minConfidence).toList();
    }

    /** The signatures below {@link #minConfidence()}: classes considered, not concluded. */
    public List<Signature> tentative() {
        return signatures.stream().filter(signature -> signature.confidence() < minConfidence).toList();
    }
}
