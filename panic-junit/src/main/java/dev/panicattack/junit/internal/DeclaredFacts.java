package dev.panicattack.junit.internal;

import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import dev.panicattack.evidence.Fact;

/**
 * Facts another extension declares about one test invocation (such as {@code input_corrupted}), kept
 * in that invocation's Store until the trial starts and records them. Public only for the extensions
 * of {@code dev.panicattack.junit}; not API.
 */
public final class DeclaredFacts {

    private static final Namespace NAMESPACE = Namespace.create(DeclaredFacts.class);
    private static final String FACTS = "facts";

    private DeclaredFacts() {
    }

    /** Declares {@code facts} for the test of {@code context}; a later call replaces an earlier one. */
    public static void declare(ExtensionContext context, List<Fact> facts) {
        context.getStore(NAMESPACE).put(FACTS, List.copyOf(facts));
    }

    static List<Fact> of(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<Fact> facts = context.getStore(NAMESPACE).getOrDefault(FACTS, List.class, List.of());
        return facts;
    }
}
