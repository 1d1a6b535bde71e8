package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One bottom-up, semi-naive evaluation of a program over a set of input facts. */
final class Evaluator {

    /** At most this many bindings of an aggregate group are kept as its proof's premises. */
    static final int AGGREGATE_PREMISE_BINDINGS = 16;

    private final RuleProgram program;
    private final boolean naive;
    private final ValuePool pool = new ValuePool();
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    private final Map<String, List<Fact>> unused = new LinkedHashMap<>();
    private final List<CompiledRule> compiled = new ArrayList<>();
    private int round;

    Evaluator(RuleProgram program) {
        this(program, false);
    }

    /** With {@code naive}, every round re-reads all rows: a slow reference for testing semi-naive. */
    Evaluator(RuleProgram program, boolean naive) {
        this.program = program;
        this.naive = naive;
    }

    Model run(Collection<Fact> inputFacts) {
        for (RuleProgram.PredicateInfo info : program.predicates().values()) {
            relations.put(info.predicate(), new Relation(info.predicate(), info.arity()));
        }
        for (RuleParser.SourceFact fact : program.sourceFacts()) {
            insertInput(fact.fact());
        }
        for (Fact fact : inputFacts) {
            Relation relation = relations.get(fact.predicate());
            if (relation == null) {
                unused.computeIfAbsent(fact.predicate(), k -> new ArrayList<>()).add(fact);
                continue;
            }
            if (relation.arity != fact.arity()) {
                RuleProgram.PredicateInfo info = program.predicates().get(fact.predicate());
                throw info.position().error("arity mismatch: input fact " + fact + " has " + fact.arity()
                        + " value" + (fact.arity() == 1 ? "" : "s") + ", but the rules use " + fact.predicate()
                        + " with " + relation.arity + " (" + (info.names() != null ? "declared" : "first used")
                        + " here); emit " + relation.arity + " values or change the rules");
            }
            insertInput(fact);
        }
        List<Rule> rules = program.rules();
        for (int i = 0; i < rules.size(); i++) {
            compiled.add(new CompiledRule(rules.get(i), i, relations, pool));
        }
        for (Relation relation : relations.values()) {
            relation.deltaLo = relation.size();
            relation.deltaHi = relation.size();
        }
        Map<Rule, CompiledRule> byRule = new HashMap<>();
        for (CompiledRule rule : compiled) {
            byRule.put(rule.rule, rule);
        }
        for (RuleProgram.Stratum stratum : program.strata()) {
            List<CompiledRule> stratumRules = stratum.rules().stream().map(byRule::get).toList();
            evaluate(stratum, stratumRules);
        }
        return new Model(program, pool, relations, unused, compiled);
    }

    private void insertInput(Fact fact) {
        Relation relation = relations.get(fact.predicate());
        List<Object> values = fact.values();
        int[] tuple = new int[values.size()];
        for (int i = 0; i < tuple.length; i++) {
            tuple[i] = pool.intern(values.get(i));
        }
        relation.add(tuple, 0, null);
    }

    private void evaluate(RuleProgram.Stratum stratum, List<CompiledRule> rules) {
        Set<Relation> members = new HashSet<>();
        for (String predicate : stratum.predicates()) {
            members.add(relations.get(predicate));
        }
        for (Relation relation : members) {
            relation.deltaLo = 0;
            relation.deltaHi = relation.size();
        }
        round++;
        for (CompiledRule rule : rules) {
            if (rule.aggregates()) {
                aggregate(rule, members);
            } else {
                Join.plan(rule, -1, members, new boolean[rule.slots.size()], pool).run(emitter(rule));
            }
        }
        while (naive && stratum.recursive()) {
            int before = 0;
            for (Relation relation : members) {
                before += relation.size();
                relation.deltaLo = 0;
                relation.deltaHi = relation.size();
            }
            round++;
            for (CompiledRule rule : rules) {
                Join.plan(rule, -1, members, new boolean[rule.slots.size()], pool).run(emitter(rule));
            }
            int after = 0;
            for (Relation relation : members) {
                after += relation.size();
            }
            if (after == before) {
                break;
            }
        }
        while (!naive && stratum.recursive()) {
            boolean changed = false;
            for (Relation relation : members) {
                relation.deltaLo = relation.deltaHi;
                relation.deltaHi = relation.size();
                changed |= relation.deltaLo < relation.deltaHi;
            }
            if (!changed) {
                break;
            }
            round++;
            for (CompiledRule rule : rules) {
                for (int ordinal : rule.recursiveOrdinals(members)) {
                    Relation delta = rule.positives.get(ordinal).relation();
                    if (delta.deltaLo < delta.deltaHi) {
                        Join.plan(rule, ordinal, members, new boolean[rule.slots.size()], pool).run(emitter(rule));
                    }
                }
            }
        }
        for (Relation relation : members) {
            relation.deltaLo = relation.size();
            relation.deltaHi = relation.size();
        }
    }

    private Join.Sink emitter(CompiledRule rule) {
        int[] tuple = new int[rule.headCodes.length];
        Relation head = rule.head;
        int rank = round;
        return (env, premiseRows) -> {
            int[] codes = rule.headCodes;
            for (int i = 0; i < codes.length; i++) {
                int code = codes[i];
                tuple[i] = code >= 0 ? env[code] : -(code + 2);
            }
            if (head.find(tuple) < 0) {
                int[] premises = new int[premiseRows.length + 1];
                premises[0] = rule.id;
                System.arraycopy(premiseRows, 0, premises, 1, premiseRows.length);
                head.add(tuple, rank, premises);
            }
        };
    }

    /**
     * Aggregates range over the distinct bindings of the body's named variables, grouped by the
     * head's other arguments. Their inputs are complete: stratification put them in lower strata.
     */
    private void aggregate(CompiledRule rule, Set<Relation> members) {
        Map<Binding, int[]> bindings = new LinkedHashMap<>();
        Join.plan(rule, -1, members, new boolean[rule.slots.size()], pool).run((env, premiseRows) ->
                bindings.putIfAbsent(new Binding(env.clone()), premiseRows.clone()));
        Map<Binding, Group> groups = new LinkedHashMap<>();
        int[] codes = rule.headCodes;
        Set<Integer> aggregated = new HashSet<>();
        for (int position : rule.aggregatePositions) {
            aggregated.add(position);
        }
        for (Map.Entry<Binding, int[]> entry : bindings.entrySet()) {
            int[] env = entry.getKey().values();
            int[] key = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                key[i] = aggregated.contains(i) ? 0 : (codes[i] >= 0 ? env[codes[i]] : -(codes[i] + 2));
            }
            Group group = groups.computeIfAbsent(new Binding(key), k -> new Group(rule.aggregatePositions.length));
            for (int a = 0; a < rule.aggregatePositions.length; a++) {
                group.add(a, rule.aggregateKinds[a], pool.value(env[codes[rule.aggregatePositions[a]]]));
            }
            if (group.premises.size() < AGGREGATE_PREMISE_BINDINGS) {
                group.premises.add(entry.getValue());
            }
        }
        for (Map.Entry<Binding, Group> entry : groups.entrySet()) {
            int[] tuple = entry.getKey().values().clone();
            Group group = entry.getValue();
            boolean complete = true;
            for (int a = 0; a < rule.aggregatePositions.length; a++) {
                Object result = group.results[a];
                if (result == null) {
                    complete = false;
                    break;
                }
                tuple[rule.aggregatePositions[a]] = pool.intern(result);
            }
            if (!complete || rule.head.find(tuple) >= 0) {
                continue;
            }
            int width = rule.positives.size();
            int[] premises = new int[1 + width * group.premises.size()];
            premises[0] = rule.id;
            for (int b = 0; b < group.premises.size(); b++) {
                System.arraycopy(group.premises.get(b), 0, premises, 1 + b * width, width);
            }
            rule.head.add(tuple, round, premises);
        }
    }

    /** An int tuple with value equality. */
    private record Binding(int[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Binding binding && Arrays.equals(values, binding.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** Running aggregates of one group; a null result means the group yields no fact. */
    private static final class Group {
        final Object[] results;
        final boolean[] started;
        final List<int[]> premises = new ArrayList<>();

        Group(int aggregates) {
            results = new Object[aggregates];
            started = new boolean[aggregates];
        }

        void add(int index, Term.Aggregate.Kind kind, Object value) {
            boolean first = !started[index];
            started[index] = true;
            Object current = results[index];
            switch (kind) {
                case COUNT -> results[index] = first ? 1L : (Long) current + 1;
                case SUM -> {
                    // A string or an overflow makes the sum undefined: the group then yields no fact.
                    if (!(value instanceof Number)) {
                        results[index] = null;
                    } else if (first) {
                        results[index] = value;
                    } else if (current != null) {
                        results[index] = new Calc.Arithmetic('+', new Calc.Value(current), new Calc.Value(value))
                                .eval(null, null);
                    }
                }
                case MIN -> results[index] = first || extreme(value, current) < 0 ? value : current;
                case MAX -> results[index] = first || extreme(value, current) > 0 ? value : current;
            }
        }

    }

    /** Order for min/max: numbers numerically, before all strings; strings lexicographically. */
    static int extreme(Object a, Object b) {
        Integer order = Calc.order(a, b);
        if (order != null) {
            return order;
        }
        return a instanceof String ? 1 : -1;
    }
}
