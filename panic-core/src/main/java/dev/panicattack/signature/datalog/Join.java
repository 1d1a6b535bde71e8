package dev.panicattack.signature.datalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One join order for a rule body, run as nested loops over index lookups. The delta atom (if
 * any) comes first; then, greedily, the atom that is cheapest given what is already bound;
 * negations, comparisons and assignments run as soon as their variables are bound.
 */
final class Join {

    /** Which rows of an atom's relation a scan reads (see {@link Relation#deltaLo}). */
    enum Window { OLD, DELTA, FULL }

    /** Receives each complete body match: variable slots and the row used by each positive atom. */
    interface Sink {
        void accept(int[] env, int[] premiseRows);
    }

    private static final int SCAN = 0;
    private static final int NEGATION = 1;
    private static final int COMPARE = 2;
    private static final int ASSIGN = 3;
    /** Binds a variable that a later atom reads: one binding per numerically equal stored value. */
    private static final int ASSIGN_MATCH = 4;

    private static final class Step {
        int kind;
        CompiledRule.AtomCode atom;
        Window window;
        int[] keyPositions;
        int[] keySources;
        int[] key;
        Relation.Index index;
        int[] bindPositions;
        int[] bindSlots;
        CompiledRule.ComparisonCode comparison;
        int assignSlot;
        Calc assignValue;
    }

    private final Step[] steps;
    private final ValuePool pool;
    private final int[] env;
    private final int[] premiseRows;
    private Sink sink;
    private boolean stopped;

    private Join(List<Step> steps, ValuePool pool, int slots, int positives) {
        this.steps = steps.toArray(new Step[0]);
        this.pool = pool;
        this.env = new int[slots];
        this.premiseRows = new int[positives];
    }

    /**
     * Plans {@code rule} with {@code delta} (a positive ordinal, or -1) read first, atoms of
     * {@code stratum} before it reading old rows and after it all rows, and {@code prebound} slots
     * already set.
     */
    static Join plan(CompiledRule rule, int delta, Set<Relation> stratum, boolean[] prebound, ValuePool pool) {
        boolean[] bound = prebound.clone();
        List<Step> steps = new ArrayList<>();
        List<CompiledRule.AtomCode> remaining = new ArrayList<>(rule.positives);
        List<Object> filters = new ArrayList<>(rule.negatives);
        filters.addAll(rule.comparisons);
        addReadyFilters(rule, filters, bound, steps);
        if (delta >= 0) {
            CompiledRule.AtomCode first = rule.positives.get(delta);
            remaining.remove(first);
            steps.add(scan(first, Window.DELTA, bound));
            addReadyFilters(rule, filters, bound, steps);
        }
        while (!remaining.isEmpty()) {
            CompiledRule.AtomCode best = null;
            long bestCost = Long.MAX_VALUE;
            for (CompiledRule.AtomCode atom : remaining) {
                long cost = cost(atom, window(atom, delta, stratum), bound);
                if (cost < bestCost) {
                    best = atom;
                    bestCost = cost;
                }
            }
            remaining.remove(best);
            steps.add(scan(best, window(best, delta, stratum), bound));
            addReadyFilters(rule, filters, bound, steps);
        }
        if (!filters.isEmpty()) {
            throw new IllegalStateException("rule " + rule.rule + " has literals that never become bound: "
                    + filters + "; this is a bug in the safety check");
        }
        return new Join(steps, pool, rule.slots.size(), rule.positives.size());
    }

    private static Window window(CompiledRule.AtomCode atom, int delta, Set<Relation> stratum) {
        if (delta < 0 || !stratum.contains(atom.relation())) {
            return Window.FULL;
        }
        return atom.ordinal() < delta ? Window.OLD : Window.FULL;
    }

    private static long cost(CompiledRule.AtomCode atom, Window window, boolean[] bound) {
        Relation relation = atom.relation();
        long rows = switch (window) {
            case OLD -> relation.deltaLo;
            case DELTA -> relation.deltaHi - relation.deltaLo;
            case FULL -> relation.deltaHi;
        };
        int keyed = 0;
        for (int code : atom.codes()) {
            if (code < CompiledRule.ANONYMOUS || (code >= 0 && bound[code])) {
                keyed++;
            }
        }
        if (keyed == atom.codes().length && keyed > 0) {
            return 1;
        }
        // Each bound position is assumed to cut the rows read by a factor of 16.
        return (rows >> Math.min(60, 4 * keyed)) + 2;
    }

    private static Step scan(CompiledRule.AtomCode atom, Window window, boolean[] bound) {
        Step step = new Step();
        step.kind = SCAN;
        step.atom = atom;
        step.window = window;
        List<Integer> keyPositions = new ArrayList<>();
        List<Integer> keySources = new ArrayList<>();
        List<Integer> bindPositions = new ArrayList<>();
        List<Integer> bindSlots = new ArrayList<>();
        int[] codes = atom.codes();
        boolean[] boundHere = bound.clone();
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code < CompiledRule.ANONYMOUS || (code >= 0 && bound[code])) {
                keyPositions.add(i);
                keySources.add(code);
            } else if (code >= 0) {
                // A variable repeated inside the atom binds at its first position and is checked after.
                bindPositions.add(i);
                bindSlots.add(boundHere[code] ? -(code + 1) : code);
                boundHere[code] = true;
            }
        }
        System.arraycopy(boundHere, 0, bound, 0, bound.length);
        step.keyPositions = keyPositions.stream().mapToInt(Integer::intValue).toArray();
        step.keySources = keySources.stream().mapToInt(Integer::intValue).toArray();
        step.key = new int[step.keyPositions.length];
        step.bindPositions = bindPositions.stream().mapToInt(Integer::intValue).toArray();
        step.bindSlots = bindSlots.stream().mapToInt(Integer::intValue).toArray();
        return step;
    }

    private static void addReadyFilters(CompiledRule rule, List<Object> filters, boolean[] bound, List<Step> steps) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < filters.size(); i++) {
                Step step = ready(rule, filters.get(i), bound);
                if (step != null) {
                    steps.add(step);
                    filters.remove(i);
                    progress = true;
                    break;
                }
            }
        }
    }

    private static Step ready(CompiledRule rule, Object filter, boolean[] bound) {
        if (filter instanceof CompiledRule.AtomCode atom) {
            List<Integer> keyPositions = new ArrayList<>();
            List<Integer> keySources = new ArrayList<>();
            for (int i = 0; i < atom.codes().length; i++) {
                int code = atom.codes()[i];
                if (code >= 0 && !bound[code]) {
                    return null;
                }
                if (code != CompiledRule.ANONYMOUS) {
                    keyPositions.add(i);
                    keySources.add(code);
                }
            }
            Step step = new Step();
            step.kind = NEGATION;
            step.atom = atom;
            step.keyPositions = keyPositions.stream().mapToInt(Integer::intValue).toArray();
            step.keySources = keySources.stream().mapToInt(Integer::intValue).toArray();
            step.key = new int[step.keyPositions.length];
            return step;
        }
        CompiledRule.ComparisonCode comparison = (CompiledRule.ComparisonCode) filter;
        List<String> unbound = new ArrayList<>();
        for (String variable : comparison.variables()) {
            if (!bound[rule.slots.get(variable)]) {
                unbound.add(variable);
            }
        }
        Step step = new Step();
        step.comparison = comparison;
        if (unbound.isEmpty()) {
            step.kind = COMPARE;
            return step;
        }
        if (unbound.size() != 1 || comparison.comparison().operator() != Literal.Operator.EQ) {
            return null;
        }
        int slot = rule.slots.get(unbound.get(0));
        if (comparison.left() instanceof Calc.Slot left && left.index() == slot) {
            step.assignValue = comparison.right();
        } else if (comparison.right() instanceof Calc.Slot right && right.index() == slot) {
            step.assignValue = comparison.left();
        } else {
            return null;
        }
        step.kind = rule.atomBound[slot] ? ASSIGN_MATCH : ASSIGN;
        step.assignSlot = slot;
        bound[slot] = true;
        return step;
    }

    /** Runs the join with {@code initial} slot values (only prebound ones matter). */
    void run(int[] initial, Sink target) {
        System.arraycopy(initial, 0, env, 0, Math.min(initial.length, env.length));
        this.sink = target;
        step(0);
    }

    void run(Sink target) {
        this.sink = target;
        step(0);
    }

    /** Ends the current run early: no more matches are delivered. */
    void stop() {
        stopped = true;
    }

    private void step(int index) {
        if (stopped) {
            return;
        }
        if (index == steps.length) {
            sink.accept(env, premiseRows);
            return;
        }
        Step step = steps[index];
        switch (step.kind) {
            case SCAN -> scan(step, index);
            case NEGATION -> {
                if (!present(step)) {
                    step(index + 1);
                }
            }
            case COMPARE -> {
                CompiledRule.ComparisonCode c = step.comparison;
                if (Calc.holds(c.comparison().operator(), c.left().eval(env, pool), c.right().eval(env, pool))) {
                    step(index + 1);
                }
            }
            case ASSIGN -> {
                Object value = step.assignValue.eval(env, pool);
                if (value != null) {
                    env[step.assignSlot] = pool.intern(value);
                    step(index + 1);
                }
            }
            default -> {
                // The atom that reads this variable matches exactly; trying each stored value that
                // equals the result numerically keeps '=' numeric whatever the join order.
                Object value = step.assignValue.eval(env, pool);
                if (value != null) {
                    for (int id : pool.numericallyEqual(value)) {
                        env[step.assignSlot] = id;
                        step(index + 1);
                    }
                }
            }
        }
    }

    private void fillKey(Step step) {
        int[] sources = step.keySources;
        for (int i = 0; i < sources.length; i++) {
            int code = sources[i];
            step.key[i] = code >= 0 ? env[code] : -(code + 2);
        }
    }

    private void scan(Step step, int index) {
        Relation relation = step.atom.relation();
        int lo;
        int hi;
        switch (step.window) {
            case OLD -> {
                lo = 0;
                hi = relation.deltaLo;
            }
            case DELTA -> {
                lo = relation.deltaLo;
                hi = relation.deltaHi;
            }
            default -> {
                lo = 0;
                hi = relation.deltaHi;
            }
        }
        if (lo >= hi) {
            return;
        }
        int ordinal = step.atom.ordinal();
        if (step.keyPositions.length == 0) {
            for (int row = lo; row < hi && !stopped; row++) {
                if (bind(step, relation, row)) {
                    premiseRows[ordinal] = row;
                    step(index + 1);
                }
            }
            return;
        }
        fillKey(step);
        if (step.keyPositions.length == relation.arity) {
            int row = relation.find(step.key);
            if (row >= lo && row < hi) {
                premiseRows[ordinal] = row;
                step(index + 1);
            }
            return;
        }
        Relation.Index idx = index(step, relation);
        for (int row = idx.first(step.key); row >= lo && !stopped; row = idx.next(row)) {
            if (row < hi && idx.matches(row, step.key) && bind(step, relation, row)) {
                premiseRows[ordinal] = row;
                step(index + 1);
            }
        }
    }

    /** The step's index, looked up once per plan and brought up to date on each use. */
    private static Relation.Index index(Step step, Relation relation) {
        if (step.index == null) {
            step.index = relation.index(step.keyPositions);
        } else {
            step.index.catchUp();
        }
        return step.index;
    }

    private boolean bind(Step step, Relation relation, int row) {
        int[] positions = step.bindPositions;
        int[] slots = step.bindSlots;
        for (int i = 0; i < positions.length; i++) {
            int value = relation.value(row, positions[i]);
            int slot = slots[i];
            if (slot >= 0) {
                env[slot] = value;
            } else if (env[-(slot + 1)] != value) {
                return false;
            }
        }
        return true;
    }

    private boolean present(Step step) {
        Relation relation = step.atom.relation();
        if (step.keyPositions.length == 0) {
            return relation.size() > 0;
        }
        fillKey(step);
        if (step.keyPositions.length == relation.arity) {
            return relation.find(step.key) >= 0;
        }
        Relation.Index idx = index(step, relation);
        for (int row = idx.first(step.key); row >= 0; row = idx.next(row)) {
            if (idx.matches(row, step.key)) {
                return true;
            }
        }
        return false;
    }
}
