package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A proof of a fact: the rule that concluded it and the proofs of the positive body facts it used
 * (in body order), plus notes for the negated atoms that held ({@code not p("a", _)}). An input
 * fact's derivation is a leaf: no rule, no premises. Immutable; sub-proofs are shared, so a proof
 * is a DAG even when it reads as a tree.
 */
public final class Derivation {

    private final Fact conclusion;
    private final Optional<Rule> rule;
    private final List<Derivation> premises;
    private final List<String> notes;
    private final Map<String, List<String>> argumentNames;
    private final int hash;

    /** A derivation without negation notes. */
    public Derivation(Fact conclusion, Optional<Rule> rule, List<Derivation> premises) {
        this(conclusion, rule, premises, List.of());
    }

    /**
     * A derivation.
     *
     * @param notes the negated atoms that held, each written as {@code not p(...)}
     */
    public Derivation(Fact conclusion, Optional<Rule> rule, List<Derivation> premises, List<String> notes) {
        this(conclusion, rule, premises, notes, Map.of());
    }

    Derivation(Fact conclusion, Optional<Rule> rule, List<Derivation> premises, List<String> notes,
            Map<String, List<String>> argumentNames) {
        this.conclusion = Objects.requireNonNull(conclusion, "conclusion");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.premises = List.copyOf(premises);
        this.notes = List.copyOf(notes);
        this.argumentNames = argumentNames;
        if (rule.isEmpty() && (!this.premises.isEmpty() || !this.notes.isEmpty())) {
            throw new IllegalArgumentException("a derivation without a rule is an input leaf and cannot have premises "
                    + "or notes, but " + conclusion + " has " + this.premises.size() + " premises and "
                    + this.notes.size() + " notes; pass the rule that concluded it");
        }
        this.hash = Objects.hash(conclusion, rule, this.premises, this.notes);
    }

    /** The fact proved. */
    public Fact conclusion() {
        return conclusion;
    }

    /** The rule applied last, or empty for an input fact. */
    public Optional<Rule> rule() {
        return rule;
    }

    /** Proofs of the positive body facts the rule used, in body order. */
    public List<Derivation> premises() {
        return premises;
    }

    /** The negated body atoms that held, each as {@code not p(...)}. */
    public List<String> notes() {
        return notes;
    }

    /** Whether this is an input fact (a leaf). */
    public boolean isInput() {
        return rule.isEmpty();
    }

    /** The distinct input facts this proof rests on, in the order the proof first reaches them. */
    public List<Fact> leaves() {
        Set<Fact> leaves = new LinkedHashSet<>();
        Set<Derivation> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Derivation> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Derivation current = stack.pop();
            if (!visited.add(current)) {
                continue;
            }
            if (current.isInput()) {
                leaves.add(current.conclusion);
            }
            for (int i = current.premises.size() - 1; i >= 0; i--) {
                stack.push(current.premises.get(i));
            }
        }
        return List.copyOf(leaves);
    }

    /**
     * The proof as indented text: one line per fact with the rule that concluded it ({@code [input]}
     * for evidence), premises indented below, negated atoms that held as {@code not ...  [absent]}
     * lines; a derived fact whose proof was already printed shows {@code [shown above]}. The rules
     * used follow, with their location and text. Arguments are named when the predicate has a
     * {@code .decl}.
     */
    public String render() {
        StringBuilder text = new StringBuilder();
        Map<Rule, Boolean> rulesUsed = new LinkedHashMap<>();
        Set<Fact> shown = new HashSet<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        while (!stack.isEmpty()) {
            Object[] frame = stack.pop();
            int depth = (Integer) frame[1];
            String indent = "  ".repeat(depth);
            if (frame[0] instanceof String note) {
                text.append(indent).append(note).append("  [absent]\n");
                continue;
            }
            Derivation current = (Derivation) frame[0];
            text.append(indent).append(ValueText.of(current.conclusion,
                    argumentNames.get(current.conclusion.predicate())));
            if (current.isInput()) {
                text.append("  [input]\n");
                continue;
            }
            Rule applied = current.rule.orElseThrow();
            rulesUsed.put(applied, Boolean.TRUE);
            if (!shown.add(current.conclusion) && !current.premises.isEmpty()) {
                text.append("  [").append(applied.name()).append(", shown above]\n");
                continue;
            }
            text.append("  [").append(applied.name()).append("]\n");
            for (int i = current.notes.size() - 1; i >= 0; i--) {
                stack.push(new Object[] {current.notes.get(i), depth + 1});
            }
            for (int i = current.premises.size() - 1; i >= 0; i--) {
                stack.push(new Object[] {current.premises.get(i), depth + 1});
            }
        }
        text.append("rules:\n");
        for (Rule applied : rulesUsed.keySet()) {
            text.append("  ").append(applied.name()).append(" (").append(applied.source()).append(':')
                    .append(applied.line()).append("): ").append(applied.text().replaceAll("\\s+", " ")).append('\n');
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Derivation that && hash == that.hash && conclusion.equals(that.conclusion)
                && rule.equals(that.rule) && notes.equals(that.notes) && premises.equals(that.premises);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Derivation premise : premises) {
            parts.add(premise.conclusion.toString());
        }
        parts.addAll(notes);
        return conclusion + rule.map(r -> " <- " + r.name() + " " + parts).orElse(" [input]");
    }
}
