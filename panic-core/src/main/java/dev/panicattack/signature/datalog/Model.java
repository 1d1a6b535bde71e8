package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The result of evaluating a {@link RuleProgram}: every input and derived fact, and how each
 * derived fact was derived. The first derivation of each fact is kept during evaluation (a rule
 * and the rows it used); alternatives are enumerated on demand, at most {@link #MAX_DERIVATIONS}
 * per rule, so a rule that repeats itself over many samples cannot crowd out another line of
 * reasoning for the same fact. Queries are thread-safe.
 */
public final class Model {

    /** The most derivations {@link #derivations(Fact)} returns for one fact through one rule. */
    public static final int MAX_DERIVATIONS = 16;

    private final RuleProgram program;
    private final ValuePool pool;
    private final Map<String, Relation> relations;
    private final Map<String, List<Fact>> unused;
    private final List<CompiledRule> rules;
    private final Map<String, List<String>> argumentNames = new HashMap<>();
    private final Map<String, List<Fact>> factLists = new HashMap<>();
    private final Map<Relation, Map<Integer, Derivation>> firstDerivations = new HashMap<>();
    private final long derivedFacts;

    Model(RuleProgram program, ValuePool pool, Map<String, Relation> relations, Map<String, List<Fact>> unused,
            List<CompiledRule> rules, long derivedFacts) {
        this.program = program;
        this.pool = pool;
        this.relations = relations;
        this.unused = unused;
        this.rules = rules;
        this.derivedFacts = derivedFacts;
        for (String predicate : relations.keySet()) {
            program.argumentNames(predicate).ifPresent(names -> argumentNames.put(predicate, names));
        }
    }

    /** The program this model was computed from. */
    public RuleProgram program() {
        return program;
    }

    /**
     * How many facts the rules derived, input facts and the facts written in rule files not
     * counted: what the evaluation budget ({@link RuleProgram#evaluate(Collection, long)}) measures.
     */
    public long derivedFacts() {
        return derivedFacts;
    }

    /** Every predicate with at least one fact, sorted. */
    public synchronized Set<String> predicates() {
        Set<String> predicates = new TreeSet<>(unused.keySet());
        relations.forEach((name, relation) -> {
            if (relation.size() > 0) {
                predicates.add(name);
            }
        });
        return predicates;
    }

    /** The facts of {@code predicate}: input facts first, then derived ones in derivation order. */
    public synchronized List<Fact> facts(String predicate) {
        Relation relation = relations.get(predicate);
        if (relation == null) {
            return List.copyOf(new LinkedHashSet<>(unused.getOrDefault(predicate, List.of())));
        }
        return factLists.computeIfAbsent(predicate, p -> {
            List<Fact> facts = new ArrayList<>(relation.size());
            for (int row = 0; row < relation.size(); row++) {
                if (!relation.duplicate(row)) {
                    facts.add(fact(relation, row));
                }
            }
            return List.copyOf(facts);
        });
    }

    /** Whether {@code fact} is an input or derived fact of this model (values compare exactly). */
    public synchronized boolean contains(Fact fact) {
        Relation relation = relations.get(fact.predicate());
        if (relation == null) {
            return unused.getOrDefault(fact.predicate(), List.of()).contains(fact);
        }
        return row(relation, fact) >= 0;
    }

    /**
     * The distinct derivations of {@code fact}, the first one found during evaluation first: each
     * is a different rule application (rule plus body facts) whose premises are proved without
     * the fact itself. An input fact has one leaf derivation; an aggregate fact, one derivation.
     * Empty when the model does not hold the fact.
     */
    public synchronized List<Derivation> derivations(Fact fact) {
        Relation relation = relations.get(fact.predicate());
        if (relation == null) {
            return contains(fact) ? List.of(new Derivation(fact, Optional.empty(), List.of())) : List.of();
        }
        int row = row(relation, fact);
        if (row < 0) {
            return List.of();
        }
        Derivation first = first(relation, row);
        int[] provenance = relation.provenance(row);
        if (provenance == null || rules.get(provenance[0]).aggregates()) {
            return List.of(first);
        }
        List<Derivation> found = new ArrayList<>();
        found.add(first);
        Set<List<Integer>> seen = new HashSet<>();
        seen.add(canonical(provenance));
        int[] tuple = relation.row(row);
        for (CompiledRule rule : rules) {
            if (rule.head != relation || rule.aggregates()) {
                continue;
            }
            int[] throughRule = {rule.id == provenance[0] ? 1 : 0};
            int[] env = new int[rule.slots.size()];
            boolean[] prebound = new boolean[env.length];
            if (!unifyHead(rule, tuple, env, prebound)) {
                continue;
            }
            Join join = Join.plan(rule, -1, Set.of(), prebound, pool);
            join.run(env, (bound, premiseRows) -> {
                if (throughRule[0] >= MAX_DERIVATIONS) {
                    join.stop();
                    return;
                }
                int[] candidate = new int[premiseRows.length + 1];
                candidate[0] = rule.id;
                System.arraycopy(premiseRows, 0, candidate, 1, premiseRows.length);
                // A repeated input row is the same fact: it gives no independent derivation.
                if (seen.add(canonical(candidate)) && wellFounded(rule, premiseRows, relation, row)) {
                    found.add(derivation(relation, row, candidate));
                    throughRule[0]++;
                }
            });
        }
        return List.copyOf(found);
    }

    /**
     * The positive body atoms of {@code rule}, each checked alone against this model (its constants and
     * repeated variables, not its joins with the other atoms): which premises the evidence lacked when
     * the rule did not fire. When every premise matches alone, a join, comparison or negation failed.
     */
    public synchronized List<Premise> premises(Rule rule) {
        List<Premise> premises = new ArrayList<>();
        for (Literal literal : rule.body()) {
            if (literal instanceof Literal.Atom atom && !atom.negated()) {
                // A string constant is a type or a kind; number constants are mostly flags every judged test has (judged(1)).
                boolean constrained = atom.terms().stream()
                        .anyMatch(term -> term instanceof Term.Constant constant && constant.value() instanceof String);
                premises.add(new Premise(atom.toString(), constrained, matchedAlone(atom)));
            }
        }
        return List.copyOf(premises);
    }

    private boolean matchedAlone(Literal.Atom atom) {
        Relation relation = relations.get(atom.predicate());
        if (relation == null) {
            return !unused.getOrDefault(atom.predicate(), List.of()).isEmpty();
        }
        int[] wanted = new int[atom.arity()];
        Map<String, Integer> firstPlace = new HashMap<>();
        int[] sameAs = new int[atom.arity()];
        for (int i = 0; i < wanted.length; i++) {
            Term term = atom.terms().get(i);
            wanted[i] = -1;
            sameAs[i] = -1;
            if (term instanceof Term.Constant constant) {
                wanted[i] = pool.idOf(constant.value());
                if (wanted[i] < 0) {
                    return false;
                }
            } else if (term instanceof Term.Variable variable && !variable.anonymous()) {
                Integer first = firstPlace.putIfAbsent(variable.name(), i);
                sameAs[i] = first == null ? -1 : first;
            }
        }
        for (int row = 0; row < relation.size(); row++) {
            boolean matches = true;
            for (int i = 0; i < wanted.length && matches; i++) {
                int value = relation.value(row, i);
                matches = (wanted[i] < 0 || value == wanted[i]) && (sameAs[i] < 0 || value == relation.value(row, sameAs[i]));
            }
            if (matches) {
                return true;
            }
        }
        return false;
    }

    /** The first derivation found for {@code fact}, if the model holds it. */
    public synchronized Optional<Derivation> derivation(Fact fact) {
        List<Derivation> all = derivations(fact);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The provenance with every repeated input row replaced by the first copy of its fact. */
    private List<Integer> canonical(int[] provenance) {
        CompiledRule rule = rules.get(provenance[0]);
        int[] rows = provenance.clone();
        for (int i = 1; i < rows.length; i++) {
            Relation premise = rule.positives.get((i - 1) % rule.positives.size()).relation();
            if (premise.duplicate(rows[i])) {
                rows[i] = premise.find(premise.row(rows[i]));
            }
        }
        return key(rows);
    }

    private static List<Integer> key(int[] provenance) {
        return Arrays.stream(provenance).boxed().toList();
    }

    private boolean unifyHead(CompiledRule rule, int[] tuple, int[] env, boolean[] prebound) {
        for (int i = 0; i < tuple.length; i++) {
            int code = rule.headCodes[i];
            if (code < CompiledRule.ANONYMOUS) {
                if (-(code + 2) != tuple[i]) {
                    return false;
                }
            } else if (prebound[code]) {
                if (env[code] != tuple[i]) {
                    return false;
                }
            } else {
                env[code] = tuple[i];
                prebound[code] = true;
            }
        }
        return true;
    }

    /**
     * Whether no premise's first proof uses the conclusion. Proofs only use facts of a lower rank
     * (an earlier round), so only premises ranked at or above the conclusion need a look.
     */
    private boolean wellFounded(CompiledRule rule, int[] premiseRows, Relation relation, int row) {
        int rank = relation.rank(row);
        Deque<Ref> stack = new ArrayDeque<>();
        Set<Ref> visited = new HashSet<>();
        for (int o = 0; o < premiseRows.length; o++) {
            stack.push(new Ref(rule.positives.get(o).relation(), premiseRows[o]));
        }
        Ref conclusion = new Ref(relation, row);
        while (!stack.isEmpty()) {
            Ref node = stack.pop();
            if (node.equals(conclusion)) {
                return false;
            }
            if (node.relation().rank(node.row()) <= rank || !visited.add(node)) {
                continue;
            }
            int[] provenance = node.relation().provenance(node.row());
            CompiledRule by = rules.get(provenance[0]);
            int width = by.positives.size();
            for (int i = 1; i < provenance.length; i++) {
                stack.push(new Ref(by.positives.get((i - 1) % width).relation(), provenance[i]));
            }
        }
        return true;
    }

    /** One row of one relation (relations compare by identity). */
    private record Ref(Relation relation, int row) {
    }

    private int row(Relation relation, Fact fact) {
        if (fact.arity() != relation.arity) {
            return -1;
        }
        int[] tuple = new int[relation.arity];
        for (int i = 0; i < tuple.length; i++) {
            tuple[i] = pool.idOf(fact.values().get(i));
            if (tuple[i] < 0) {
                return -1;
            }
        }
        return relation.find(tuple);
    }

    private Fact fact(Relation relation, int row) {
        Object[] values = new Object[relation.arity];
        for (int i = 0; i < values.length; i++) {
            values[i] = pool.value(relation.value(row, i));
        }
        return new Fact(relation.predicate, List.of(values));
    }

    /** The first derivation of a row, built bottom-up without recursion (chains can be long). */
    private Derivation first(Relation relation, int row) {
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {relation, row});
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Relation at = (Relation) frame[0];
            int atRow = (Integer) frame[1];
            Map<Integer, Derivation> memo = firstDerivations.computeIfAbsent(at, r -> new HashMap<>());
            if (memo.containsKey(atRow)) {
                stack.pop();
                continue;
            }
            int[] provenance = at.provenance(atRow);
            if (provenance == null) {
                memo.put(atRow, new Derivation(fact(at, atRow), Optional.empty(), List.of()));
                stack.pop();
                continue;
            }
            CompiledRule rule = rules.get(provenance[0]);
            boolean ready = true;
            for (int i = 1; i < provenance.length; i++) {
                Relation premise = rule.positives.get((i - 1) % rule.positives.size()).relation();
                if (!firstDerivations.computeIfAbsent(premise, r -> new HashMap<>()).containsKey(provenance[i])) {
                    stack.push(new Object[] {premise, provenance[i]});
                    ready = false;
                }
            }
            if (ready) {
                memo.put(atRow, derivation(at, atRow, provenance));
                stack.pop();
            }
        }
        return firstDerivations.get(relation).get(row);
    }

    /** A derivation from {@code [ruleId, premise rows...]}; premises must have first derivations. */
    private Derivation derivation(Relation relation, int row, int[] provenance) {
        CompiledRule rule = rules.get(provenance[0]);
        int width = rule.positives.size();
        List<Derivation> premises = new ArrayList<>();
        Set<Ref> added = new HashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        for (int start = 1; start < provenance.length; start += width) {
            int[] rows = Arrays.copyOfRange(provenance, start, start + width);
            for (int o = 0; o < width; o++) {
                Relation premise = rule.positives.get(o).relation();
                // Aggregates list many bindings that share facts; list each fact once.
                if (!rule.aggregates() || added.add(new Ref(premise, rows[o]))) {
                    premises.add(first(premise, rows[o]));
                }
            }
            notes.addAll(negationNotes(rule, rows));
        }
        if (width == 0) {
            notes.addAll(negationNotes(rule, new int[0]));
        }
        return new Derivation(fact(relation, row), Optional.of(rule.rule), premises, List.copyOf(notes),
                argumentNames);
    }

    /** Rebuilds the binding from the premise rows and writes each negated atom with it. */
    private List<String> negationNotes(CompiledRule rule, int[] rows) {
        if (rule.negatives.isEmpty()) {
            return List.of();
        }
        int[] env = new int[rule.slots.size()];
        boolean[] bound = new boolean[env.length];
        for (int o = 0; o < rows.length; o++) {
            CompiledRule.AtomCode atom = rule.positives.get(o);
            for (int i = 0; i < atom.codes().length; i++) {
                int code = atom.codes()[i];
                if (code >= 0) {
                    env[code] = atom.relation().value(rows[o], i);
                    bound[code] = true;
                }
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (CompiledRule.ComparisonCode comparison : rule.comparisons) {
                Calc target = null;
                Calc value = null;
                if (comparison.left() instanceof Calc.Slot slot && !bound[slot.index()]) {
                    target = slot;
                    value = comparison.right();
                } else if (comparison.right() instanceof Calc.Slot slot && !bound[slot.index()]) {
                    target = slot;
                    value = comparison.left();
                }
                if (target == null || !allBound(comparison, rule, bound, ((Calc.Slot) target).index())) {
                    continue;
                }
                Object result = value.eval(env, pool);
                if (result != null) {
                    env[((Calc.Slot) target).index()] = pool.intern(result);
                    bound[((Calc.Slot) target).index()] = true;
                    progress = true;
                }
            }
        }
        List<String> notes = new ArrayList<>();
        for (CompiledRule.AtomCode atom : rule.negatives) {
            StringBuilder note = new StringBuilder("not ").append(atom.atom().predicate()).append('(');
            for (int i = 0; i < atom.codes().length; i++) {
                int code = atom.codes()[i];
                note.append(i > 0 ? ", " : "");
                if (code == CompiledRule.ANONYMOUS) {
                    note.append('_');
                } else {
                    note.append(ValueText.of(pool.value(code >= 0 ? env[code] : -(code + 2))));
                }
            }
            notes.add(note.append(')').toString());
        }
        return notes;
    }

    private static boolean allBound(CompiledRule.ComparisonCode comparison, CompiledRule rule, boolean[] bound,
            int except) {
        for (String variable : comparison.variables()) {
            int slot = rule.slots.get(variable);
            if (slot != except && !bound[slot]) {
                return false;
            }
        }
        return true;
    }
}
