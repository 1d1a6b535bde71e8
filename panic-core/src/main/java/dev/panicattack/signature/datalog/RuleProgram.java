package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A checked, stratified set of Datalog rules and facts, parsed from one or more rule files.
 * Immutable and thread-safe; {@link #evaluate} may be called any number of times. The language is
 * described in {@code docs/writing-rules.md}.
 *
 * <p>Evaluation has a budget of derived facts, so a program that can recurse without end (a rule
 * that computes a new value from its own head each time, {@code n(X) :- n(Y), X = Y + 1.}) stops
 * with an error naming the rule instead of filling the heap.
 */
public final class RuleProgram {

    /**
     * The derived-fact budget of {@link #evaluate(Collection)}: 2,000,000. The built-in pattern
     * library derives far fewer on the largest evidence the project measures (see
     * {@code docs/writing-rules.md}); a runaway program reaches it within seconds.
     */
    public static final long DEFAULT_MAX_DERIVED_FACTS = 2_000_000;

    /** Arity, argument names (from {@code .decl}, else null) and the place that fixed them. */
    record PredicateInfo(String predicate, int arity, List<String> names, Position position) {
    }

    /** Predicates evaluated together (one strongly connected component) and their rules. */
    record Stratum(Set<String> predicates, List<Rule> rules, boolean recursive) {
    }

    private final List<Rule> rules;
    private final List<RuleParser.SourceFact> facts;
    private final List<RuleParser.PredicateUse> uses;
    private final Map<String, PredicateInfo> predicates;
    private final List<Stratum> strata;

    private RuleProgram(List<Rule> rules, List<RuleParser.SourceFact> facts, List<RuleParser.PredicateUse> uses) {
        this.rules = List.copyOf(rules);
        this.facts = List.copyOf(facts);
        this.uses = List.copyOf(uses);
        this.predicates = checkArities(uses);
        this.strata = stratify(this.rules);
    }

    /**
     * Parses one rule file.
     *
     * @param sourceName the file's name as errors and proofs should show it, e.g. {@code rules/deadlock.dl}
     * @param text the file's content
     * @throws RuleException on any syntax, safety, arity or stratification error
     */
    public static RuleProgram parse(String sourceName, String text) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(text, "text");
        RuleParser.ParsedFile file = RuleParser.parse(sourceName, text);
        return new RuleProgram(file.rules(), file.facts(), file.uses());
    }

    /**
     * One program holding all rules and facts of {@code programs}, in order.
     *
     * @throws RuleException when a predicate has different arities in two files, or the union is
     *     not stratifiable
     */
    public static RuleProgram combine(List<RuleProgram> programs) {
        List<Rule> rules = new ArrayList<>();
        List<RuleParser.SourceFact> facts = new ArrayList<>();
        List<RuleParser.PredicateUse> uses = new ArrayList<>();
        for (RuleProgram program : programs) {
            rules.addAll(program.rules);
            facts.addAll(program.facts);
            uses.addAll(program.uses);
        }
        return new RuleProgram(rules, facts, uses);
    }

    /** This program followed by {@code other}; same checks as {@link #combine}. */
    public RuleProgram with(RuleProgram other) {
        return combine(List.of(this, other));
    }

    /** The rules, in file order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The ground facts written in the rule files. */
    public List<Fact> facts() {
        return facts.stream().map(RuleParser.SourceFact::fact).toList();
    }

    /** The arity of a predicate the program mentions, if it does. */
    public Optional<Integer> arity(String predicate) {
        PredicateInfo info = predicates.get(predicate);
        return info == null ? Optional.empty() : Optional.of(info.arity());
    }

    /** The argument names declared with {@code .decl}, if any. */
    public Optional<List<String>> argumentNames(String predicate) {
        PredicateInfo info = predicates.get(predicate);
        return info == null || info.names() == null ? Optional.empty() : Optional.of(info.names());
    }

    /**
     * Evaluates the program bottom-up (semi-naive, stratum by stratum) over {@code inputFacts}
     * plus the facts written in the rule files, within {@link #DEFAULT_MAX_DERIVED_FACTS}.
     *
     * @throws RuleException when an input fact's arity contradicts the program, or the rules derive
     *     more facts than the budget
     */
    public Model evaluate(Collection<Fact> inputFacts) {
        return evaluate(inputFacts, DEFAULT_MAX_DERIVED_FACTS);
    }

    /**
     * As {@link #evaluate(Collection)}, with a budget of {@code maxDerivedFacts} derived facts
     * (input facts and the facts written in rule files do not count).
     *
     * @throws IllegalArgumentException when {@code maxDerivedFacts} is below 1
     * @throws RuleException when an input fact's arity contradicts the program, or the rules derive
     *     more than {@code maxDerivedFacts} facts: the error points at the rule that derived the
     *     most, names the predicate it grew and says how to raise the budget
     */
    public Model evaluate(Collection<Fact> inputFacts, long maxDerivedFacts) {
        return new Evaluator(this, requireMaxDerivedFacts(maxDerivedFacts)).run(inputFacts);
    }

    /**
     * Returns {@code maxDerivedFacts}, checked to be a budget of derived facts.
     *
     * @throws IllegalArgumentException when it is below 1
     */
    public static long requireMaxDerivedFacts(long maxDerivedFacts) {
        if (maxDerivedFacts < 1) {
            throw new IllegalArgumentException("the budget of derived facts must be at least 1, but was "
                    + maxDerivedFacts + "; the default is " + DEFAULT_MAX_DERIVED_FACTS);
        }
        return maxDerivedFacts;
    }

    Map<String, PredicateInfo> predicates() {
        return predicates;
    }

    List<Stratum> strata() {
        return strata;
    }

    List<RuleParser.SourceFact> sourceFacts() {
        return facts;
    }

    private static Map<String, PredicateInfo> checkArities(List<RuleParser.PredicateUse> uses) {
        Map<String, PredicateInfo> infos = new LinkedHashMap<>();
        for (RuleParser.PredicateUse use : uses) {
            if (use.names() == null) {
                continue;
            }
            PredicateInfo known = infos.get(use.predicate());
            if (known != null && !known.names().equals(use.names())) {
                throw use.position().error("predicate " + use.predicate() + " is declared again with arguments "
                        + use.names() + ", but was declared with " + known.names() + " at " + known.position()
                        + "; keep one declaration");
            }
            infos.put(use.predicate(), new PredicateInfo(use.predicate(), use.arity(), use.names(), use.position()));
        }
        for (RuleParser.PredicateUse use : uses) {
            PredicateInfo known = infos.get(use.predicate());
            if (known == null) {
                infos.put(use.predicate(), new PredicateInfo(use.predicate(), use.arity(), null, use.position()));
            } else if (known.arity() != use.arity()) {
                throw use.position().error("arity mismatch: " + use.predicate() + " is used with " + use.arity()
                        + " argument" + (use.arity() == 1 ? "" : "s") + ", but has " + known.arity() + " ("
                        + (known.names() != null ? "declared" : "first used") + " at " + known.position()
                        + "); use the same number of arguments everywhere or rename one predicate");
            }
        }
        return Map.copyOf(infos);
    }

    /** Tarjan's strongly connected components, in dependency order; negation inside one is an error. */
    private static List<Stratum> stratify(List<Rule> rules) {
        Map<String, List<Rule>> byHead = new LinkedHashMap<>();
        for (Rule rule : rules) {
            byHead.computeIfAbsent(rule.headPredicate(), k -> new ArrayList<>()).add(rule);
        }
        Map<String, Set<String>> edges = new HashMap<>();
        for (Rule rule : rules) {
            Set<String> targets = edges.computeIfAbsent(rule.headPredicate(), k -> new LinkedHashSet<>());
            for (Literal literal : rule.body()) {
                if (literal instanceof Literal.Atom atom && byHead.containsKey(atom.predicate())) {
                    targets.add(atom.predicate());
                }
            }
        }
        List<Set<String>> components = new Tarjan(byHead.keySet(), edges).components();
        Map<String, Integer> componentOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (String predicate : components.get(i)) {
                componentOf.put(predicate, i);
            }
        }
        List<Stratum> strata = new ArrayList<>();
        for (Set<String> component : components) {
            List<Rule> componentRules = new ArrayList<>();
            boolean recursive = false;
            // File order, so the first offending rule as written is the one reported.
            for (Rule rule : rules) {
                if (!component.contains(rule.headPredicate())) {
                    continue;
                }
                componentRules.add(rule);
                for (Literal literal : rule.body()) {
                    if (!(literal instanceof Literal.Atom atom) || !component.contains(atom.predicate())) {
                        continue;
                    }
                    recursive = true;
                    if (atom.negated() || rule.aggregates()) {
                        throw unstratifiable(rule, atom, edges, component);
                    }
                }
            }
            strata.add(new Stratum(Set.copyOf(component), List.copyOf(componentRules), recursive));
        }
        return List.copyOf(strata);
    }

    private static RuleException unstratifiable(Rule rule, Literal.Atom atom, Map<String, Set<String>> edges,
            Set<String> component) {
        List<String> cycle = path(atom.predicate(), rule.headPredicate(), edges, component);
        cycle.add(0, rule.headPredicate());
        String why = atom.negated() ? "depends on 'not " + atom.predicate() + "'"
                : "aggregates over " + atom.predicate();
        Position where = atom.negated() ? atom.position() : rule.position();
        return where.error("unstratifiable program: " + rule.headPredicate() + " " + why + " in rule "
                + rule.name() + ", but " + atom.predicate() + " depends on " + rule.headPredicate() + " (cycle "
                + String.join(" -> ", cycle) + "); a predicate used under 'not' or in an aggregate must be "
                + "computable without the rule's head: break the cycle");
    }

    /** A dependency path from {@code from} to {@code to} inside one component (breadth first). */
    private static List<String> path(String from, String to, Map<String, Set<String>> edges, Set<String> component) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        parent.put(from, from);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (current.equals(to)) {
                break;
            }
            for (String next : edges.getOrDefault(current, Set.of())) {
                if (component.contains(next) && parent.putIfAbsent(next, current) == null) {
                    queue.add(next);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (String at = to; ; at = parent.get(at)) {
            path.add(0, at);
            if (at.equals(from)) {
                return path;
            }
        }
    }

    /** Recursive Tarjan: programs have tens of predicates, so the depth is no concern. */
    private static final class Tarjan {
        private final Map<String, Set<String>> edges;
        private final Set<String> nodes;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new LinkedHashSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        Tarjan(Set<String> nodes, Map<String, Set<String>> edges) {
            this.nodes = nodes;
            this.edges = edges;
        }

        /** Components with every dependency before its dependents. */
        List<Set<String>> components() {
            for (String node : nodes) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new LinkedHashSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                components.add(component);
            }
        }
    }
}
