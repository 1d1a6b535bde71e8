package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.evidence.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DerivationTest {

    private static final String REACH = """
            .decl edge(from, to).
            reach(X, Y) :- edge(X, Y).
            @weight(0.8)
            @name("reach-step")
            reach(X, Z) :- edge(X, Y), reach(Y, Z).
            """;

    @Test
    void countsEveryIndependentDerivation() {
        Model model = RuleProgram.parse("rules/reach.dl", REACH).evaluate(List.of(
                Fact.of("edge", "a", "b"), Fact.of("edge", "b", "d"), Fact.of("edge", "a", "c"), Fact.of("edge", "c", "d")));

        List<Derivation> derivations = model.derivations(Fact.of("reach", "a", "d"));

        assertThat(derivations).hasSize(2);
        assertThat(derivations).extracting(d -> d.rule().orElseThrow().name()).containsOnly("reach-step");
        assertThat(derivations).extracting(d -> d.rule().orElseThrow().weight()).containsOnly(0.8);
        assertThat(derivations.get(0).render()).isEqualTo("""
                reach("a", "d")  [reach-step]
                  edge(from="a", to="b")  [input]
                  reach("b", "d")  [reach#1]
                    edge(from="b", to="d")  [input]
                rules:
                  reach-step (rules/reach.dl:5): reach(X, Z) :- edge(X, Y), reach(Y, Z).
                  reach#1 (rules/reach.dl:2): reach(X, Y) :- edge(X, Y).
                """);
        assertThat(derivations.get(1).leaves()).containsExactly(Fact.of("edge", "a", "c"), Fact.of("edge", "c", "d"));
        assertThat(derivations.get(0)).isNotEqualTo(derivations.get(1));
    }

    @Test
    void aFactAlsoGivenAsEvidenceKeepsOneLeafDerivation() {
        Model model = RuleProgram.parse("rules/reach.dl", REACH).evaluate(List.of(Fact.of("edge", "a", "b")));

        List<Derivation> derivations = model.derivations(Fact.of("edge", "a", "b"));

        assertThat(derivations).containsExactly(new Derivation(Fact.of("edge", "a", "b"), Optional.empty(), List.of()));
        assertThat(derivations.get(0).leaves()).containsExactly(Fact.of("edge", "a", "b"));
    }

    @Test
    void circularJustificationsAreNotCounted() {
        Model model = RuleProgram.parse("rules/reach.dl", REACH).evaluate(List.of(
                Fact.of("edge", "a", "b"), Fact.of("edge", "b", "a")));

        // reach(a, b) via edge(a, b), reach(b, b) would need reach(a, b) itself to prove reach(b, b).
        assertThat(model.derivations(Fact.of("reach", "a", "b"))).singleElement()
                .satisfies(d -> assertThat(d.rule()).map(Rule::name).contains("reach#1"));
        assertThat(model.derivations(Fact.of("reach", "a", "a"))).hasSize(1);
    }

    @Test
    void manyDerivationsAreBounded() {
        List<Fact> complete = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                complete.add(Fact.of("edge", i, j));
            }
        }
        Model model = RuleProgram.parse("rules/reach.dl", REACH).evaluate(complete);

        assertThat(model.facts("reach")).hasSize(1600);
        List<Derivation> derivations = model.derivations(Fact.of("reach", 0, 1));
        // the base rule's one derivation, then the recursive rule's, bounded per rule
        assertThat(derivations).hasSize(1 + Model.MAX_DERIVATIONS).doesNotHaveDuplicates();
        assertThat(derivations.get(0).rule()).map(Rule::name).contains("reach#1");
    }

    @Test
    void longRecursiveChainsProveWithoutRecursionLimits() {
        List<Fact> chain = new ArrayList<>();
        int length = 5000;
        for (int i = 0; i < length; i++) {
            chain.add(Fact.of("next", i, i + 1));
        }
        chain.add(Fact.of("start", 0));
        Model model = RuleProgram.parse("rules/walk.dl", """
                at(X, 0) :- start(X).
                at(Y, N) :- at(X, M), next(X, Y), N = M + 1.
                """).evaluate(chain);

        Derivation proof = model.derivation(Fact.of("at", length, length)).orElseThrow();

        assertThat(proof.leaves()).hasSize(length + 1).startsWith(Fact.of("start", 0), Fact.of("next", 0, 1))
                .endsWith(Fact.of("next", length - 1, length));
        assertThat(proof.render().lines().count()).isEqualTo(2L * length + 2 + 1 + 2);
    }

    @Test
    void sharedSubproofsAreShownOnce() {
        Model model = RuleProgram.parse("rules/twice.dl", """
                base(X) :- seed(X).
                pair(X, Y) :- base(X), base(Y).
                """).evaluate(List.of(Fact.of("seed", 1)));

        assertThat(model.derivation(Fact.of("pair", 1, 1)).orElseThrow().render()).isEqualTo("""
                pair(1, 1)  [pair#1]
                  base(1)  [base#1]
                    seed(1)  [input]
                  base(1)  [base#1, shown above]
                rules:
                  pair#1 (rules/twice.dl:2): pair(X, Y) :- base(X), base(Y).
                  base#1 (rules/twice.dl:1): base(X) :- seed(X).
                """);
    }

    @Test
    void inputLeavesCannotCarryPremises() {
        Derivation leaf = new Derivation(Fact.of("a", 1), Optional.empty(), List.of());

        assertThatThrownBy(() -> new Derivation(Fact.of("b", 1), Optional.empty(), List.of(leaf)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a derivation without a rule is an input leaf and cannot have premises or notes, but b(1) "
                        + "has 1 premises and 0 notes; pass the rule that concluded it");
        assertThat(leaf.isInput()).isTrue();
        assertThat(leaf.toString()).isEqualTo("a(1) [input]");
    }
}
