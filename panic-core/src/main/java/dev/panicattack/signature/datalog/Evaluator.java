package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.util.ArrayList;
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
    private final long maxDerivedFacts;
    private final ValuePool pool = new ValuePool();
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    private final Map<String, List<Fact>> unused = new LinkedHashMap<>();
    private final List<CompiledRule> compiled = new ArrayList<>();
    private int round;
    /** Facts derived so far, in all and by rule id: the budget is checked on each new one. */
    private long derived;
    private long[] derivedByRule = new long[0];

    Evaluator(RuleProgram program, long maxDerivedFacts) {
        this(program, false, maxDerivedFacts);
    }

    /** With {@code naive}, every round re-reads all rows: a slow reference for testing semi-naive. */
    Evaluator(RuleProgram program, boolean naive) {
        this(program, naive, RuleProgram.DEFAULT_MAX_DERIVED_FACTS);
    }

    private Evaluator(RuleProgram program, boolean naive, long maxDerivedFacts) {
        this.program = program;
        this.naive = naive;
        this.maxDerivedFacts = maxDerivedFacts;
    }

    Model run(Collection<Fact> inputFacts) {
        for (RuleProgram.PredicateInfo info : program.predicates().values()) {
            relations.put(info.predicate(), new Relation(info.predicate(), info.arity()));
        }
        for (RuleParser.SourceFact fact : program.sourceFacts()) {
            insertInput(relations.get(fact.fact().predicate()), fact.fact());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Fact fact : inputFacts) {
            counts.merge(fact.predicate(), 1, Integer::sum);
        }
        counts.forEach((predicate, count) -> {
            Relation relation = relations.get(predicate);
            if (relation != null && relation.arity > 0) {
                relation.reserve(count);
            }
        });
        Relation last = null;
        for (Fact fact : inputFacts) {
            // Evidence arrives in runs of one predicate; skip the map lookup within a run.
            Relation relation = last != null && last.predicate.equals(fact.predicate()) ? last
                    : relations.get(fact.predicate());
            last = relation;
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
            insertInput(relation, fact);
        }
        List<Rule> rules = program.rules();
        for (int i = 0; i < rules.size(); i++) {
            compiled.add(new CompiledRule(rules.get(i), i, relations, pool));
        }
        derivedByRule = new long[compiled.size()];
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
        return new Model(program, pool, relations, unused, compiled, derived);
    }

    private void insertInput(Relation relation, Fact fact) {
        List<Object> values = fact.values();
        int[] tuple = new int[values.size()];
        for (int i = 0; i < tuple.length; i++) {
            tuple[i] = pool.intern(values.get(i));
        }
        relation.append(tuple);
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
            int row = head.add(tuple, rank, null);
            if (row >= 0) {
                countDerived(rule);
                int[] premises = new int[premiseRows.length + 1];
                premises[0] = rule.id;
                System.arraycopy(premiseRows, 0, premises, 1, premiseRows.length);
                head.setProvenance(row, premises);
            }
        };
    }

    /** Counts one new fact of {@code rule}; past the budget, evaluation stops with the rule that derived the most. */
    private void countDerived(CompiledRule rule) {
        derivedByRule[rule.id]++;
        if (++derived > maxDerivedFacts) {
            throw overBudget();
        }
    }

    /**
     * Names the rule that derived the most facts (the first in file order on a tie) and the
     * predicate it grew: in a runaway program, that is the rule that does not stop.
     */
    private RuleException overBudget() {
        CompiledRule grower = compiled.get(0);
        for (CompiledRule rule : compiled) {
            if (derivedByRule[rule.id] > derivedByRule[grower.id]) {
                grower = rule;
            }
        }
        Rule rule = grower.rule;
        return rule.position().error("rule evaluation stopped after deriving more than " + maxDerivedFacts
                + " facts (its budget): rule " + rule.name() + " (" + rule.text().replaceAll("\\s+", " ") + ") derived "
                + derivedByRule[grower.id] + " of them, growing " + rule.headPredicate() + " to " + grower.head.size()
                + " facts. A recursive rule that computes a new value each round (such as X = Y + 1) never stops:"
                + " bound it (for example with Y < 1000). If the evidence really needs more facts, raise the budget"
                + " with the JUnit configuration parameter panic.rules.maxDerivedFacts (or"
                + " SignatureEngine.withMaxDerivedFacts)");
    }

    /**
     * Aggregates range over the distinct bindings of the body's named variables, grouped by the
     * head's other arguments. Their inputs are complete: stratification put them in lower strata.
     */
    private void aggregate(CompiledRule rule, Set<Relation> members) {
        int[] codes = rule.headCodes;
        boolean[] aggregated = new boolean[codes.length];
        for (int position : rule.aggregatePositions) {
            aggregated[position] = true;
        }
        // Relations double as compact hash sets: one of distinct bindings, one of groups.
        Relation bindings = new Relation("binding", rule.slots.size());
        Relation groupKeys = new Relation("group", codes.length);
        List<Group> groups = new ArrayList<>();
        int[] key = new int[codes.length];
        // min and max do not change when a binding repeats, so only count and sum deduplicate.
        boolean distinct = false;
        for (Term.Aggregate.Kind kind : rule.aggregateKinds) {
            distinct |= kind == Term.Aggregate.Kind.COUNT || kind == Term.Aggregate.Kind.SUM;
        }
        boolean deduplicate = distinct;
        Join.plan(rule, -1, members, new boolean[rule.slots.size()], pool).run((env, premiseRows) -> {
            if (deduplicate && bindings.add(env, 0, null) < 0) {
                return;
            }
            for (int i = 0; i < codes.length; i++) {
                key[i] = aggregated[i] ? 0 : (codes[i] >= 0 ? env[codes[i]] : -(codes[i] + 2));
            }
            int row = groupKeys.add(key, 0, null);
            if (row >= 0) {
                groups.add(new Group(rule.aggregatePositions.length));
            } else {
                row = groupKeys.find(key);
            }
            Group group = groups.get(row);
            for (int a = 0; a < rule.aggregatePositions.length; a++) {
                group.add(a, rule.aggregateKinds[a], pool.value(env[codes[rule.aggregatePositions[a]]]));
            }
            if (group.premises.size() < AGGREGATE_PREMISE_BINDINGS) {
                group.premises.add(premiseRows.clone());
            }
        });
        for (int g = 0; g < groups.size(); g++) {
            int[] tuple = groupKeys.row(g);
            Group group = groups.get(g);
            boolean complete = true;
            for (int a = 0; a < rule.aggregatePositions.length; a++) {
                Object result = group.result(a, rule.aggregateKinds[a]);
                if (result == null) {
                    complete = false;
                    break;
                }
                tuple[rule.aggregatePositions[a]] = pool.intern(result);
            }
            if (!complete) {
                continue;
            }
            int row = rule.head.add(tuple, round, null);
            if (row < 0) {
                continue;
            }
            countDerived(rule);
            int width = rule.positives.size();
            int[] premises = new int[1 + width * group.premises.size()];
            premises[0] = rule.id;
            for (int b = 0; b < group.premises.size(); b++) {
                System.arraycopy(group.premises.get(b), 0, premises, 1 + b * width, width);
            }
            rule.head.setProvenance(row, premises);
        }
    }

    /** Running aggregates of one group; a null result means the group yields no fact. */
    private static final class Group {
        private final long[] counts;
        private final long[] longSums;
        private final double[] doubleSums;
        private final boolean[] fractional;
        private final boolean[] undefined;
        private final Object[] extremes;
        final List<int[]> premises = new ArrayList<>();

        Group(int aggregates) {
            counts = new long[aggregates];
            longSums = new long[aggregates];
            doubleSums = new double[aggregates];
            fractional = new boolean[aggregates];
            undefined = new boolean[aggregates];
            extremes = new Object[aggregates];
        }

        void add(int index, Term.Aggregate.Kind kind, Object value) {
            boolean first = counts[index]++ == 0;
            switch (kind) {
                case SUM -> addToSum(index, value);
                case MIN -> extremes[index] = first || extreme(value, extremes[index]) < 0 ? value : extremes[index];
                case MAX -> extremes[index] = first || extreme(value, extremes[index]) > 0 ? value : extremes[index];
                default -> {
                    // count needs nothing beyond counts[index]
                }
            }
        }

        // A string or a Long overflow makes the sum undefined: the group then yields no fact.
        private void addToSum(int index, Object value) {
            if (value instanceof Long number && !fractional[index]) {
                long sum = longSums[index];
                long result = sum + number;
                undefined[index] |= ((sum ^ result) & (number ^ result)) < 0;
                longSums[index] = result;
            } else if (value instanceof Number number) {
                if (!fractional[index]) {
                    fractional[index] = true;
                    doubleSums[index] = longSums[index];
                }
                doubleSums[index] += number.doubleValue();
            } else {
                undefined[index] = true;
            }
        }

        Object result(int index, Term.Aggregate.Kind kind) {
            return switch (kind) {
                case COUNT -> counts[index];
                case SUM -> undefined[index] ? null : fractional[index] ? (Object) doubleSums[index] : (Object) longSums[index];
                default -> extremes[index];
            };
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
