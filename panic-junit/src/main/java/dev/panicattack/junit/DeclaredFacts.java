package dev.panicattack.junit;

import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.evidence.Fact;

/**
 * Facts another extension declares about one test invocation (such as {@code input_corrupted}), kept
 * in that invocation's Store until the trial starts and records them.
 */
final class DeclaredFacts {

    private static final String FACTS = "declared.facts";

    private DeclaredFacts() {
    }

    /** Declares {@code facts} for the test of {@code context}; a later call replaces an earlier one. */
    static void declare(ExtensionContext context, List<Fact> facts) {
        PanicStore.of(context).put(FACTS, List.copyOf(facts));
    }

    static List<Fact> of(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<Fact> facts = PanicStore.of(context).getOrDefault(FACTS, List.class, List.of());
        return facts;
    }
}
