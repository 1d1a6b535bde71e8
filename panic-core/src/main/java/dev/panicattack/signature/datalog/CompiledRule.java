package dev.panicattack.signature.datalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule bound to one evaluation: variables become slots in an int environment, constants become
 * interned ids and atoms point at their relations. Plans (join orders) are built from it.
 */
final class CompiledRule {

    /** Marks an anonymous position in an atom's codes. */
    static final int ANONYMOUS = -1;

    /** An atom's arguments: slot index (>= 0), {@link #ANONYMOUS}, or a constant as -(id + 2). */
    record AtomCode(Literal.Atom atom, Relation relation, int[] codes, int ordinal) {
    }

    /** A comparison with its compiled sides. */
    record ComparisonCode(Literal.Comparison comparison, Calc left, Calc right, Set<String> variables) {
    }

    final Rule rule;
    final int id;
    final Map<String, Integer> slots = new LinkedHashMap<>();
    final Relation head;
    /** Head arguments: slot (>= 0) or constant -(id + 2); aggregates are listed separately. */
    final int[] headCodes;
    final int[] aggregatePositions;
    final Term.Aggregate.Kind[] aggregateKinds;
    final List<AtomCode> positives = new ArrayList<>();
    final List<AtomCode> negatives = new ArrayList<>();
    final List<ComparisonCode> comparisons = new ArrayList<>();
    /** Slots bound by some positive atom: a comparison never assigns them, whatever the join order. */
    final boolean[] atomBound;

    CompiledRule(Rule rule, int id, Map<String, Relation> relations, ValuePool pool) {
        this.rule = rule;
        this.id = id;
        for (Literal literal : rule.body()) {
            if (literal instanceof Literal.Atom atom) {
                AtomCode code = new AtomCode(atom, relations.get(atom.predicate()), codes(atom.terms(), pool),
                        atom.negated() ? negatives.size() : positives.size());
                (atom.negated() ? negatives : positives).add(code);
            } else {
                Literal.Comparison comparison = (Literal.Comparison) literal;
                Set<String> variables = new HashSet<>();
                comparison.left().collectVariables(variables);
                comparison.right().collectVariables(variables);
                for (String variable : variables) {
                    slots.computeIfAbsent(variable, v -> slots.size());
                }
                comparisons.add(new ComparisonCode(comparison, Calc.compile(comparison.left(), slots),
                        Calc.compile(comparison.right(), slots), variables));
            }
        }
        atomBound = new boolean[slots.size()];
        for (AtomCode atom : positives) {
            for (int code : atom.codes()) {
                if (code >= 0) {
                    atomBound[code] = true;
                }
            }
        }
        this.head = relations.get(rule.headPredicate());
        List<Term> terms = rule.head().terms();
        headCodes = new int[terms.size()];
        List<Integer> positions = new ArrayList<>();
        List<Term.Aggregate.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            if (term instanceof Term.Aggregate aggregate) {
                headCodes[i] = slots.get(aggregate.variable().name());
                positions.add(i);
                kinds.add(aggregate.kind());
            } else {
                headCodes[i] = code(term, pool);
            }
        }
        aggregatePositions = positions.stream().mapToInt(Integer::intValue).toArray();
        aggregateKinds = kinds.toArray(new Term.Aggregate.Kind[0]);
    }

    private int[] codes(List<Term> terms, ValuePool pool) {
        int[] codes = new int[terms.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = code(terms.get(i), pool);
        }
        return codes;
    }

    private int code(Term term, ValuePool pool) {
        if (term instanceof Term.Variable variable) {
            return variable.anonymous() ? ANONYMOUS : slots.computeIfAbsent(variable.name(), v -> slots.size());
        }
        return -(pool.intern(((Term.Constant) term).value()) + 2);
    }

    boolean aggregates() {
        return aggregatePositions.length > 0;
    }

    /** The body ordinals (positive atoms) whose predicate is in {@code stratum}. */
    List<Integer> recursiveOrdinals(Set<Relation> stratum) {
        List<Integer> ordinals = new ArrayList<>();
        for (AtomCode atom : positives) {
            if (stratum.contains(atom.relation())) {
                ordinals.add(atom.ordinal());
            }
        }
        return ordinals;
    }
}
