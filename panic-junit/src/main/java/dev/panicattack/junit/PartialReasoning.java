package dev.panicattack.junit;

import java.util.List;
import java.util.Locale;

import dev.panicattack.signature.Diagnosis;
import dev.panicattack.signature.LineOfReasoning;
import dev.panicattack.signature.NearMiss;
import dev.panicattack.signature.Signature;

/**
 * What an unclassified failure says after its first line: the classes the rules considered but did
 * not conclude (each with its confidence and the rules that fired, with their strengths), and the
 * concluding rules that came nearest to firing with the premises the evidence lacked.
 */
record PartialReasoning(Diagnosis diagnosis) {

    /** The reason for the first line: no class derived, or none confident enough. */
    String reason() {
        return diagnosis.tentative().isEmpty() ? "no rule derived a class from the evidence"
                : "no class reached confidence " + format(diagnosis.minConfidence()) + " ("
                        + PanicConfiguration.MIN_CONFIDENCE_PROPERTY_NAME + ")";
    }

    /** The lines below the first, each starting with a newline; empty when there is nothing to say. */
    String lines() {
        StringBuilder text = new StringBuilder();
        List<Signature> tentative = diagnosis.tentative();
        if (!tentative.isEmpty()) {
            text.append("\nconsidered:");
            for (Signature signature : tentative) {
                text.append("\n  ").append(signature.bugClass()).append(" (confidence ")
                        .append(format(signature.confidence())).append(") by ");
                List<LineOfReasoning> reasoning = signature.reasoning();
                for (int i = 0; i < reasoning.size(); i++) {
                    text.append(i > 0 ? ", " : "").append(reasoning.get(i).rule()).append(' ')
                            .append(format(reasoning.get(i).strength()));
                }
            }
        }
        if (!diagnosis.nearMisses().isEmpty()) {
            text.append("\nmissing evidence (nearest rules that did not fire):");
            for (NearMiss miss : diagnosis.nearMisses()) {
                text.append("\n  ").append(miss.bugClass()).append(" by ").append(miss.rule()).append(": ")
                        .append(miss.missing().isEmpty() ? "every premise has facts; a join, comparison or negation failed"
                                : "no " + String.join(", no ", miss.missing()));
            }
        }
        return text.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
