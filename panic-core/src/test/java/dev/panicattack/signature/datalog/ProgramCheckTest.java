package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.evidence.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Safety, arity and stratification checks. */
class ProgramCheckTest {

    private static RuleException error(String source, String text) {
        try {
            RuleProgram.parse(source, text);
        } catch (RuleException e) {
            return e;
        }
        throw new AssertionError("expected a RuleException for: " + text);
    }

    @Test
    void variableOnlyInANegatedAtomIsUnsafe() {
        RuleException error = error("rules/deadlock.dl", """
                waits_for(T1, T2) :- blocked_on(T1, L, At), owns(T2, L, At).
                reaches(T1, T2) :- waits_for(T1, T2).
                reaches(T1, T3) :- waits_for(T1, T2), reaches(T2, T3).
                stuck(T) :- blocked_on(T, X, _), not released(L).
                """);

        assertThat(error).hasMessage("rules/deadlock.dl:4:47: unsafe rule: variable 'L' appears only in a negated "
                + "atom; bind it in a positive atom of the body");
        assertThat(error.source()).isEqualTo("rules/deadlock.dl");
        assertThat(error.line()).isEqualTo(4);
        assertThat(error.column()).isEqualTo(47);
    }

    @Test
    void headVariableMustBeBound() {
        assertThat(error("r.dl", "p(X, Y) :- q(X).")).hasMessage(
                "r.dl:1:6: unsafe rule: head variable 'Y' is not bound by the body; bind it in a positive atom of the body");
        assertThat(error("r.dl", "p(X) :- not q(X).")).hasMessage(
                "r.dl:1:15: unsafe rule: variable 'X' appears only in a negated atom; bind it in a positive atom of the body");
        assertThat(error("r.dl", "p(_) :- q(X).")).hasMessage("r.dl:1:3: unsafe rule: anonymous variable '_' in the "
                + "head of p; name the variable and bind it in a positive atom of the body");
        assertThat(error("r.dl", "p(count(Y)) :- q(X).")).hasMessage(
                "r.dl:1:9: unsafe rule: head variable 'Y' is not bound by the body; bind it in a positive atom of the body");
    }

    @Test
    void comparisonVariablesMustBeBound() {
        assertThat(error("r.dl", "p(X) :- q(X), Y > 3.")).hasMessage("r.dl:1:15: unsafe rule: variable 'Y' in "
                + "comparison 'Y > 3' is not bound; bind it in a positive atom of the body or assign it with 'Y = expression'");
        assertThat(error("r.dl", "p(X) :- q(X), X < Y + 1.")).hasMessage("r.dl:1:19: unsafe rule: variable 'Y' in "
                + "comparison 'X < (Y + 1)' is not bound; bind it in a positive atom of the body or assign it with "
                + "'Y = expression'");
        assertThat(error("r.dl", "p(X) :- q(X), _ > 1.")).hasMessage("r.dl:1:15: unsafe rule: anonymous variable '_' "
                + "in comparison '_ > 1'; use a named variable bound in a positive atom");
        // Two unbound variables cannot be assigned from each other.
        assertThat(error("r.dl", "p(X) :- q(X), Y = Z.")).hasMessage("r.dl:1:15: unsafe rule: variable 'Y' in "
                + "comparison 'Y = Z' is not bound; bind it in a positive atom of the body or assign it with 'Y = expression'");
    }

    @Test
    void assignmentsBindVariablesInAnyOrder() {
        RuleProgram program = RuleProgram.parse("r.dl", """
                p(X, Z) :- Z = Y * 2, Y = X + 1, q(X), not r(Z).
                r(4).
                """);

        Model model = program.evaluate(List.of(Fact.of("q", 1), Fact.of("q", 3), Fact.of("q", 2.5)));

        // X = 1 gives Z = 4, which r(4) excludes.
        assertThat(model.facts("p")).containsExactlyInAnyOrder(Fact.of("p", 3, 8), Fact.of("p", 2.5, 7.0));
    }

    @Test
    void arityIsFixedByFirstUse() {
        assertThat(error("r.dl", "p(X) :- q(X, Y).\nr(Y) :- q(Y).")).hasMessage("r.dl:2:9: arity mismatch: q is used "
                + "with 1 argument, but has 2 (first used at r.dl:1:9); use the same number of arguments everywhere "
                + "or rename one predicate");
        assertThat(error("r.dl", "limit(\"heap\", 90).\nlimit(1).")).hasMessage("r.dl:2:1: arity mismatch: limit is "
                + "used with 1 argument, but has 2 (first used at r.dl:1:1); use the same number of arguments "
                + "everywhere or rename one predicate");
    }

    @Test
    void declarationFixesArityEvenWhenWrittenLater() {
        assertThat(error("r.dl", "p(X) :- heap_used(X).\n.decl heap_used(t, bytes).")).hasMessage(
                "r.dl:1:9: arity mismatch: heap_used is used with 1 argument, but has 2 (declared at r.dl:2:1); use "
                        + "the same number of arguments everywhere or rename one predicate");
        assertThat(error("r.dl", ".decl p(a).\n.decl p(a, b).")).hasMessage("r.dl:2:1: predicate p is declared again "
                + "with arguments [a, b], but was declared with [a] at r.dl:1:1; keep one declaration");
    }

    @Test
    void combiningFilesChecksAritiesAcrossThem() {
        RuleProgram first = RuleProgram.parse("rules/a.dl", "p(X) :- q(X, _).");
        RuleProgram second = RuleProgram.parse("rules/b.dl", "\n  r(X) :- q(X).");

        assertThatThrownBy(() -> first.with(second)).isInstanceOf(RuleException.class).hasMessage(
                "rules/b.dl:2:11: arity mismatch: q is used with 1 argument, but has 2 (first used at rules/a.dl:1:9); "
                        + "use the same number of arguments everywhere or rename one predicate");
        RuleProgram combined = RuleProgram.combine(List.of(first, RuleProgram.parse("rules/c.dl", "s(X) :- p(X).")));
        assertThat(combined.rules()).extracting(Rule::source).containsExactly("rules/a.dl", "rules/c.dl");
        assertThat(combined.evaluate(List.of(Fact.of("q", "a", 1))).facts("s")).containsExactly(Fact.of("s", "a"));
    }

    @Test
    void inputFactsMustMatchTheArity() {
        RuleProgram program = RuleProgram.parse("rules/heap.dl", "high(T) :- heap_used(T, B), B > 100.");

        assertThatThrownBy(() -> program.evaluate(List.of(Fact.of("heap_used", 5))))
                .isInstanceOf(RuleException.class)
                .hasMessage("rules/heap.dl:1:12: arity mismatch: input fact heap_used(5) has 1 value, but the rules "
                        + "use heap_used with 2 (first used here); emit 2 values or change the rules");
    }

    @Test
    void stratifiedNegationAndAggregationAreAccepted() {
        RuleProgram program = RuleProgram.parse("r.dl", """
                reach(X, Y) :- edge(X, Y).
                reach(X, Z) :- reach(X, Y), edge(Y, Z).
                unreachable(X, Y) :- node(X), node(Y), not reach(X, Y).
                fanout(X, count(Y)) :- reach(X, Y).
                lonely(X) :- node(X), not fanout(X, _).
                """);

        assertThat(program.rules()).hasSize(5);
    }

    @Test
    void cycleThroughNegationIsRejectedWithThePredicatesAndLocation() {
        RuleException error = error("rules/win.dl", """
                move(X, Y) :- edge(X, Y).
                win(X) :- move(X, Y), not lose(Y).
                lose(X) :- node(X), not win(X).
                """);

        assertThat(error).hasMessage("rules/win.dl:2:27: unstratifiable program: win depends on 'not lose' in rule "
                + "win#1, but lose depends on win (cycle win -> lose -> win); a predicate used under 'not' or in an "
                + "aggregate must be computable without the rule's head: break the cycle");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(27);
    }

    @Test
    void selfNegationAndAggregateCyclesAreRejected() {
        assertThat(error("r.dl", "p(X) :- q(X), not p(X).")).hasMessage("r.dl:1:19: unstratifiable program: p "
                + "depends on 'not p' in rule p#1, but p depends on p (cycle p -> p); a predicate used under 'not' or "
                + "in an aggregate must be computable without the rule's head: break the cycle");
        assertThat(error("r.dl", "total(count(X)) :- item(X).\nitem(N) :- total(N).")).hasMessage("r.dl:1:1: "
                + "unstratifiable program: total aggregates over item in rule total#1, but item depends on total "
                + "(cycle total -> item -> total); a predicate used under 'not' or in an aggregate must be computable "
                + "without the rule's head: break the cycle");
    }

    @Test
    void combiningFilesCanCreateAnUnstratifiableCycle() {
        RuleProgram first = RuleProgram.parse("a.dl", "p(X) :- r(X), not q(X).");
        RuleProgram second = RuleProgram.parse("b.dl", "q(X) :- p(X).");

        assertThatThrownBy(() -> first.with(second)).isInstanceOf(RuleException.class)
                .hasMessageStartingWith("a.dl:1:19: unstratifiable program: p depends on 'not q' in rule p#1, "
                        + "but q depends on p (cycle p -> q -> p)");
    }
}
