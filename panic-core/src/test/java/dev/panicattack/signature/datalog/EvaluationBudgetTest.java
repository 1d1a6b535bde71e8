package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.evidence.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A program that recurses without end stops at its budget of derived facts, naming the rule that grew. */
class EvaluationBudgetTest {

    @Test
    void aRuleThatCountsForeverStopsAtTheBudgetWithTheRuleAndThePredicate() {
        RuleProgram runaway = RuleProgram.parse("panic/rules/runaway.dl", """
                n(0).
                % one more each round, for ever
                n(X) :- n(Y), X = Y + 1.
                """);

        assertThatThrownBy(() -> runaway.evaluate(List.of(), 1000))
                .isInstanceOf(RuleException.class)
                .hasMessage("panic/rules/runaway.dl:3:1: rule evaluation stopped after deriving more than 1000 facts"
                        + " (its budget): rule n#1 (n(X) :- n(Y), X = Y + 1.) derived 1001 of them, growing n to 1002"
                        + " facts. A recursive rule that computes a new value each round (such as X = Y + 1) never stops:"
                        + " bound it (for example with Y < 1000). If the evidence really needs more facts, raise the"
                        + " budget with the JUnit configuration parameter panic.rules.maxDerivedFacts (or"
                        + " SignatureEngine.withMaxDerivedFacts)");
    }

    @Test
    void theRuleThatDerivedTheMostIsNamedNotTheOneThatCrossedTheBudget() {
        RuleProgram runaway = RuleProgram.parse("mixed.dl", """
                pair(X, Y) :- item(X), item(Y).
                n(0).
                n(X) :- n(Y), X = Y + 1.
                """);
        List<Fact> items = List.of(Fact.of("item", 1), Fact.of("item", 2), Fact.of("item", 3));

        assertThatThrownBy(() -> runaway.evaluate(items, 100))
                .isInstanceOf(RuleException.class)
                .hasMessageStartingWith("mixed.dl:3:1: rule evaluation stopped after deriving more than 100 facts"
                        + " (its budget): rule n#1 (n(X) :- n(Y), X = Y + 1.) derived 92 of them, growing n to 93 facts.");
    }

    @Test
    void aBoundedRecursionWithinTheBudgetDerivesAndCountsItsFacts() {
        RuleProgram bounded = RuleProgram.parse("bounded.dl", """
                n(0).
                n(X) :- n(Y), Y < 1000, X = Y + 1.
                """);

        Model model = bounded.evaluate(List.of(), 1000);

        assertThat(model.derivedFacts()).isEqualTo(1000);
        assertThat(model.facts("n")).hasSize(1001);
        assertThatThrownBy(() -> bounded.evaluate(List.of(), 999)).isInstanceOf(RuleException.class)
                .hasMessageStartingWith("bounded.dl:2:1: rule evaluation stopped after deriving more than 999 facts");
    }

    @Test
    void aBudgetBelowOneIsRefused() {
        RuleProgram program = RuleProgram.parse("p.dl", "p(1).");

        assertThatThrownBy(() -> program.evaluate(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the budget of derived facts must be at least 1, but was 0; the default is "
                        + RuleProgram.DEFAULT_MAX_DERIVED_FACTS);
    }
}
