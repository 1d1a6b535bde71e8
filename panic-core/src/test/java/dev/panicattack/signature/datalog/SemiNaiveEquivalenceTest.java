package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.evidence.Fact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property-style: on random graphs (fixed seeds) semi-naive equals naive equals a plain-Java oracle. */
class SemiNaiveEquivalenceTest {

    private static final String PROGRAM = """
            reach(X, Y) :- edge(X, Y).
            reach(X, Z) :- reach(X, Y), reach(Y, Z).
            left(X, Y) :- edge(X, Y).
            left(X, Z) :- edge(X, Y), left(Y, Z).
            same_gen(X, X) :- node(X).
            same_gen(X, Y) :- edge(P, X), same_gen(P, Q), edge(Q, Y).
            cyclic(X) :- reach(X, X).
            acyclic(X) :- node(X), not cyclic(X).
            out_degree(X, count(Y)) :- edge(X, Y).
            hub(X) :- out_degree(X, D), D >= 3.
            far(X, Y) :- reach(X, Y), not edge(X, Y), X != Y.
            """;

    private static List<Fact> randomGraph(long seed) {
        Random random = new Random(seed);
        int nodes = 5 + random.nextInt(25);
        int edges = random.nextInt(nodes * 2);
        List<Fact> facts = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            facts.add(Fact.of("node", n));
        }
        for (int e = 0; e < edges; e++) {
            facts.add(Fact.of("edge", random.nextInt(nodes), random.nextInt(nodes)));
        }
        return facts;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void semiNaiveEqualsNaiveAndTheOracle(long seed) {
        RuleProgram program = RuleProgram.parse("rules/graph.dl", PROGRAM);
        List<Fact> facts = randomGraph(seed);

        Model semiNaive = program.evaluate(facts);
        Model naive = new Evaluator(program, true).run(facts);

        for (String predicate : List.of("reach", "left", "same_gen", "cyclic", "acyclic", "out_degree", "hub", "far")) {
            assertThat(new HashSet<>(semiNaive.facts(predicate))).as(predicate + " with seed " + seed)
                    .isEqualTo(new HashSet<>(naive.facts(predicate)));
        }
        Set<Fact> closure = oracleClosure(facts);
        assertThat(new HashSet<>(semiNaive.facts("reach"))).isEqualTo(closure);
        assertThat(semiNaive.facts("left")).extracting(fact -> Fact.of("reach", fact.values().toArray()))
                .containsExactlyInAnyOrderElementsOf(closure);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void everyDerivedFactHasAWellFoundedFirstProof(long seed) {
        RuleProgram program = RuleProgram.parse("rules/graph.dl", PROGRAM);
        Model model = program.evaluate(randomGraph(seed));

        for (Fact fact : model.facts("reach")) {
            for (Derivation derivation : model.derivations(fact)) {
                assertThat(derivation.conclusion()).isEqualTo(fact);
                assertThat(derivation.premises()).extracting(Derivation::conclusion).allSatisfy(premise ->
                        assertThat(model.contains(premise)).isTrue());
                assertThat(derivation.leaves()).allSatisfy(leaf -> assertThat(leaf.predicate()).isEqualTo("edge"));
            }
        }
    }

    private static Set<Fact> oracleClosure(List<Fact> facts) {
        int size = 0;
        for (Fact fact : facts) {
            if (fact.predicate().equals("node")) {
                size++;
            }
        }
        boolean[][] reach = new boolean[size][size];
        for (Fact fact : facts) {
            if (fact.predicate().equals("edge")) {
                reach[((Long) fact.values().get(0)).intValue()][((Long) fact.values().get(1)).intValue()] = true;
            }
        }
        for (int k = 0; k < size; k++) {
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    reach[i][j] |= reach[i][k] && reach[k][j];
                }
            }
        }
        Set<Fact> closure = new HashSet<>();
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if (reach[i][j]) {
                    closure.add(Fact.of("reach", i, j));
                }
            }
        }
        return closure;
    }
}
